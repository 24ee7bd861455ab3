"""CNBC: the generic extractor on CNBC's story body, with the printed byline and Key Points."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml.cssselect import CSSSelector

from newscrawl.outlets import common, pagetype
from newscrawl.outlets.generic import GenericExtractor

# The story body of each template: 2018 onwards (React "ArticleBody"), 2014-2018
# (#article_body, its sub-headings between the itemprop=articleBody groups), 2011 (/id/ pages).
BODY = ("div.ArticleBody-articleBody", "#article_body", "#cnbc_textbody .storyBody")
# In-body furniture: pictures and their credits, video players, "More from" boxes, ads,
# pull quotes, hidden share text, and the 2011 template's sign-off and e-mail prompt.
DROP = (
    ".InlineImage-imageEmbed",
    ".InlineVideo-videoEmbed",
    "[role=region]:has(.PlaceHolder-wrapper)",
    ".PlaceHolder-wrapper",
    ".RelatedContent-relatedContent",
    "blockquote[data-test=Pullquote]",
    ".Pullquote-pullquote",
    ".BoxInline-container",
    ".MobileAdhesion-container",
    ".HighlightShare-hidden",
    ".lazyload-placeholder",
    ".embed-container",
    ".vidInlineWrapper",
    "#cnbc_textbody .storyBody .clr",
    "#cnbc_textbody .storyBody p:has(script)",
)
# The bylines printed under the headline: 2018 onwards, then 2014-2018 ("Name | @handle").
AUTHOR_NAMES = CSSSelector(".ArticleHeader-author a.Author-authorName", translator="html")
OLD_BYLINE = CSSSelector("div.source.author", translator="html")
KEY_POINTS = CSSSelector(".RenderKeyPoints-list li, .KeyPoints-list li", translator="html")
# The section printed above the headline (2018 onwards, then 2014-2018); the meta of some
# captures has none, so a missing meta would read as a change of section.
SECTION = CSSSelector(".ArticleHeader-eyebrow, a.header_title.breadcrumb", translator="html")
# Sub-headings printed as <div> (2019) or <h4> (2016): headings, as the <h2> of today.
SUBTITLES = CSSSelector(".ArticleBody-subtitle, #article_body .subtitle", translator="html")


class CNBCExtractor(GenericExtractor):
    """CNBC stories of every template since 2011. The byline is the one printed under the
    headline (the structured data of older pages names the reporter's Twitter handle as
    an author); the standfirst is the "Key Points" list, read as one text (the meta
    description is a search snippet that CNBC rewrites without touching the story); the
    section is the one printed above the headline."""

    version = 1

    def __init__(self) -> None:
        super().__init__("cnbc", BODY, DROP)

    def read_printed(self, page: pagetype.ParsedPage, metadata: Mapping[str, Any]) -> Any:
        """The printed byline, Key Points and section, before the body step drops parts of
        the page."""
        doc = page.doc
        return _byline(doc), _key_points(doc), _first_text(doc, SECTION)

    def finish(self, result: dict[str, Any], found: Any) -> dict[str, Any]:
        byline, key_points, section = found
        result["authors"] = byline or [a for a in result["authors"] if not a.startswith("@")]
        result["standfirst"] = key_points
        result["section"] = section or result["section"]
        return result

    def _body(self, text: str, doc: Any, url: str) -> list[dict[str, str]]:
        for el in SUBTITLES(doc):
            el.tag = "h2"
        return super()._body(text, doc, url)


def _byline(doc: Any) -> list[str]:
    names = [common.clean_text(a.text_content()) for a in AUTHOR_NAMES(doc)]
    names = list(dict.fromkeys(n for n in names if n))
    if names:
        return names
    for el in OLD_BYLINE(doc):
        printed = common.clean_text(el.text_content()).split("|")[0]
        if common.clean_text(printed):
            return common.split_byline(printed)
    return []


def _first_text(doc: Any, selector: CSSSelector) -> str | None:
    texts = (common.clean_text(el.text_content()) for el in selector(doc))
    return next((t for t in texts if t), None)


def _key_points(doc: Any) -> str | None:
    points = [common.clean_text(li.text_content()) for li in KEY_POINTS(doc)]
    return " ".join(p for p in points if p) or None
