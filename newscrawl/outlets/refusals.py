"""Why a page the generic extractor reads is not an article: fronts, media pages, error
pages, paywall stubs, empty bodies."""

from __future__ import annotations

import re
from typing import Any

from newscrawl.outlets import pagetype
from newscrawl.outlets.base import NotAnArticle
from newscrawl.outlets.blocks import inline_text
from newscrawl.outlets.common import clean_text, meta

# JSON-LD types, og:type prefixes and URL path segments of pages that are not articles,
# with the word a person reads in the NotAnArticle reason. A media page is refused only
# when its text is short: an article may embed a video or sit under /video/.
FRONT_TYPES = {
    "CollectionPage": "front",
    "ItemList": "front",
    "SearchResultsPage": "front",
    "ProfilePage": "front",
}
MEDIA_TYPES = {
    "ImageGallery": "gallery",
    "MediaGallery": "gallery",
    "VideoObject": "video",
    "VideoGallery": "video",
    "AudioObject": "audio",
    "PodcastEpisode": "audio",
}
MEDIA_OG_TYPES = {"video": "video", "music": "audio", "audio": "audio"}
FRONT_OG_TYPES = {"profile": "front", "books": "front", "book": "front"}
FRONT_PATHS = {
    "tag": "front",
    "tags": "front",
    "topic": "front",
    "topics": "front",
    "author": "front",
    "authors": "front",
    "search": "front",
    "category": "front",
}
MEDIA_PATHS = {
    "video": "video",
    "videos": "video",
    "watch": "video",
    "gallery": "gallery",
    "galleries": "gallery",
    "photos": "gallery",
    "pictures": "gallery",
    "in-pictures": "gallery",
    "slideshow": "gallery",
    "podcast": "audio",
    "podcasts": "audio",
}
# A media page or a teaser with at least this much text is read as an article.
SHORT_BODY_CHARS = 1500
# Below this much text a page with no sign of being an article is a front or stub.
MIN_BODY_CHARS = 400
_PAYWALL_TEXT = re.compile(
    r"\b(?:subscribe|sign in|log in|register|become a (?:member|subscriber))\b.{0,60}"
    r"\b(?:to continue reading|to keep reading|to read (?:the|this) (?:full|rest|whole)|"
    r"for full access|to unlock)|"
    r"\b(?:this|the) (?:article|story|content) is (?:only )?(?:for|available to|exclusive to) "
    r"(?:subscribers|members)\b",
    re.I,
)
_ERROR_TITLE = re.compile(
    r"\b(?:404|410|page not found|not found|error|does not exist|no longer available|"
    r"page unavailable)\b",
    re.I,
)


def reject_fronts(doc: Any, ld: list, article_ld: dict, url: str) -> None:
    """``NotAnArticle`` for a front, tag or author page that does not call itself an article."""
    if article_ld:
        return
    pagetype.reject_ld_types(ld, FRONT_TYPES)
    og_type = (meta(doc, "og:type") or "").lower()
    if og_type.split(".")[0] in FRONT_OG_TYPES:
        raise NotAnArticle(f"{FRONT_OG_TYPES[og_type.split('.')[0]]} page (og:type {og_type!r})")
    pagetype.reject_url_paths(doc, url, FRONT_PATHS)


def media_page(doc: Any, ld: list, article_ld: dict, url: str) -> str | None:
    """Why the page looks like a gallery, video or audio page, or None."""
    og_type = (meta(doc, "og:type") or "").lower()
    if og_type.split(".")[0] in MEDIA_OG_TYPES:
        return f"{MEDIA_OG_TYPES[og_type.split('.')[0]]} page (og:type {og_type!r})"
    try:
        if not article_ld:
            pagetype.reject_ld_types(ld, MEDIA_TYPES)
        pagetype.reject_url_paths(doc, url, MEDIA_PATHS)
    except NotAnArticle as exc:
        return exc.reason
    return None


def error_page(doc: Any) -> str | None:
    """Why the page's ``<title>`` says it is an error page, or None."""
    el = doc.find(".//title")
    page_title = clean_text(inline_text(el)) if el is not None else ""
    if page_title and _ERROR_TITLE.search(page_title):
        return f"error page ({page_title!r})"
    return None


def reject_thin(paragraphs: list[str], doc: Any, ld: list, article_ld: dict, url: str) -> None:
    """``NotAnArticle`` for an empty body, and for a short one on a media page, an error
    page, a paywall stub, or a page that shows no sign of being an article."""
    if not paragraphs:
        raise NotAnArticle(error_page(doc) or "article body has no text")
    size = sum(len(p) for p in paragraphs)
    if size < SHORT_BODY_CHARS:
        reason = media_page(doc, ld, article_ld, url) or _paywall_stub(paragraphs, article_ld)
        if reason:
            raise NotAnArticle(reason)
    if size < MIN_BODY_CHARS:
        reason = error_page(doc)
        if reason:
            raise NotAnArticle(reason)
        if not (article_ld or meta(doc, "article:published_time")):
            raise NotAnArticle("too little text and no sign of an article: a front or stub")


def _paywall_stub(paragraphs: list[str], article_ld: dict) -> str | None:
    if any(_PAYWALL_TEXT.search(p) for p in paragraphs[-2:]):
        return "paywall stub: a short teaser that asks the reader to subscribe"
    free = article_ld.get("isAccessibleForFree")
    not_free = free is False or (isinstance(free, str) and free.strip().lower() == "false")
    stated = str(article_ld.get("wordCount") or "")
    # The page states how long the article is: a teaser is a small part of it.
    if not_free and stated.isdigit() and sum(len(p.split()) for p in paragraphs) < int(stated) / 2:
        return "paywall stub: a short teaser of an article the page says is not free"
    return None
