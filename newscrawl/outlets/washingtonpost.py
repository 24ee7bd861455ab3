"""The Washington Post: 2014 pages (``article`` of ``p.indented``), the 2015-2020
``article[itemprop=articleBody]`` pages and their 2015 ``article`` forerunners."""

from __future__ import annotations

from typing import Any

from newscrawl.outlets import printed
from newscrawl.outlets.common import decode_html, parse_html
from newscrawl.outlets.generic import GenericExtractor

BODY = "article[itemprop=articleBody], div#article-body > article, article"
DROP = (
    "figure, figcaption, aside, .inline-content, .inline-photo, .inline-video, "
    ".pb-caption, .interstitial-link, .pb-feed-headline, .pb-related, script, style"
)


class WashingtonPostExtractor(GenericExtractor):
    """The Washington Post since 2014: the printed headline (metadata of some captures
    keeps an older one) and the article element's text."""

    version = 1

    def __init__(self) -> None:
        super().__init__("washingtonpost", [BODY], [DROP])

    def extract(self, html: bytes | str, url: str) -> dict[str, Any]:
        doc = parse_html(decode_html(html))
        result = super().extract(html, url)
        result["title"] = printed.headline(doc) or result["title"]
        return result
