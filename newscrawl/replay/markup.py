"""Find the headline and body paragraphs in the three generations of Guardian markup.

These selectors are the replay's own, written apart from ``newscrawl.outlets`` on
purpose: the ground truth must not share a bug with the extractor it checks.

- R2 (guardian.co.uk, up to ~2014): ``div#main-article-info h1``, ``div#article-body-blocks``
- frontend (2014-2021): ``h1[itemprop=headline]``, ``div[itemprop=articleBody]``
- dotcom-rendering (2021-): ``[data-gu-name=headline] h1``,
  ``[data-gu-name=body] .article-body-commercial-selector``
"""

from __future__ import annotations

import lxml.html
from lxml.html import HtmlElement

_HEADLINES = (
    '//*[@data-gu-name="headline"]//h1',
    '//h1[@itemprop="headline"]',
    '//h1[contains(@itemprop, "headline")]',
    '//div[@id="main-article-info"]//h1',
)
_BODIES = (
    '//*[@data-gu-name="body"]//div[contains(concat(" ", normalize-space(@class), " "),'
    ' " article-body-commercial-selector ")]',
    '//div[@itemprop="articleBody"]',
    '//div[@id="article-body-blocks"]',
)
_TITLE_METAS = '//meta[@property="og:title" or @name="twitter:title" or @itemprop="headline"]'


class MarkupError(ValueError):
    """The page is not one of the Guardian article layouts the replay knows."""


def parse(html: str) -> HtmlElement:
    """Parse a whole page (decoded text) into an lxml tree."""
    return lxml.html.document_fromstring(html)


def serialize(doc: HtmlElement) -> str:
    """The page as HTML text, doctype included; stable for a given tree."""
    doctype = doc.getroottree().docinfo.doctype or "<!DOCTYPE html>"
    return lxml.html.tostring(doc, encoding="unicode", doctype=doctype)


def text_of(element: HtmlElement) -> str:
    """Text content with whitespace runs collapsed, as a reader sees it."""
    return " ".join(element.text_content().split())


def _first(doc: HtmlElement, xpaths: tuple[str, ...], what: str) -> HtmlElement:
    for xpath in xpaths:
        for element in doc.xpath(xpath):
            if what != "headline" or text_of(element):
                return element
    raise MarkupError(f"no {what} found in any known Guardian layout")


def headline_text(doc: HtmlElement) -> str:
    """The article's headline."""
    return text_of(_first(doc, _HEADLINES, "headline"))


def headline_elements(doc: HtmlElement) -> list[HtmlElement]:
    """Every ``h1`` showing the headline (R2 pages repeat it in share boxes)."""
    headline = headline_text(doc)
    return [h for h in doc.iter("h1") if text_of(h) == headline]


def title_metas(doc: HtmlElement) -> list[HtmlElement]:
    """``og:title`` and similar metas that repeat the headline."""
    return doc.xpath(_TITLE_METAS)


def body_container(doc: HtmlElement) -> HtmlElement:
    """The element whose ``p`` children are the article body."""
    return _first(doc, _BODIES, "article body")


def body_paragraphs(doc: HtmlElement) -> list[HtmlElement]:
    """Body paragraphs in reading order: non-empty ``p`` children of the body container.

    Nested ``p`` (newsletter promos, gallery captions, pull quotes) are not body text."""
    paragraphs = [p for p in body_container(doc).iterchildren("p") if text_of(p)]
    if not paragraphs:
        raise MarkupError("the article body has no paragraphs")
    return paragraphs
