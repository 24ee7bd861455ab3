"""The body of an article as paragraph and heading blocks, in reading order."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import lxml.html

from newscrawl.outlets.common import clean_text, has_words

HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    }
)
NEVER_TEXT = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "img",
        "picture",
        "video",
        "audio",
        "source",
        "canvas",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "label",
        "figure",
        "figcaption",
        "aside",
        "nav",
        "meta",
        "link",
        "table",
        "head",
        "title",
    }
)


_NOT_BLOCKS = INLINE | NEVER_TEXT | {"br"}


def body_blocks(
    root: lxml.html.HtmlElement,
    skip: Callable[[Any], bool],
    heading: Callable[[Any], bool] | None = None,
) -> list[dict[str, str]]:
    """The body under ``root`` as ``{"type": "paragraph"|"heading", "text"}`` blocks in
    reading order. Every block element (p, li, blockquote, div...) ends a paragraph,
    so list items and quoted paragraphs stay separate; ``<br>`` is a space.
    ``skip(element)`` drops an element and everything in it (captions, promos, ads).
    ``h2``-``h6`` are headings; ``heading(element)`` names further sub-heading elements
    of templates that mark them otherwise (a styled span, an all-bold paragraph)."""
    blocks: list[dict[str, str]] = []
    buf: list[str] = []
    _walk(root, skip, heading or (lambda _: False), blocks, buf)
    blocks.append({"type": "paragraph", "text": clean_text("".join(buf))})
    return [b for b in blocks if b["text"]]


def _walk(
    el: Any,
    skip: Callable[[Any], bool],
    heading: Callable[[Any], bool],
    blocks: list,
    buf: list[str],
) -> None:
    def flush() -> None:
        text = clean_text("".join(buf))
        buf.clear()
        if text:
            blocks.append({"type": "paragraph", "text": text})

    if el.text:
        buf.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and not _skipped(child, skip):
            tag = child.tag.lower()
            if tag in HEADINGS or heading(child):
                flush()
                blocks.append({"type": "heading", "text": clean_text(inline_text(child, skip))})
            elif tag == "br":
                buf.append(" ")
            elif tag in INLINE and not _has_blocks(child):
                buf.append(inline_text(child, skip))
            else:
                flush()
                _walk(child, skip, heading, blocks, buf)
                flush()
        if child.tail:
            buf.append(child.tail)


def paragraphs(body: list[dict[str, str]]) -> list[str]:
    """The text of the paragraph blocks, in order."""
    return [b["text"] for b in body if b["type"] == "paragraph"]


def split_corrections(
    body: list[dict[str, str]],
    correction: re.Pattern[str],
    not_body: re.Pattern[str] | None = None,
    end: re.Pattern[str] | None = None,
) -> tuple[list[dict[str, str]], list[str]]:
    """(body blocks, correction notes): paragraphs matching ``correction`` become notes;
    paragraphs without words or matching ``not_body`` are dropped; a block matching
    ``end`` ends the body (a comments form inside the story's markup)."""
    kept: list[dict[str, str]] = []
    corrections: list[str] = []
    for block in body:
        text = block["text"]
        if end is not None and end.match(text):
            break
        if block["type"] == "paragraph" and correction.match(text):
            corrections.append(text)
        elif block["type"] == "heading" or (
            has_words(text) and not (not_body is not None and not_body.match(text))
        ):
            kept.append(block)
    return kept, corrections


def inline_text(el: Any, skip: Callable[[Any], bool] = lambda _: False) -> str:
    """Text of ``el`` and its descendants, skipped elements left out, ``<br>`` as space."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not _skipped(child, skip):
            parts.append(" " if child.tag.lower() == "br" else inline_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _skipped(el: Any, skip: Callable[[Any], bool]) -> bool:
    return el.tag.lower() in NEVER_TEXT or el.get("hidden") is not None or skip(el)


def _has_blocks(el: Any) -> bool:
    # What is inside a never-text element (an icon's <svg><path>) is no block of text.
    for child in el:
        if not isinstance(child.tag, str) or child.tag.lower() in NEVER_TEXT:
            continue
        if child.tag.lower() not in _NOT_BLOCKS or _has_blocks(child):
            return True
    return False


def classes(el: Any) -> set[str]:
    """The element's class names."""
    return set((el.get("class") or "").split())


def class_starts_with(el: Any, prefixes: tuple[str, ...]) -> bool:
    """Whether one of the element's class names begins with one of ``prefixes``."""
    return any(c.startswith(prefixes) for c in classes(el))
