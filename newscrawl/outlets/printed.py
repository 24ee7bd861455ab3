"""Headline and byline as a page prints them, for outlets whose metadata lags the page."""

from __future__ import annotations

from typing import Any

from newscrawl.outlets.common import clean_text, split_byline


def headline(doc: Any) -> str | None:
    """The text of the page's last ``<h1>``: pages that print two (a section or series name,
    then the story's headline) print the headline last."""
    heads = [clean_text(h.text_content()) for h in doc.iter("h1")]
    heads = [h for h in heads if h]
    return heads[-1] if heads else None


def byline(doc: Any, xpath: str) -> list[str]:
    """Names of the first printed byline ``xpath`` matches ("By" dropped, split on commas
    and "and"); an all-capitals byline is given in title case."""
    for el in doc.xpath(xpath):
        text = clean_text(el.text_content())
        text = text[3:] if text.lower().startswith("by ") else text
        if not text or text.lower().startswith("by"):
            continue
        if text.isupper():
            text = text.title()
        return split_byline(text)
    return []
