"""The changed words of a change record as short snippets with context, for cards, feeds, alerts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newscrawl.diffing.classify import LEVELS
from newscrawl.diffing.words import is_word, tokenise

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
_OPS = {"=": EQUAL, "+": INSERT, "-": DELETE}

ELLIPSIS = "\u2026"
"""Marks text left out: ends a changed run cut short (a long added paragraph), and
stands for the cut context in ``render_text``."""

LONG_RUN = 4
"""A changed run longer than ``LONG_RUN * context`` words is cut to that many."""

# Edits whose text is shown elsewhere (the headline before/after) or that change no words.
_SKIPPED = frozenset({"headline_changed", "section_changed"})


def headline_change(change: Mapping[str, Any]) -> dict[str, Any] | None:
    """The headline before and after (``{"old", "new", "segments"}``, segments as in a
    snippet), or None when the change left the headline alone."""
    for edit in change.get("edits") or []:
        if edit.get("type") == "headline_changed":
            return {
                "old": edit.get("old") or "",
                "new": edit.get("new") or "",
                "segments": _segments(edit),
            }
    return None


def change_snippets(change: Mapping[str, Any], limit: int = 3, context: int = 6) -> list[dict]:
    """Up to ``limit`` snippets of the changed words of ``change`` (a change record), each
    with at most ``context`` unchanged words either side.

    Each snippet is ``{"type": edit type, "significance": str, "segments": [{"op":
    "equal"|"insert"|"delete", "text": str}, ...], "cut_before": bool, "cut_after":
    bool}``; ``cut_before``/``cut_after`` say that text of the paragraph was left out
    before/after (show "..."). Joining the ``equal`` and ``delete`` texts gives the old
    excerpt, ``equal`` and ``insert`` the new one (a run cut short ends in "…").

    The headline is not a snippet (see ``headline_change``). The most significant edits
    are chosen first; the snippets come back in reading order.
    """
    found: list[tuple[int, int, dict]] = []
    for order, edit in enumerate(change.get("edits") or []):
        if edit.get("type") in _SKIPPED:
            continue
        rank = LEVELS.index(edit.get("significance")) if edit.get("significance") in LEVELS else 0
        for part, snippet in enumerate(edit_snippets(edit, context)):
            found.append((rank, order * 10_000 + part, snippet))
    chosen = sorted(found, key=lambda f: (-f[0], f[1]))[: max(limit, 0)]
    return [snippet for _, _, snippet in sorted(chosen, key=lambda f: f[1])]


def edit_snippets(edit: Mapping[str, Any], context: int = 6) -> list[dict]:
    """The snippets of one typed edit: one per cluster of changed words."""
    segments = _segments(edit)
    if not any(s["op"] != EQUAL for s in segments):
        return []  # an exact move, a reflow: no words changed
    snippets = []
    for start, end in _clusters(segments, context):
        part, cut_before, cut_after = _window(segments, start, end, context)
        snippets.append(
            {
                "type": edit.get("type"),
                "significance": edit.get("significance"),
                "segments": part,
                "cut_before": cut_before,
                "cut_after": cut_after,
            }
        )
    return snippets


def render_text(snippet: Mapping[str, Any], style: str = "markdown") -> str:
    """A snippet as one line of text. ``markdown``: ``... will be ~~reluctant~~
    **willing** to ...``; ``wdiff``: ``... will be [-reluctant-] {+willing+} to ...``
    (plain text that no renderer reads as markup: alerts, exports)."""
    marks = _MARKS[style]
    out = [f"{ELLIPSIS} "] if snippet.get("cut_before") else []
    previous = EQUAL
    for seg in snippet["segments"]:
        text, op = seg["text"], seg["op"]
        core = text.strip()
        if op == EQUAL or not core:
            out.append(text)
        else:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            if previous != EQUAL and not lead and out and not out[-1].endswith(" "):
                lead = " "  # a deletion directly followed by its replacement
            opening, closing = marks[op]
            out.append(f"{lead}{opening}{core}{closing}{trail}")
        previous = op
    line = " ".join("".join(out).split())
    return f"{line} {ELLIPSIS}" if snippet.get("cut_after") else line


_MARKS = {
    "markdown": {DELETE: ("~~", "~~"), INSERT: ("**", "**")},
    "wdiff": {DELETE: ("[-", "-]"), INSERT: ("{+", "+}")},
}


def _segments(edit: Mapping[str, Any]) -> list[dict[str, str]]:
    """The edit's word-level segments; a block added or removed whole is one run."""
    raw = edit.get("segments")
    if raw is None:
        old, new = edit.get("old"), edit.get("new")
        if str(edit.get("type", "")).endswith("_moved") and old == new:
            raw = [["=", new or ""]]
        else:
            raw = [["-", old or ""], ["+", new or ""]]
            if (old or "") == (new or ""):
                raw = [["=", new or ""]]
    out: list[dict[str, str]] = []
    for op, text in raw:
        if not text:
            continue
        if out and out[-1]["op"] == _OPS[op]:
            out[-1]["text"] += text
        else:
            out.append({"op": _OPS[op], "text": text})
    return out


def _words(text: str) -> int:
    return sum(1 for t in tokenise(text) if is_word(t))


def _clusters(segments: list[dict], context: int) -> list[tuple[int, int]]:
    """Index ranges ``[start, end]`` of changed segments close enough to share a snippet
    (at most ``2 * context`` unchanged words between them)."""
    clusters: list[list[int]] = []
    for i, seg in enumerate(segments):
        if seg["op"] == EQUAL:
            continue
        if clusters:
            gap = segments[clusters[-1][1] + 1 : i]
            if sum(_words(s["text"]) for s in gap) <= 2 * context:
                clusters[-1][1] = i
                continue
        clusters.append([i, i])
    return [(a, b) for a, b in clusters]


def _tail(text: str, words: int) -> tuple[str, bool]:
    """The last ``words`` words of ``text`` (with what follows them); True when cut."""
    tokens = tokenise(text)
    seen = 0
    for k in range(len(tokens) - 1, -1, -1):
        if is_word(tokens[k]):
            seen += 1
            if seen > words:
                rest = "".join(tokens[k + 1 :]).lstrip()
                return rest, True
    return text, False


def _head(text: str, words: int) -> tuple[str, bool]:
    """The first ``words`` words of ``text`` (with what precedes them); True when cut."""
    tokens = tokenise(text)
    seen = 0
    for k, token in enumerate(tokens):
        if is_word(token):
            seen += 1
            if seen > words:
                return "".join(tokens[:k]).rstrip(), True
    return text, False


def _window(
    segments: list[dict], start: int, end: int, context: int
) -> tuple[list[dict], bool, bool]:
    part = [dict(s) for s in segments[start : end + 1]]
    for seg in part:
        if seg["op"] != EQUAL and _words(seg["text"]) > LONG_RUN * context:
            seg["text"] = _head(seg["text"], LONG_RUN * context)[0] + ELLIPSIS
    cut_before = cut_after = False
    if start > 0:
        text, cut_before = _tail(segments[start - 1]["text"], context)
        if text:
            part.insert(0, {"op": EQUAL, "text": text})
    if end + 1 < len(segments):
        text, cut_after = _head(segments[end + 1]["text"], context)
        if text:
            part.append({"op": EQUAL, "text": text})
    return part, cut_before, cut_after
