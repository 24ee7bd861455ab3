"""Article metadata of any page: JSON-LD first, then Open Graph, article and Dublin Core
meta, ``<time>`` and ``rel=author``."""

from __future__ import annotations

import re
from typing import Any

from newscrawl.outlets import common
from newscrawl.outlets.blocks import inline_text
from newscrawl.outlets.common import clean_text, meta
from newscrawl.outlets.xpaths import as_str

# schema.org types of an article (CreativeWork > Article and its news subtypes).
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "AnalysisNewsArticle",
        "AskPublicNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "ReviewNewsArticle",
        "Report",
        "ScholarlyArticle",
        "SatiricalArticle",
        "TechArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
    }
)
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "DC.date.issued",
    "dcterms.created",
    "DC.date",
    "dc.date",
    "dcterms.date",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "og:published_time",
)
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "dateModified",
    "DC.date.modified",
    "dcterms.modified",
    "og:updated_time",
    "last-modified",
    "article.updated",
)
AUTHOR_META = ("author", "article:author", "DC.creator", "dc.creator", "dcterms.creator")
BYLINE_XPATH = (
    '//*[@itemprop="author"] | //*[contains(concat(" ", normalize-space(@class), " "), " byline ")]'
)
# Site names a <title> or og:title carries after the headline.
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")


def title(doc: Any, article_ld: dict[str, Any]) -> str | None:
    """The headline: JSON-LD ``headline``, else ``og:title``, else the page's ``<h1>``,
    else its ``<title>`` without the site's name."""
    site = meta(doc, "og:site_name")
    for value in (
        as_str(article_ld.get("headline")),
        meta(doc, "og:title", "twitter:title", "DC.title", "dc.title"),
        _h1(doc),
        _title_tag(doc),
    ):
        value = clean_text(value)
        if value:
            return strip_site_name(value, site)
    return None


def strip_site_name(value: str, site: str | None) -> str:
    """``value`` without a trailing or leading `` | Site name`` of the page's own site."""
    if not site:
        return value
    parts = _TITLE_SEPARATORS.split(value)
    if len(parts) > 1 and parts[-1].casefold() == site.casefold():
        return clean_text(value[: value.rfind(parts[-1])]).rstrip(" |-–—:·•»")
    if len(parts) > 1 and parts[0].casefold() == site.casefold():
        return clean_text(value[len(parts[0]) :]).lstrip(" |-–—:·•»")
    return value


def _h1(doc: Any) -> str | None:
    heads = [clean_text(inline_text(h)) for h in doc.iter("h1")]
    heads = [h for h in heads if h]
    # A site logo is often the page's first <h1>; one <h1> alone is the headline.
    return heads[0] if len(heads) == 1 else None


def _title_tag(doc: Any) -> str | None:
    el = doc.find(".//title")
    if el is None:
        return None
    text = clean_text(inline_text(el))
    parts = _TITLE_SEPARATORS.split(text)
    return parts[0] if len(parts) > 1 and len(parts[0]) > 15 else text


def authors(doc: Any, article_ld: dict[str, Any]) -> list[str]:
    """Author names: JSON-LD ``author``, else author meta (not profile URLs), else the
    page's byline or ``rel=author`` links."""
    names = [n for raw in common.ld_person_names(article_ld.get("author")) for n in _split(raw)]
    if names:
        return _unique(names)
    for key in AUTHOR_META:
        value = meta(doc, key)
        if value and not value.startswith(("http://", "https://", "/")):
            return _unique(common.split_byline(value))
    for el in doc.xpath(BYLINE_XPATH):
        linked = [inline_text(a) for a in el.iter("a")]
        names = common.split_byline(inline_text(el), linked)
        if names:
            return _unique(names)
    linked = [clean_text(inline_text(a)) for a in doc.xpath('//a[contains(@rel, "author")]')]
    return _unique(n for n in linked if n)


def _split(raw: str) -> list[str]:
    # A JSON-LD author "A and B" is one byline for two people; a lone name stays whole.
    names = common.split_byline(raw)
    return names or [raw]


def _unique(names: Any) -> list[str]:
    return list(dict.fromkeys(names))


def published(doc: Any, article_ld: dict[str, Any]) -> str | None:
    """First publication time (see ``common.normalise_date``)."""
    return common.normalise_date(
        as_str(article_ld.get("datePublished"))
        or as_str(article_ld.get("dateCreated"))
        or meta(doc, *PUBLISHED_META)
        or _time(doc, "datePublished")
    )


def modified(doc: Any, article_ld: dict[str, Any]) -> str | None:
    """Last modification time the page states."""
    return common.normalise_date(
        as_str(article_ld.get("dateModified"))
        or meta(doc, *MODIFIED_META)
        or _time(doc, "dateModified")
    )


def _time(doc: Any, itemprop: str) -> str | None:
    for el in doc.iter("time"):
        if el.get("itemprop") == itemprop or (itemprop == "datePublished" and el.get("pubdate")):
            return el.get("datetime") or inline_text(el)
    # Else the first <time> of the page, which on an article page is its date line.
    if itemprop == "datePublished":
        el = next(doc.iter("time"), None)
        if el is not None and el.get("datetime"):
            return el.get("datetime")
    return None


def section(doc: Any, article_ld: dict[str, Any]) -> str | None:
    """Section name: ``article:section``, else JSON-LD ``articleSection``."""
    value = article_ld.get("articleSection")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return meta(doc, "article:section") or clean_text(as_str(value)) or None


def standfirst(doc: Any, article_ld: dict[str, Any]) -> str | None:
    """The summary the page gives: JSON-LD ``description``, else ``og:description``
    or the description meta."""
    return clean_text(as_str(article_ld.get("description"))) or meta(
        doc, "og:description", "description", "twitter:description"
    )
