"""The New York Times: 2012 pages, 2014-2017 ``story-body-text``, 2018 onwards
``section[name=articleBody]``, and interactive features (``g-`` blocks with captions)."""

from __future__ import annotations

from typing import Any

from newscrawl.outlets import printed
from newscrawl.outlets.common import decode_html, parse_html
from newscrawl.outlets.generic import GenericExtractor

# The body of each template, newest first; one union so the parts stay in page order.
BODY = (
    "section[name=articleBody], p.story-body-text, p[itemprop=articleBody], "
    "div.g-body p.g-p, div.g-block p.g-caption, div.g-block .g-text p"
)
DROP = (
    "figure, figcaption, aside, .caption, .credit, [data-testid=photoviewer-wrapper], "
    "[id^=NYT_ABOVE], [data-testid=inline-message], .bottom-of-article, .story-info"
)
# Printed bylines: interactive features, 2012, 2014-2017, 2018 onwards.
BYLINE = (
    "//p[contains(@class,'g-byline')] | //h6[contains(@class,'byline')]"
    " | //*[@itemprop='author' and not(ancestor::*[@itemprop='author'])]"
    " | //p[contains(@class,'byline-dateline')]//*[contains(@class,'byline-author')]"
)


class NYTimesExtractor(GenericExtractor):
    """The New York Times, every template since 2012: the printed headline and byline
    (metadata keeps an index headline and, on some pages, one author of several)."""

    version = 1

    def __init__(self) -> None:
        super().__init__("nytimes", [BODY], [DROP])

    def extract(self, html: bytes | str, url: str) -> dict[str, Any]:
        doc = parse_html(decode_html(html))
        result = super().extract(html, url)
        result["title"] = printed.headline(doc) or result["title"]
        names = printed.byline(doc, BYLINE)
        if len(names) >= len(result["authors"]):
            result["authors"] = names or result["authors"]
        return result
