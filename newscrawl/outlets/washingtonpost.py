"""The Washington Post: 2014 pages (``article`` of ``p.indented``), the 2015-2020
``article[itemprop=articleBody]`` pages and their 2015 ``article`` forerunners."""

from __future__ import annotations

import html as htmllib
from typing import Any

from newscrawl.outlets import printed
from newscrawl.outlets.base import NotAnArticle
from newscrawl.outlets.common import clean_text, decode_html, parse_html
from newscrawl.outlets.generic import GenericExtractor

BODY = "article[itemprop=articleBody], div#article-body > article, article"
# Pictures and their credits, inline promos ("[Read: ...]" interstitial links), videos.
DROP = (
    "figure, figcaption, aside, .inline-content, .inline-photo, .inline-video, "
    ".pb-caption, .interstitial-link, .pb-feed-headline, .pb-related, .author-sig-line-wrapper, "
    ".author-hover-card, script, style"
)
BYLINE = "//*[contains(concat(' ', @class, ' '), ' pb-byline ')]"


class WashingtonPostExtractor(GenericExtractor):
    """The Washington Post since 2014: the printed headline (metadata of some captures
    keeps an older one), the article element's text, the printed byline where metadata
    names no one."""

    version = 1

    def __init__(self) -> None:
        super().__init__("washingtonpost", [BODY], [DROP])

    def extract(self, html: bytes | str, url: str) -> dict[str, Any]:
        try:
            result = super().extract(html, url)
        except NotAnArticle as exc:
            raise NotAnArticle(printed.refusal(html, url) or exc.reason) from None
        doc = parse_html(decode_html(html))
        result["title"] = printed.headline(doc) or result["title"]
        printed.set_notes_apart(result)
        if not result["authors"]:
            result["authors"] = printed.byline(doc, BYLINE)
        if result["standfirst"]:
            # Some pages escape their description twice ("nation&rsquo;s").
            result["standfirst"] = clean_text(htmllib.unescape(result["standfirst"]))
        return result
