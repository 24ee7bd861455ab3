"""BBC News, Sport and Travel: ``.stm`` pages (to 2010), ``story-body`` (2010-2020), live pages,
BBC Travel stories, current pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from newscrawl.outlets import blocks, common, pagetype, xpaths
from newscrawl.outlets.base import Extractor, NotAnArticle
from newscrawl.outlets.blocks import classes, inline_text
from newscrawl.outlets.common import clean_text, meta
from newscrawl.outlets.xpaths import as_str, first_text, has_class

ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "LiveBlogPosting"}
)
# JSON-LD types, CPS asset types and URL path segments of pages that are not articles.
NON_ARTICLE_TYPES = {
    "VideoObject": "video",
    "AudioObject": "audio",
    "ImageGallery": "gallery",
    "CollectionPage": "front",
}
NON_ARTICLE_ASSETS = {"IDX": "front", "MAP": "video", "PGL": "gallery"}
NON_ARTICLE_PATHS = {
    "av": "video",
    "video_and_audio": "video",
    "iplayer": "video",
    "sounds": "audio",
    "in_pictures": "gallery",
}
BBC_HOSTS = ("bbc.co.uk", "bbc.com")
_LIVE_URL = re.compile(r"/live/")
# Body element of each template, newest first; ``.stm`` pages mark theirs with comments.
# Live pages: the feed of posts, newest first; BBC Travel: the story under its byline.
BODY_XPATHS = (
    has_class("story-body__inner"),
    '//*[@property="articleBody"]',
    has_class("story-body"),
    '//*[@id="story-body"]',
    has_class("lx-stream__feed"),
    '//*[@id="story-content"]' + has_class("body-content"),
)
LEGACY_BODY = re.compile(r"<!--\s*S BO\s*-->(.*?)<!--\s*E BO\s*-->", re.S)
# Current pages: the article's parts are data-component blocks; these hold its text.
TEXT_COMPONENTS = frozenset(
    {"text-block", "subheadline-block", "crosshead-block", "unordered-list-block"}
)
HEADLINE_XPATHS = (
    '//*[@data-component="headline-block"]//h1',
    '//h1[@id="main-heading"]',
    has_class("story-body__h1"),
    has_class("story-header"),
    '//*[@class="mxb"]/h1',
    '//*[@class="mxb"]/*[@class="sh"]',
    '//*[@id="meta-information"]//h1',
    '//*[@id="story-content"]//h1',
)
# Story bylines; "story-feature" boxes carry the names of correspondents whose analysis the
# story quotes, not of its authors. Current pages name their authors in JSON-LD.
_NOT_IN_BOX = '[not(ancestor::*[contains(@class, "story-feature")])]'
BYLINE_XPATHS = tuple(
    has_class(name) + _NOT_IN_BOX for name in ("byline__name", "byline-name", "byl")
)
# Class-name prefixes of things inside a body that are not article text: dates, share
# tools, captions and image credits, media players, "Continue reading the main story"
# boxes, ads, related links, visually hidden labels ("Image copyright", "Media caption").
SKIP_CLASS_PREFIXES = (
    "story-date",
    "story-body__mini-info",
    "story-body__link-external",
    "story-feature",
    "story-related",
    "share",
    "caption",
    "cap",
    "media",
    "embedded-hyper",
    "hyperpuff",
    "byline",
    "correspondent-byline",
    "bbccom",
    "mpu-ad",
    "videoInStory",
    "emp",
    "warning",
    "hidden",
    "off-screen",
    "inline-media",
    "related",
    "social",
    "mvtb",
    "twitter",
    "market-data",
    "comment",
    "bbc-news-vj",
    "idt",
    "sps-",
    "lx-stream-post__meta",
    "lx-stream-post__header-tag",
    "lx-media-asset",
    "lx-stream-related-story",
    "qa-contributor",
    "gs-u-vh",
)
# 2015-2020 pages give the date and section only in the "mini info" line under the headline.
MINI_INFO = has_class("story-body") + '//*[@class="mini-info-list"]'
SKIP_TAGS = frozenset({"h1", "footer", "header"})
# A live page's posts each carry their headline in a <header>.
POST_HEADER = "lx-stream-post__header"

CORRECTION = re.compile(
    r"^\W*(?:correction\b|clarification\b|"
    r"(?:this|the|an earlier version of this) (?:article|story|report|piece|headline)\b"
    r"[^.]{0,60}?\b(?:has been|was|have been|were) (?:amended|corrected|updated to correct))",
    re.I,
)
# .stm pages end some stories with a comments form, inside the story's body markers.
COMMENTS_FORM = re.compile(r"^(?:add|send us) your comments\b", re.I)
# BBC Travel (and the other bbc.com features) end each story with the same two promos.
FEATURES_PROMO = re.compile(
    r"^(?:join more than [\w ]{1,40} fans by liking us on facebook|"
    r"if you liked this story, sign up for the weekly bbc\.com features newsletter)",
    re.I,
)
LEAD_CLASSES = frozenset({"introduction", "story-body__introduction", "first"})


class BBCExtractor(Extractor):
    """BBC News (bbc.co.uk, bbc.com, news.bbc.co.uk), every template since 2006.

    The headline is the one printed on the page (the ``<h1>``): the BBC's ``og:title`` and
    ``Headline`` meta are shorter index headlines. A live page's ``<h1>`` is the latest
    post's headline, so its name is the page title instead.

    Current pages print no standfirst apart from the body: their bold first paragraph is
    read as the standfirst and is not repeated in ``paragraphs``. Earlier pages (2010-2020
    news, sport, travel and live pages) carry the summary written for them in their
    ``description`` meta: that is their standfirst, and their first paragraph stays in
    the body unless it prints the summary itself. ``.stm`` pages have no summary, so
    their bold first paragraph is the standfirst."""

    name = "bbc"
    version = 2

    def extract(self, html: bytes | str, url: str) -> dict[str, Any]:
        text, doc, ld, article_ld = pagetype.parse_page(html, ARTICLE_TYPES)
        _reject_non_articles(doc, ld, article_ld, url)
        if not _is_bbc(doc):
            raise NotAnArticle("not a BBC page (no BBC URL, name or page metadata)")
        root, current = _body_root(doc, text)
        if root is None:
            raise NotAnArticle("no BBC article body found")
        canonical = common.canonical_url(doc)
        is_live = pagetype.live_in_ld(ld) or pagetype.path_matches((url, canonical), _LIVE_URL)
        title = _live_title(doc) if is_live else None
        title = title or _title(doc, article_ld)
        if not title:
            raise NotAnArticle("no headline found")
        skip = _skipper(current)
        lead = _lead_element(root, skip)
        body = blocks.body_blocks(root, skip, lambda el: _is_heading(el, lead, current))
        summary = None if current else _summary(doc, article_ld)
        if summary:
            standfirst, body = summary, _drop_printed(body, summary)
        else:
            standfirst, body = _split_lead(body, lead)
        body, corrections = blocks.split_corrections(
            body, CORRECTION, not_body=FEATURES_PROMO, end=COMMENTS_FORM
        )
        paragraphs = blocks.paragraphs(body)
        if not paragraphs and not standfirst:
            raise NotAnArticle("article body has no text")
        return {
            "url": url,
            "canonical_url": canonical,
            "title": title,
            "standfirst": standfirst,
            "authors": _authors(doc, article_ld),
            "published": common.normalise_date(
                as_str(article_ld.get("datePublished"))
                or meta(doc, "article:published_time", "OriginalPublicationDate")
            )
            or _story_date(doc),
            "modified": common.normalise_date(
                as_str(article_ld.get("dateModified")) or meta(doc, "article:modified_time")
            ),
            "section": meta(doc, "article:section", "Section")
            or as_str(article_ld.get("articleSection"))
            or first_text(doc, [MINI_INFO + '//*[@class="mini-info-list__section"]']),
            "paragraphs": paragraphs,
            "blocks": body,
            "corrections": corrections,
            "is_live": is_live,
            "extractor": self.ident,
        }


def _reject_non_articles(doc: Any, ld: list, article_ld: dict, url: str) -> None:
    if not article_ld:
        pagetype.reject_ld_types(ld, NON_ARTICLE_TYPES)
    asset = (meta(doc, "CPS_ASSET_TYPE") or "").upper()
    if asset in NON_ARTICLE_ASSETS:
        raise NotAnArticle(f"{NON_ARTICLE_ASSETS[asset]} page (CPS asset type {asset})")
    if not article_ld:
        pagetype.reject_og_type(doc)
    pagetype.reject_url_paths(doc, url, NON_ARTICLE_PATHS)


def _is_bbc(doc: Any) -> bool:
    if pagetype.on_hosts(doc, BBC_HOSTS):
        return True
    if (meta(doc, "og:site_name") or "").startswith("BBC"):
        return True
    # Pages of the BBC's old content system carry its own metadata instead.
    return bool(meta(doc, "CPS_ASSET_TYPE", "UKFS_URL"))


def _body_root(doc: Any, text: str) -> tuple[Any, bool]:
    """The body element and whether it is a current (data-component) page."""
    text_blocks = xpaths.find(doc, '//*[@data-component="text-block"]')
    if text_blocks:
        # The first <article> holding a text block is the first block's outermost one.
        articles = text_blocks[0].xpath("ancestor::article")
        return (articles[0] if articles else text_blocks[0].getparent()), True
    root = xpaths.first_element(doc, BODY_XPATHS)
    if root is not None:
        return root, False
    match = LEGACY_BODY.search(text)
    if match:
        return common.parse_fragment(match.group(1)), False
    return None, False


def _skipper(current: bool) -> Any:
    def skip(el: Any) -> bool:
        if el.tag.lower() in SKIP_TAGS and POST_HEADER not in classes(el):
            return True
        if el.get("aria-hidden") == "true":
            return True
        component = el.get("data-component")
        if current and component and component not in TEXT_COMPONENTS:
            return True
        if blocks.class_starts_with(el, SKIP_CLASS_PREFIXES):
            return True
        return el.tag in ("ul", "ol") and _only_links(el)

    return skip


def _only_links(el: Any) -> bool:
    # "More on this story"-style lists: every item is nothing but a link.
    items = [li for li in el.iter("li")]
    return bool(items) and all(
        clean_text(inline_text(li)) == clean_text("".join(inline_text(a) for a in li.iter("a")))
        for li in items
    )


def _all_bold(el: Any) -> bool:
    text = clean_text(inline_text(el))
    bold = "".join(
        inline_text(b) for b in el if isinstance(b.tag, str) and b.tag in ("b", "strong")
    )
    return bool(text) and (el.tag in ("b", "strong") or clean_text(bold) == text)


def _lead_element(root: Any, skip: Any) -> Any:
    """The first paragraph of the body when the page marks it as the bold introduction."""
    for el in root.iter("p", "b", "strong"):
        path = [el, *el.iterancestors()]
        path = path[: path.index(root)] if root in path else path
        if any(skip(a) or a.tag in blocks.NEVER_TEXT for a in path):
            continue
        if not clean_text(inline_text(el)):
            continue
        if el.tag in ("b", "strong") and el.getparent().tag == "p":
            el = el.getparent()
        return el if classes(el) & LEAD_CLASSES or _all_bold(el) else None
    return None


def _is_heading(el: Any, lead: Any, current: bool) -> bool:
    if "cross-head" in classes(el) or "story-body__crosshead" in classes(el):
        return True
    # .stm pages set their sub-headings as all-bold paragraphs.
    return not current and el.tag == "p" and el is not lead and _all_bold(el)


def _split_lead(body: list[dict], lead: Any) -> tuple[str | None, list[dict]]:
    if lead is None or not body or body[0]["type"] != "paragraph":
        return None, body
    if body[0]["text"] != clean_text(inline_text(lead)):
        return None, body
    return body[0]["text"], body[1:]


def _summary(doc: Any, article_ld: dict) -> str | None:
    # og:description before description: some saved pages carry the latter with its
    # quotation marks unescaped, cut short at the first one.
    return clean_text(as_str(article_ld.get("description"))) or meta(
        doc, "og:description", "description"
    )


def _drop_printed(body: list[dict], summary: str) -> list[dict]:
    # A first paragraph that prints the summary is read once, as the standfirst.
    if body and body[0]["type"] == "paragraph" and body[0]["text"] == summary:
        return body[1:]
    return body


def _live_title(doc: Any) -> str | None:
    # "<name> - <whose words> - BBC News": the name is the first part.
    title = meta(doc, "og:title") or first_text(doc, ["//head/title"])
    return clean_text(title.split(" - ")[0]) if title else None


def _title(doc: Any, article_ld: dict) -> str | None:
    title = clean_text(as_str(article_ld.get("headline"))) or first_text(doc, HEADLINE_XPATHS)
    if title:
        return title
    title = meta(doc, "og:title", "Headline")
    return re.sub(r"\s+-\s+BBC (?:News|Sport)$", "", title) if title else None


def _authors(doc: Any, article_ld: dict) -> list[str]:
    names = [
        n
        for raw in common.ld_person_names(article_ld.get("author"))
        for n in common.split_byline(raw)
    ]
    if names:
        return names
    names = xpaths.byline_names(doc, BYLINE_XPATHS)
    if names:
        return names
    # BBC Travel names its author in meta only.
    names = common.split_byline(meta(doc, "author") or "")
    if names:
        return names
    # Unsigned BBC stories are credited to the BBC itself, as its JSON-LD does.
    site = meta(doc, "og:site_name")
    return [site] if site else []


def _story_date(doc: Any) -> str | None:
    seconds = doc.xpath(MINI_INFO + "//*[@data-seconds]/@data-seconds")
    if not seconds or not str(seconds[0]).isdigit():
        return None
    return datetime.fromtimestamp(int(seconds[0]), UTC).isoformat(timespec="seconds")
