"""Changed words on a terminal: coloured on a TTY, ``[-old-]{+new+}`` marks otherwise."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from newscrawl.diffing.snippets import ELLIPSIS

# Deletions are red and struck through, insertions green and underlined: never told
# apart by colour alone. Plain text uses wdiff's marks.
ANSI = {"delete": "\x1b[31;9m", "insert": "\x1b[32;4m", "bold": "\x1b[1m", "dim": "\x1b[2m"}
RESET = "\x1b[0m"
PLAIN = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
OPS = {"=": "equal", "+": "insert", "-": "delete"}


def add_colour_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the changed words: auto (on a terminal, unless NO_COLOR is set), "
        "always or never; without colour they are marked [-deleted-] {+inserted+}",
    )


def wants_colour(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Painter:
    """Marks text as deleted, inserted, bold or dim, in colour or in plain text."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def op(self, op: str, text: str) -> str:
        if op == "equal" or not text.strip():
            return text
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        if self.colour:
            return f"{lead}{ANSI[op]}{core}{RESET}{trail}"
        start, end = PLAIN[op]
        return f"{lead}{start}{core}{end}{trail}"

    def bold(self, text: str) -> str:
        return f"{ANSI['bold']}{text}{RESET}" if self.colour else text

    def dim(self, text: str) -> str:
        return f"{ANSI['dim']}{text}{RESET}" if self.colour else text

    def segments(self, segments: Iterable[Any]) -> str:
        """Segments as ``{"op": "equal"|"insert"|"delete", "text"}`` (snippets) or
        ``[op, text]`` with op ``=``, ``+``, ``-`` (change records), on one line."""
        out: list[str] = []
        previous = "equal"
        for seg in segments:
            if isinstance(seg, Mapping):
                op, text = seg["op"], seg["text"]
            else:
                op, text = OPS[seg[0]], seg[1]
            if op != "equal" and previous != "equal" and out and not text[:1].isspace():
                out.append(" ")  # a deletion directly followed by its replacement
            out.append(self.op(op, text))
            previous = op
        return " ".join("".join(out).split())

    def snippet(self, snippet: Mapping[str, Any]) -> str:
        line = self.segments(snippet["segments"])
        if snippet.get("cut_before"):
            line = f"{ELLIPSIS} {line}"
        if snippet.get("cut_after"):
            line = f"{line} {ELLIPSIS}"
        return line
