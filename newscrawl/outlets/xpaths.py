"""Finding elements, text and bylines in a parsed page by XPath, first match wins."""

from __future__ import annotations

import re
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


def first_matches(doc: Any, xpaths: Iterable[str]) -> list[Any]:
    """Everything the first XPath that matches finds (one template of several), or []."""
    for xpath in xpaths:
        found = doc.xpath(xpath)
        if found:
            return list(found)
    return []


def first_element(doc: Any, xpaths: Iterable[str]) -> Any:
    """The first element the first matching XPath finds, or None."""
    found = first_matches(doc, xpaths)
    return found[0] if found else None


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
    """Element rules compiled once, and skipped on pages that cannot match them.

    A rule ``//*[P]`` whose predicate only compares attributes with quoted names
    (``@id="x"``, ``contains(@class, "x")``, ``has_class``, joined by and/or) can match
    only if one of those names is written in the page's source, or hidden there behind
    numeric character references (``&#108;``). ``find`` checks that with a substring
    search, a fraction of a millisecond against a few for each walk of the document, so
    the body, standfirst and byline rules that do not fit a page's template cost
    nothing. Every other rule runs as it is. Either way a rule finds exactly what
    ``doc.xpath(rule)`` finds."""

    def __init__(self, *groups: Iterable[str]) -> None:
        self.compiled: dict[str, etree.XPath] = {}
        self.names: dict[str, tuple[str, ...]] = {}
        for xpath in dict.fromkeys(x for group in groups for x in group):
            self.compiled[xpath] = etree.XPath(xpath)
            names = _required_names(xpath)
            if names:
                self.names[xpath] = names

    def find(self, doc: Any, source: str) -> Found:
        """``doc`` (parsed from ``source``) for ``first_element`` and friends to search."""
        return Found(self, doc, source)


class Found:
    """A parsed page and its source: ``xpath(rule)`` as ``doc.xpath(rule)``, faster."""

    def __init__(self, rules: RuleSet, doc: Any, source: str) -> None:
        self.rules = rules
        self.doc = doc
        self.source = source
        self._hidden: set[str] | None = None

    def xpath(self, xpath: str) -> list[Any]:
        names = self.rules.names.get(xpath)
        if names is not None and not any(self._may_hold(name) for name in names):
            return []
        compiled = self.rules.compiled.get(xpath)
        return compiled(self.doc) if compiled is not None else self.doc.xpath(xpath)

    def _may_hold(self, name: str) -> bool:
        if name in self.source:
            return True
        if self._hidden is None:
            self._hidden = set()
            for ref in _CHAR_REF.findall(self.source):
                code = int(ref[1:], 16) if ref[:1] in "xX" else int(ref)
                if code < 0x110000:
                    self._hidden.add(chr(code))
        return not self._hidden.isdisjoint(name)


# Numeric character references; HTML has no named ones for the ASCII letters, digits,
# "-" and "_" that the names in rules are made of.
_CHAR_REF = re.compile(r"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10})")
_NAME_TESTS = re.compile(
    r'@[\w:-]+\s*=\s*"([^"]*)"'
    r'|contains\(\s*@[\w:-]+\s*,\s*"([^"]*)"\s*\)'
    r'|contains\(concat\(" ", normalize-space\(@[\w:-]+\), " "\), "([^"]*)"\)'
)
_JOINS = re.compile(r"^(?:[\s()]|\band\b|\bor\b)*$")


def _required_names(xpath: str) -> tuple[str, ...]:
    """The attribute values one of which a ``//*[P]`` rule needs in the page, or ``()``
    when its predicate has anything else (``not()``, a bare ``@class``, a position)."""
    predicate = _single_predicate(xpath)
    if predicate is None:
        return ()
    names = [next(g for g in m.groups() if g is not None) for m in _NAME_TESTS.finditer(predicate)]
    rest = _NAME_TESTS.sub(" ", predicate)
    names = [n.strip() for n in names]
    if not names or not all(names) or not _JOINS.match(rest):
        return ()
    return tuple(dict.fromkeys(names))


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
