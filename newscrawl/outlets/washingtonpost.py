"""The Washington Post: 2014 pages (``article`` of ``p.indented``), the 2015-2020
``article[itemprop=articleBody]`` pages and their 2015 ``article`` forerunners."""

from __future__ import annotations

import html as htmllib
from collections.abc import Mapping
from typing import Any

from newscrawl.outlets import pagetype, printed
from newscrawl.outlets.common import clean_text

BODY = "article[itemprop=articleBody], div#article-body > article, article"
# Pictures and their credits, inline promos ("[Read: ...]" interstitial links), videos.
DROP = (
    "figure, figcaption, aside, .inline-content, .inline-photo, .inline-video, "
    ".pb-caption, .interstitial-link, .pb-feed-headline, .pb-related, .author-sig-line-wrapper, "
    ".author-hover-card, script, style"
)
BYLINE = "//*[contains(concat(' ', @class, ' '), ' pb-byline ')]"


class WashingtonPostExtractor(printed.SaysWhyNot):
    """The Washington Post since 2014: the printed headline (metadata of some captures
    keeps an older one), the article element's text, the printed byline where metadata
    names no one."""

    version = 1

    def __init__(self) -> None:
        super().__init__("washingtonpost", [BODY], [DROP])

    def read_printed(self, page: pagetype.ParsedPage, metadata: Mapping[str, Any]) -> Any:
        """The printed headline, and the printed byline where metadata names no one."""
        names = [] if metadata["authors"] else printed.byline(page.doc, BYLINE)
        return printed.headline(page.doc), names

    def finish(self, result: dict[str, Any], found: Any) -> dict[str, Any]:
        title, names = found
        result["title"] = title or result["title"]
        printed.set_notes_apart(result)
        if not result["authors"]:
            result["authors"] = names
        if result["standfirst"]:
            # Some pages escape their description twice ("nation&rsquo;s").
            result["standfirst"] = clean_text(htmllib.unescape(result["standfirst"]))
        return result
