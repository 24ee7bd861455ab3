"""The body of an unknown page as trafilatura reads it, as paragraph and heading blocks."""

from __future__ import annotations

from typing import Any

import trafilatura

from newscrawl.outlets.common import clean_text

# Below this many characters a reading is done again in full, and trafilatura's default
# mode is tried too: its precise mode now and then keeps only a sliver of a body...
SHORT_BODY = 1200
# ... and taken when the precise one has less than this share of its text.
SLIVER = 0.5
# Elements of trafilatura's output format that hold blocks rather than running text.
_CONTAINERS = frozenset({"list", "quote", "table", "div", "main", "body", "doc", "item"})
_SKIPPED = frozenset({"graphic", "comments", "fw"})


def read_body(text: str, url: str, prune_xpath: list[str] | None = None) -> list[dict[str, str]]:
    """Blocks of the article body trafilatura finds in the page ``text``: its sub-headings
    as headings, paragraphs, list items, quotes and table rows as paragraphs.

    Precise mode, first without trafilatura's fallback extractors (twice as fast, and the
    same text on most pages); a short reading is done again in full, and the default
    mode's reading is taken when the precise one is a sliver of it."""
    body = _blocks(text, url, prune_xpath, favor_precision=True, fast=True)
    if _size(body) >= SHORT_BODY:
        return body
    body = _blocks(text, url, prune_xpath, favor_precision=True)
    size = _size(body)
    if size < SHORT_BODY:
        fuller = _blocks(text, url, prune_xpath)
        if size < SLIVER * _size(fuller):
            return fuller
    return body


def _blocks(text: str, url: str, prune_xpath: list[str] | None, **mode: bool) -> list[dict]:
    found = trafilatura.bare_extraction(
        text,
        url=url or None,
        include_comments=False,
        prune_xpath=prune_xpath or None,
        with_metadata=False,
        **mode,
    )
    out: list[dict[str, str]] = []
    if found is not None and found.body is not None:
        _walk(found.body, out)
    return [b for b in out if b["text"]]


def _walk(el: Any, out: list[dict[str, str]]) -> None:
    _add(out, "paragraph", el.text)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "head":
            _add(out, "heading", _inline(child))
        elif tag == "row":
            cells = [clean_text(_inline(c)) for c in child]
            _add(out, "paragraph", " ".join(c for c in cells if c))
        elif tag in _CONTAINERS or _has_blocks(child):
            _walk(child, out)
        elif tag and tag not in _SKIPPED:
            _add(out, "paragraph", _inline(child))
        _add(out, "paragraph", child.tail)


def _has_blocks(el: Any) -> bool:
    return any(isinstance(c.tag, str) and c.tag in _CONTAINERS | {"p", "head"} for c in el)


def _inline(el: Any) -> str:
    parts = [el.text or ""]
    for child in el:
        parts.append(" " if child.tag == "lb" else _inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _add(out: list[dict[str, str]], kind: str, text: str | None) -> None:
    text = clean_text(text)
    if text:
        out.append({"type": kind, "text": text})


def _size(body: list[dict[str, str]]) -> int:
    return sum(len(b["text"]) for b in body)
