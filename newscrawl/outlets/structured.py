"""Article metadata of any page: JSON-LD first, then Open Graph, article and Dublin Core
meta, ``<time>`` and ``rel=author``."""

from __future__ import annotations

import html
import re
from typing import Any

from newscrawl.outlets import common, xpaths
from newscrawl.outlets.blocks import inline_text
from newscrawl.outlets.common import clean_text, meta
from newscrawl.outlets.scoring import token_f1
from newscrawl.outlets.xpaths import as_str

# schema.org types of an article (CreativeWork > Article and its news subtypes).
# An HTML entity left in text read from an attribute or JSON: the text was escaped twice.
_ENTITY = re.compile(r"&(?:[a-z]+[0-9]*|#[0-9]+|#x[0-9a-f]+);", re.I)
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
    "pdate",
    "DISPLAYDATE",
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
AUTHOR_META = ("author", "article:author", "byl", "DC.creator", "dc.creator", "dcterms.creator")
BYLINE_XPATH = '//*[@itemprop="author" or contains(@class, "byline") or contains(@class, "Byline")]'
_BY = re.compile(r"^\s*by\s+", re.I)
# An <h1> is the printed headline when its words and a metadata headline's agree this much
# (token F1).
PRINTED_HEADLINE_F1 = 0.5
# The New York Times's archive appends this to old headlines in its metadata.
_ARCHIVE_SUFFIX = re.compile(r"\s+\(Published \d{4}\)$")
_TAG = re.compile(r"<[^>]*>")
_SHORT_OFFSET = re.compile(r"(T\d\d:\d\d(?::\d\d)?[+-])(\d{3})$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# Site names a <title> or og:title carries after the headline.
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")


def title(doc: Any, article_ld: dict[str, Any]) -> str | None:
    """The headline most of the page's sources agree on: the JSON-LD ``headline``, the
    printed headline (the ``<h1>`` that reads like the others), ``og:title``, ``<title>``
    (each without the site's name) and ``twitter:title``. A tie goes to the first in that
    order: structured data first.

    Pages often keep a shorter or older index headline in one of their metadata fields,
    so no single source is always right; a page that names its headline only in
    ``<title>`` prints the one to read in its lone ``<h1>``."""
    site = meta(doc, "og:site_name")
    ld_headline = clean_text(as_str(article_ld.get("headline")))
    social = meta(doc, "og:title", "DC.title", "dc.title")
    twitter = meta(doc, "twitter:title")
    page_title = _title_tag(doc)
    ld_headline, social, page_title, twitter = (
        _ARCHIVE_SUFFIX.sub("", strip_site_name(value, site)) if value else None
        for value in (ld_headline, social, page_title, twitter)
    )
    declared = [v for v in (ld_headline, social, page_title, twitter) if v]
    heads = [h for h in (clean_text(inline_text(el)) for el in doc.iter("h1")) if h]
    printed = _printed(heads, declared)
    if printed is None and len(heads) == 1 and not (social or ld_headline or twitter):
        printed = heads[0]
    candidates = [v for v in (ld_headline, printed, social, page_title, twitter) if v]
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
    page's byline or ``rel=author`` links. The publication itself (``CNN``) is not an
    author when people are named too."""
    names = [n for raw in common.ld_person_names(article_ld.get("author")) for n in _split(raw)]
    if not names:
        names = _meta_authors(doc) or _byline(doc)
    if not names:
        rel_authors = xpaths.find(doc, '//a[contains(@rel, "author")]')
        linked = [clean_text(inline_text(a)) for a in rel_authors]
        names = [n for n in linked if n]
    publishers = {p.casefold() for p in _publishers(doc, article_ld)}
    people = [n for n in names if n.casefold() not in publishers]
    return _unique(people or names)


def _meta_authors(doc: Any) -> list[str]:
    for key in AUTHOR_META:
        value = meta(doc, key)
        if value and not value.startswith(("http://", "https://", "/")):
            return common.split_byline(value)
    return []


def _byline(doc: Any) -> list[str]:
    # Author links inside a byline are names, not bylines of their own.
    found = [el for el in xpaths.find(doc, BYLINE_XPATH) if el.tag != "a"]
    marked = set(found)
    for el in found:
        # The innermost byline element: an outer one carries dates and share links too.
        if any(d in marked for d in el.iterdescendants()):
            continue
        linked = [_BY.sub("", inline_text(a)) for a in el.iter("a")]
        names = [n for n in common.split_byline(inline_text(el), linked) if n.lower() != "by"]
        if names:
            return names
    return []


def _publishers(doc: Any, article_ld: dict[str, Any]) -> list[str]:
    names = common.ld_person_names(article_ld.get("publisher"))
    site = meta(doc, "og:site_name")
    return names + ([site] if site else [])


def _split(raw: str) -> list[str]:
    # A JSON-LD author "A and B" is one byline for two people; a lone name stays whole.
    names = common.split_byline(raw)
    return names or [raw]


def _unique(names: Any) -> list[str]:
    return list(dict.fromkeys(names))


def published(doc: Any, article_ld: dict[str, Any]) -> str | None:
    """First publication time (see ``common.normalise_date``)."""
    return common.normalise_date(
        _untagged(
            as_str(article_ld.get("datePublished"))
            or as_str(article_ld.get("dateCreated"))
            or meta(doc, *PUBLISHED_META)
            or _marked_time(doc, "datePublished")
        )
    )


def modified(doc: Any, article_ld: dict[str, Any]) -> str | None:
    """Last modification time the page states."""
    return common.normalise_date(
        _untagged(
            as_str(article_ld.get("dateModified"))
            or meta(doc, *MODIFIED_META)
            or _marked_time(doc, "dateModified")
        )
    )


def _untagged(value: str | None) -> str | None:
    """A date value tidied for parsing: markup some templates leak into a meta value
    removed (``<span ...>2014-10-22T08:56:26</span>``), a three-digit zone offset padded
    (``-500``), a compact date (``20120127``) written out."""
    if not value:
        return value
    value = _TAG.sub(" ", value).strip()
    value = _SHORT_OFFSET.sub(r"\g<1>0\g<2>", value)
    compact = _COMPACT_DATE.match(value)
    return "-".join(compact.groups()) if compact else value


def _marked_time(doc: Any, itemprop: str) -> str | None:
    for el in xpaths.find(doc, f'//*[@itemprop="{itemprop}"]'):
        value = el.get("datetime") or el.get("content") or clean_text(inline_text(el))
        if value:
            return value
    if itemprop == "datePublished":
        # Else the first dated <time> of the page, which on an article is its date line.
        for el in doc.iter("time"):
            if el.get("datetime"):
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
    value = clean_text(as_str(article_ld.get("description"))) or meta(
        doc, "og:description", "description", "twitter:description"
    )
    # Some CMSs escape the summary twice (``&amp;quot;``): the reader sees the quote.
    return clean_text(html.unescape(value)) if value and _ENTITY.search(value) else value
