"""What a feed entry says: the change's summary, headline and changed words as text and as
a compact HTML diff, so a feed reader shows the edit itself."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from newscrawl.diffing.snippets import render_text
from newscrawl.store import Record

EVENT_LABELS = {"gone": "Taken down", "redirected": "Redirected", "flipflop": "Headline flip-flop"}
# Inline styles only: feed readers drop stylesheets, and colour alone must not carry meaning.
_INS = "background:#dcf5e3;text-decoration:underline"
_DEL = "background:#fde2e1;text-decoration:line-through"


def _segments(segments: list[dict[str, Any]]) -> Markup:
    out = []
    for seg in segments:
        text = escape(seg.get("text") or "")
        if seg.get("op") == "insert":
            out.append(Markup('<ins style="{}">{}</ins>').format(_INS, text))
        elif seg.get("op") == "delete":
            out.append(Markup('<del style="{}">{}</del>').format(_DEL, text))
        else:
            out.append(text)
    return Markup("").join(out)


def _snippet_html(snippet: dict[str, Any]) -> Markup:
    before = "… " if snippet.get("cut_before") else ""
    after = " …" if snippet.get("cut_after") else ""
    return Markup('<p dir="auto">{}{}{}</p>').format(before, _segments(snippet["segments"]), after)


def _headline_html(headline: dict[str, Any]) -> Markup:
    if headline.get("segments"):
        words = _segments(headline["segments"])
    else:
        words = Markup('<del style="{}">{}</del> → <ins style="{}">{}</ins>').format(
            _DEL, headline.get("old") or "", _INS, headline.get("new") or ""
        )
    return Markup('<p dir="auto"><strong>Headline:</strong> {}</p>').format(words)


def change_html(change: Record) -> str:
    """Summary, headline before/after and up to three snippets as HTML (untrusted text
    escaped)."""
    parts = [
        Markup("<p>{} [{}{}]</p>").format(
            change.get("summary") or "",
            change.get("significance") or "unknown",
            "; no correction note" if change.get("uncorrected") else "",
        )
    ]
    if change.get("headline"):
        parts.append(_headline_html(change["headline"]))
    parts += [_snippet_html(s) for s in change.get("snippets") or []]
    parts.append(
        Markup("<p>{}: version {} to {}</p>").format(
            change.get("outlet") or "", change["from_version"], change["to_version"]
        )
    )
    return str(Markup("\n").join(parts))


def change_text(change: Record) -> str:
    """The same as one paragraph of text: ``~~deleted~~ **inserted**``."""
    kinds = ", ".join(change.get("kinds") or [])
    lines = [
        f"{change.get('summary') or ''} [{change.get('significance')}; {kinds}] "
        f"{change.get('outlet')}: version {change['from_version']} to {change['to_version']}"
    ]
    headline = change.get("headline")
    if headline and headline.get("segments"):
        lines.append("Headline: " + render_text({"segments": headline["segments"]}))
    elif headline:
        lines.append(f"Headline: {headline.get('old') or ''} → {headline.get('new') or ''}")
    lines += [render_text(s) for s in change.get("snippets") or []]
    return "\n".join(lines)


def event_title(event: Record) -> str:
    """``"Taken down: <headline>"``."""
    label = EVENT_LABELS.get(event.get("kind") or "", str(event.get("kind")))
    return f"{label}: {event.get('title') or event.get('url')}"


def event_text(event: Record) -> str:
    return f"{event_title(event)} ({event.get('detail') or ''}) {event.get('outlet') or ''}"
