"""Article metadata of any page: JSON-LD first, then Open Graph, article and Dublin Core
meta, ``<time>`` and ``rel=author``."""

from __future__ import annotations

import re
from typing import Any

from newscrawl.outlets import common
from newscrawl.outlets.blocks import inline_text
from newscrawl.outlets.common import clean_text, meta
from newscrawl.outlets.scoring import token_f1
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
# An <h1> is the printed headline when its words and a metadata headline's agree this much
# (token F1).
PRINTED_HEADLINE_F1 = 0.5
# The New York Times's archive appends this to old headlines in its metadata.
_ARCHIVE_SUFFIX = re.compile(r"\s+\(Published \d{4}\)$")
# Site names a <title> or og:title carries after the headline.
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")


def title(doc: Any, article_ld: dict[str, Any]) -> str | None:
    """The headline most of the page's sources agree on: ``og:title`` (or
    ``twitter:title``), JSON-LD ``headline``, ``<title>`` (each without the site's name)
    and the printed headline, the ``<h1>`` that reads like them. A tie goes to the printed headline, then to the metadata in that order.

    Pages often keep a shorter or older index headline in one of their metadata fields,
    so no single source is always right; a page that names its headline only in
    ``<title>`` prints the one to read in its lone ``<h1>``."""
    site = meta(doc, "og:site_name")
    social = meta(doc, "og:title", "twitter:title", "DC.title", "dc.title")
    ld_headline = clean_text(as_str(article_ld.get("headline")))
    declared = [
        _ARCHIVE_SUFFIX.sub("", strip_site_name(value, site))
        for value in (social, ld_headline, _title_tag(doc))
        if value
    ]
    heads = [h for h in (clean_text(inline_text(el)) for el in doc.iter("h1")) if h]
    printed = _printed(heads, declared)
    if printed is None and len(heads) == 1 and not (social or ld_headline):
        printed = heads[0]
    candidates = [printed, *declared] if printed else declared
    if not candidates:
        return None
    # max() keeps the first of equal counts: the order above is the tie-break.
    return max(candidates, key=candidates.count)


def _printed(heads: list[str], declared: list[str]) -> str | None:
    best, best_f1 = None, PRINTED_HEADLINE_F1
    for head in heads:
        for value in declared:
            f1 = token_f1(head, value)
            if f1 >= best_f1 and len(head) <= 2 * len(value):
                best, best_f1 = head, f1
    return best


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
