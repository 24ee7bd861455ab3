"""Finding elements, text and bylines in a parsed page by XPath, first match wins."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree

from newscrawl.outlets.blocks import inline_text
from newscrawl.outlets.common import clean_text, split_byline

# The plain ``contains`` first: it fails fast on the many elements without the name.
_HAS_CLASS = (
    '//*[contains(@class, "{0}") and contains(concat(" ", normalize-space(@class), " "), " {0} ")]'
)


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


class RuleSet:
    """Several element rules answered from one scan of the document.

    Each rule of the form ``//*[PREDICATE]`` would walk the whole document on its own
    (a few ms on a large page); ``find`` walks it once for the elements any of them
    matches, and each rule then keeps its own among those few, in document order: the
    same elements, in the same order, as the rule alone. Other rules run as they are,
    compiled once."""

    def __init__(self, *groups: Iterable[str]) -> None:
        self.tests: dict[str, etree.XPath] = {}
        self.compiled: dict[str, etree.XPath] = {}
        predicates: list[str] = []
        for xpath in dict.fromkeys(x for group in groups for x in group):
            predicate = _single_predicate(xpath)
            if predicate is None:
                self.compiled[xpath] = etree.XPath(xpath)
            else:
                self.tests[xpath] = etree.XPath(f"self::*[{predicate}]")
                predicates.append(f"({predicate})")
        self.scan = etree.XPath(f"//*[{' or '.join(predicates)}]") if predicates else None

    def find(self, doc: Any) -> Found:
        """The document, scanned once, for ``first_element`` and friends to search."""
        return Found(self, doc)


class Found:
    """A document scanned by a ``RuleSet``: ``xpath(rule)`` as ``doc.xpath(rule)``."""

    def __init__(self, rules: RuleSet, doc: Any) -> None:
        self.rules = rules
        self.doc = doc
        self.candidates = rules.scan(doc) if rules.scan is not None else []

    def xpath(self, xpath: str) -> list[Any]:
        test = self.rules.tests.get(xpath)
        if test is not None:
            return [el for el in self.candidates if test(el)]
        compiled = self.rules.compiled.get(xpath)
        return compiled(self.doc) if compiled is not None else self.doc.xpath(xpath)


def _single_predicate(xpath: str) -> str | None:
    """``P`` when ``xpath`` is exactly ``//*[P]`` (one predicate, nothing after), else None."""
    if not (xpath.startswith("//*[") and xpath.endswith("]")):
        return None
    inner, depth, quote = xpath[4:-1], 0, ""
    for char in inner:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                return None
    return inner if depth == 0 and not quote else None
