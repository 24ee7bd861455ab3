"""Selectors an outlet declares for the generic extractor: CSS, or XPath, as XPath."""

from __future__ import annotations

import lxml.etree
from cssselect import GenericTranslator, SelectorError

_TRANSLATOR = GenericTranslator()


def to_xpath(selector: str) -> str:
    """The XPath of a CSS selector (``div.article-body p``), or the selector itself when it
    is XPath already (it starts with ``/`` or ``(``, as ``//div[@id="body"]``).

    Raises ``ValueError`` naming the selector when it is neither."""
    selector = selector.strip()
    if not selector:
        raise ValueError("empty selector")
    if selector.startswith(("/", "(", "./")):
        try:
            lxml.etree.XPath(selector)
        except lxml.etree.XPathSyntaxError as exc:
            raise ValueError(f"bad XPath selector {selector!r}: {exc}") from None
        return selector
    try:
        return _TRANSLATOR.css_to_xpath(selector)
    except SelectorError as exc:
        raise ValueError(f"bad CSS selector {selector!r}: {exc}") from None
