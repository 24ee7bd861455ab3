"""Finding elements, text and bylines in a parsed page by XPath, first match wins."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newscrawl.outlets.blocks import inline_text
from newscrawl.outlets.common import clean_text, split_byline

_HAS_CLASS = '//*[contains(concat(" ", normalize-space(@class), " "), " {} ")]'


def has_class(name: str) -> str:
    """XPath of every element with the class ``name`` (a whole class name, not a part)."""
    return _HAS_CLASS.format(name)


def first_element(doc: Any, xpaths: Iterable[str]) -> Any:
    """The first element the first matching XPath finds, or None."""
    for xpath in xpaths:
        found = doc.xpath(xpath)
        if found:
            return found[0]
    return None


def first_text(doc: Any, xpaths: Iterable[str]) -> str | None:
    """The first non-empty cleaned text of an element the XPaths find, in their order."""
    for xpath in xpaths:
        texts = [clean_text(inline_text(el)) for el in doc.xpath(xpath)]
        text = next((t for t in texts if t), "")
        if text:
            return text
    return None


def first_attr(doc: Any, xpath: str) -> str | None:
    """The first value an attribute XPath (``//time/@datetime``) finds, or None."""
    found = doc.xpath(xpath)
    return str(found[0]) if found else None


def byline_names(doc: Any, xpaths: Iterable[str], linked_xpath: str | None = None) -> list[str]:
    """Author names from the first byline element that yields any, in XPath order.

    ``linked_xpath`` (relative to the byline) finds the names the page links as authors,
    which ``split_byline`` keeps as they are."""
    for xpath in xpaths:
        for el in doc.xpath(xpath):
            linked = [inline_text(a) for a in el.xpath(linked_xpath)] if linked_xpath else None
            names = split_byline(inline_text(el), linked)
            if names:
                return names
    return []


def as_str(value: Any) -> str:
    """``value`` if it is a string (JSON-LD fields may be lists or objects), else ``""``."""
    return value if isinstance(value, str) else ""
