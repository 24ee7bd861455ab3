"""Test helper: the text blocks of an article body in saved HTML, by XPath.

For outlets that have no extractor module yet; it knows nothing about any outlet, the
caller names the body's elements."""

from __future__ import annotations

import lxml.html
from lxml import etree

from newscrawl.diffing import clean

_DROP = ("script", "style", "noscript", "figure", "aside")


def parse(html: bytes) -> lxml.html.HtmlElement:
    """The document, decoded as UTF-8, without scripts, styles and figures."""
    root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
    etree.strip_elements(root, *_DROP, with_tail=False)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")  # a line break separates words on screen
    return root


def text_of(root: lxml.html.HtmlElement, xpath: str) -> str:
    """Clean text of the first element matching ``xpath`` ("" if none)."""
    found = root.xpath(xpath)
    return clean(found[0].text_content()) if found else ""


def body_blocks(root: lxml.html.HtmlElement, xpath: str) -> list[str]:
    """Texts of the body blocks matched by ``xpath``: each ``<p>`` is a block, and so is
    each ``<p>`` of a ``<blockquote>``; a blockquote without any (paragraphs separated by
    ``<br/><br/>``) is one block, as a ``<p>``-based extractor sees it."""
    texts: list[str] = []
    for element in root.xpath(xpath):
        paragraphs = element.findall(".//p") if element.tag == "blockquote" else []
        parts = [p.text_content() for p in paragraphs] or [element.text_content()]
        texts += [clean(t) for t in parts if clean(t)]
    return texts
