"""The Guardian: guardian.co.uk "R2" (to 2014), "frontend" (2014-2020), dotcom-rendering."""

from __future__ import annotations

import re
from typing import Any

from newscrawl.outlets import blocks, common, pagetype, xpaths
from newscrawl.outlets.base import Extractor, NotAnArticle
from newscrawl.outlets.blocks import inline_text
from newscrawl.outlets.common import clean_text, meta
from newscrawl.outlets.xpaths import as_str, first_attr, first_text, has_class

ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "LiveBlogPosting",
        "ReportageNewsArticle",
        "OpinionNewsArticle",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "Review",
        "BlogPosting",
    }
)
# JSON-LD types, Guardian contentType values and URL path segments of pages that are
# not articles, with the word a person reads in the NotAnArticle reason.
NON_ARTICLE_TYPES = {
    "ImageGallery": "gallery",
    "MediaGallery": "gallery",
    "VideoObject": "video",
    "AudioObject": "audio",
    "PodcastEpisode": "audio",
    "CollectionPage": "front",
}
NON_ARTICLE_CONTENT = {
    "gallery": "gallery",
    "video": "video",
    "audio": "audio",
    "crossword": "crossword",
    "picture": "picture",
    "network front": "front",
    "section": "front",
    "tag": "front",
    "front": "front",
    "interactive": "interactive",
}
NON_ARTICLE_PATHS = {
    "gallery": "gallery",
    "video": "video",
    "audio": "audio",
    "picture": "picture",
    "crosswords": "crossword",
    "cartoon": "cartoon",
}
GUARDIAN_HOSTS = ("theguardian.com", "guardian.co.uk")
_CONTENT_TYPE = re.compile(r'"contentType"\s*:\s*"([^"]{1,40})"')
_LIVE_URL = re.compile(r"/live/|-live(?:/|$)")
# Where the body is, newest template first.
BODY_XPATHS = (
    '//*[@id="liveblog-body"]',
    has_class("js-liveblog-body"),
    has_class("article-body-commercial-selector"),
    '//*[@itemprop="articleBody"]',
    '//*[@id="article-body-blocks"]',
)
STANDFIRST_XPATHS = (
    '//*[@data-gu-name="standfirst"]',
    has_class("content__standfirst"),
    '//*[@id="stand-first"]',
)
BYLINE_XPATHS = (
    '//*[@data-component="meta-byline"]',
    '//*[contains(@class, "contributor-full") or contains(@class, "contributer-full")]',
    '//*[contains(@class, "blog-byline-kick")]',
    has_class("byline"),
    '//*[@data-gu-name="meta"]//address',
)
# Class-name prefixes of things inside the body that are not article text.
SKIP_CLASS_PREFIXES = (
    "element-rich-link",
    "element-image",
    "element-video",
    "element-embed",
    "element-atom",
    "element-interactive",
    "element-tweet",
    "element-comment",
    "element-audio",
    "element-membership",
    "element-pullquote",
    "ad-slot",
    "js-ad-slot",
    "submeta",
    "after-article",
    "block-share",
    "meta__",
    "caption",
    "newsletter",
    "email-sub",
    "contributions",
    "most-popular",
    "related",
    "key-event",
    "block-time",
    "block__time",
    "block-footer",
    "updated-time",
    "content__dateline",
    "u-h",
    "is-hidden",
    "inline-expand",
    "explainer",
    "outbrain",
    "social",
    "sign-in-gate",
    "pinned",
)
SKIP_IDS = frozenset({"pinned-post", "sign-in-gate", "key-events-carousel", "related"})
SKIP_TAGS = frozenset({"footer", "gu-island"})

CORRECTION = re.compile(
    r"^\W*(?:(?:this|the) (?:article|piece|report|story|headline|column|interview|review|"
    r"obituary|blog|caption|picture caption|standfirst)\b[^.]{0,60}?\b"
    r"(?:was|were|has been|have been) (?:amended|corrected)|an earlier version of this\b)",
    re.I,
)
NOT_BODY = re.compile(r"^(?:first published on|last modified on|related:)\s", re.I)


class GuardianExtractor(Extractor):
    """The Guardian (theguardian.com, formerly guardian.co.uk), all three templates.

    Metadata comes from JSON-LD and Open Graph where the page has them; the headline is
    the page's web title (``og:title``), which for comment and feature pieces ends in
    `` | Author``. The body is read from the article body element of each template."""

    name = "guardian"
    version = 1

    def extract(self, html: bytes | str, url: str) -> dict[str, Any]:
        text, doc, ld, article_ld = pagetype.parse_page(html, ARTICLE_TYPES)
        _reject_non_articles(doc, text, ld, article_ld, url)
        if not _is_guardian(doc):
            raise NotAnArticle(_error_page(doc) or "not a Guardian page (no Guardian URL or name)")
        root = xpaths.first_element(doc, BODY_XPATHS)
        if root is None:
            raise NotAnArticle(_error_page(doc) or "no Guardian article body found")
        title = _title(doc, article_ld)
        if not title:
            raise NotAnArticle("no headline found")
        body, corrections = _split_corrections(blocks.body_blocks(root, _skip))
        paragraphs = blocks.paragraphs(body)
        if not paragraphs:
            raise NotAnArticle("article body has no text")
        return {
            "url": url,
            "canonical_url": common.canonical_url(doc),
            "title": title,
            "standfirst": _standfirst(doc),
            "authors": _authors(doc, article_ld),
            "published": common.normalise_date(
                article_ld.get("datePublished")
                or meta(doc, "article:published_time", "datePublished", "DC.date.issued")
                or first_attr(doc, '//time[@itemprop="datePublished"]/@datetime')
            ),
            "modified": common.normalise_date(
                article_ld.get("dateModified")
                or meta(doc, "article:modified_time", "dateModified")
                or first_attr(doc, '//time[@itemprop="dateModified"]/@datetime')
            ),
            "section": meta(doc, "article:section") or as_str(article_ld.get("articleSection")),
            "paragraphs": paragraphs,
            "blocks": body,
            "corrections": corrections,
            "is_live": _is_live(text, ld, root, (url, common.canonical_url(doc))),
            "extractor": self.ident,
        }


def _reject_non_articles(doc: Any, text: str, ld: list, article_ld: dict, url: str) -> None:
    if not article_ld:
        pagetype.reject_ld_types(ld, NON_ARTICLE_TYPES)
    match = _CONTENT_TYPE.search(text)
    kind = match.group(1).strip().lower() if match else ""
    if kind in NON_ARTICLE_CONTENT:
        raise NotAnArticle(f"{NON_ARTICLE_CONTENT[kind]} page (contentType {match.group(1)})")
    pagetype.reject_og_type(doc)
    pagetype.reject_url_paths(doc, url, NON_ARTICLE_PATHS)


def _is_guardian(doc: Any) -> bool:
    return pagetype.on_hosts(doc, GUARDIAN_HOSTS) or (
        "guardian" in (meta(doc, "og:site_name") or "").lower()
    )


def _error_page(doc: Any) -> str | None:
    title_el = doc.find(".//title")
    title = clean_text(inline_text(title_el)) if title_el is not None else ""
    if re.search(r"not found|\b404\b|\b410\b|\berror\b|does not exist|unavailable", title, re.I):
        return f"error page ({title!r})"
    return None


def _skip(el: Any) -> bool:
    tag = el.tag.lower()
    if tag in SKIP_TAGS or (el.get("id") or "") in SKIP_IDS:
        return True
    if blocks.class_starts_with(el, SKIP_CLASS_PREFIXES):
        return True
    parent = el.getparent()
    # Live-blog block headers: keep the block's title, drop its time and contributor.
    if parent is not None and parent.tag == "header" and tag not in blocks.HEADINGS:
        return True
    # Photo essays caption each picture with a list right after its <figure>.
    if tag in ("ul", "ol"):
        prev = el.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        if prev is not None and prev.tag == "figure" and "photo-essay" in (prev.get("class") or ""):
            return True
    return False


def _split_corrections(body: list[dict]) -> tuple[list[dict], list[str]]:
    kept, corrections = blocks.split_corrections(body, CORRECTION, not_body=NOT_BODY)
    return kept, [re.sub(r"^[•*\s]+", "", text) for text in corrections]


def _title(doc: Any, article_ld: dict) -> str | None:
    title = (
        meta(doc, "og:title")
        or clean_text(as_str(article_ld.get("headline")))
        or first_text(doc, ('//*[@itemprop="headline"]', "//h1"))
    )
    if not title and doc.find(".//title") is not None:
        title = clean_text(inline_text(doc.find(".//title"))).split(" | ")[0]
    return title or None


def _standfirst(doc: Any) -> str | None:
    for xpath in STANDFIRST_XPATHS:
        for el in xpaths.find(doc, xpath):
            text = _standfirst_text(el)
            if text:
                return text
    return meta(doc, "og:description", "description")


def _standfirst_text(el: Any) -> str:
    if el.tag == "p":
        return clean_text(inline_text(el))
    paras = [p for p in el.iter("p") if not p.xpath("ancestor::ul | ancestor::ol")]
    # Immersive pages put "by Name (reporting) and Name (photography)" in the standfirst.
    texts = [
        t for t in (clean_text(inline_text(p)) for p in paras) if t and not t.startswith("by ")
    ]
    if not texts:
        texts = [t for t in (clean_text(inline_text(li)) for li in el.iter("li")) if t]
    return " ".join(texts) or clean_text(inline_text(el))


def _authors(doc: Any, article_ld: dict) -> list[str]:
    names = common.ld_person_names(article_ld.get("author"))
    if names:
        return names
    names = xpaths.byline_names(doc, BYLINE_XPATHS, './/a[contains(@rel, "author")]')
    if names:
        return names
    if meta(doc, "author"):
        return common.split_byline(meta(doc, "author"))
    linked = [clean_text(inline_text(a)) for a in xpaths.find(doc, '//a[contains(@rel, "author")]')]
    return list(dict.fromkeys(n for n in linked if n))


def _is_live(text: str, ld: list, root: Any, urls: tuple[str | None, ...]) -> bool:
    match = _CONTENT_TYPE.search(text)
    return (
        pagetype.live_in_ld(ld)
        or bool(match and match.group(1).lower() in ("liveblog", "live blog"))
        or root.get("id") == "liveblog-body"
        or "js-liveblog-body" in blocks.classes(root)
        or pagetype.path_matches(urls, _LIVE_URL)
    )
