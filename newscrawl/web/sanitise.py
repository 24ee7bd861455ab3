"""A stored raw page made inert: no script, no form, nothing fetched from anywhere."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml_html_clean import Cleaner
from w3lib.encoding import html_to_unicode

# Everything that runs or loads goes; text, links and the page's own inline CSS stay.
_CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=False,
    inline_style=True,
    links=True,
    meta=True,
    page_structure=False,
    processing_instructions=True,
    embedded=True,
    frames=True,
    forms=True,
    annoying_tags=True,
    safe_attrs_only=True,
    kill_tags=("base", "noscript", "template", "video", "audio", "source", "track"),
)
_CSS_URL = re.compile(r"url\s*\((?!\s*['\"]?\s*data:)[^)]*\)", re.I)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def inert_css(css: str) -> str:
    """``css`` without ``@import`` or ``url(...)`` other than ``data:``."""
    return _CSS_URL.sub("none", _CSS_IMPORT.sub("", css))


def inert_page(raw: bytes) -> lxml.html.HtmlElement | None:
    """The page parsed and cleaned, or None when there is no document in it."""
    if not raw.strip():
        return None
    # The page's own declaration (BOM, <meta charset>) first, else UTF-8: libxml2 alone
    # would read an undeclared UTF-8 page as Latin-1.
    _, text = html_to_unicode(None, raw, default_encoding="utf-8")
    # lxml refuses text that still declares an encoding; it has been decoded already.
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    doc = _CLEANER.clean_html(doc)
    for el in doc.iter(etree.Element):
        src = el.get("src")
        if src is not None and not src.strip().lower().startswith("data:"):
            del el.attrib["src"]
        if el.tag == "style" and el.text:
            el.text = inert_css(el.text)
        href = el.get("href")
        if href is not None:
            # Following a link is the reader's choice; a stored page must not leak where.
            el.set("rel", "noopener noreferrer nofollow")
    return doc


def body_of(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The document's ``<body>``, created if the page had none."""
    body = doc.find("body")
    if body is None:
        body = lxml.html.Element("body")
        doc.append(body)
    return body


def to_html(doc: lxml.html.HtmlElement) -> str:
    """Serialised as an HTML5 document in UTF-8."""
    head = doc.find("head")
    if head is None:
        head = lxml.html.Element("head")
        doc.insert(0, head)
    charset = lxml.html.Element("meta", charset="utf-8")
    head.insert(0, charset)
    text = lxml.html.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>")
    return _NOT_XML.sub("", text)
