"""One line per change record, for crawl logs: what changed, in words a person reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newscrawl.diffing.snippets import headline_change

# Headlines and titles are cut to this many characters in a log line.
MAX_TEXT = 100


def shorten(text: str | None, limit: int = MAX_TEXT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def describe_change(change: Mapping[str, Any]) -> str:
    """``guardian: headline changed: Old → New [substantive] (v3)``, or for other
    changes ``guardian: body changed [substantive, uncorrected]: Title: 1 paragraph
    edited (+3/-1 words) (v3)``. A headline change that came with other edits names
    them too."""
    outlet = change.get("outlet") or "?"
    number = change.get("to_version")
    summary = change.get("summary") or ""
    flags = [change.get("significance") or "?"]
    if change.get("uncorrected"):
        flags.append("uncorrected")
    headline = headline_change(change)
    if headline is not None:
        line = (
            f"{outlet}: headline changed: {shorten(headline.get('old'))} → "
            f"{shorten(headline.get('new'))}"
        )
        others = [k for k in change.get("kinds") or () if k != "headline"]
        if others:
            line += f"; also {', '.join(others)}: {summary}"
        return f"{line} [{', '.join(flags)}] (v{number})"
    kinds = ", ".join(change.get("kinds") or ()) or "text"
    return (
        f"{outlet}: {kinds} changed [{', '.join(flags)}]: {shorten(change.get('title'))}: "
        f"{summary} (v{number})"
    )
