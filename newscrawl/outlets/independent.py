"""The Independent: the article text of its 2014, 2015 and 2020s templates, without the
byline boxes, galleries, newsletter boxes and link lists printed inside it."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Mapping
from typing import Any

from newscrawl.outlets import common, pagetype
from newscrawl.outlets.printed import PrintedFieldsExtractor
from newscrawl.outlets.selectors import to_xpath

# "This is a breaking news story - more to follow": an editor's note, not the story.
EDITORS_NOTE = re.compile(r"^this is a breaking news? story\b", re.I)
# The printed byline's names: the 2014 author box, the 2015 header (its role is a sibling).
BYLINE_NAMES = [to_xpath(s) for s in (".byline .authorName", "header li.author a")]


class IndependentExtractor(PrintedFieldsExtractor):
    """The Independent. The body is the article's own element on each template
    (``div#main`` in the 2020s ``<article>``, ``.storyTop`` and ``.body`` of the 2014
    ``storyContent``, ``.text-wrapper`` of the 2015 ``full-article``), read as printed;
    the author box, dateline, inline picture captions, galleries, related-link lists,
    newsletter sign-ups and topic lists inside it are dropped, and the breaking-news note
    goes to ``corrections``. Authors are the printed byline's names where the template
    prints them apart from the role."""

    # The 2014 standfirst, printed above the dateline, outside the body elements.
    standfirst_selectors = ("div.storyContent > p:not([class])",)

    def __init__(self) -> None:
        super().__init__(
            "independent",
            body_selectors=(
                "article div#main",
                "div.storyContent span.storyTop",
                "div.storyContent div.body",
                "article.full-article div.text-wrapper",
            ),
            drop_selectors=(
                ".newsletter-component",
                ".gallery-btn",
                ".grid-mod-gallery",
                ".full-gallery",
                ".esi-gallery",
                ".byline",
                "p.location",
                ".inLineImageCaption",
                "div.storyContent h5",
                ".relatedlinkslist",
                "div#main > div.related",
                "ul.inline-pipes-list",
                "#suggestedTopicsInPage",
                "figure",
                "figcaption",
                # Live blogs: the video at the top, the key-points box, each post's time
                # and its author-and-time line (the post's headline and text stay).
                "//div[@id='main']/div[.//*[contains(@class, 'video-top-container')]]",
                ".js-key-points",
                "amp-live-list amp-timeago",
                "amp-live-list [update]",
                "div[id^=post-] > div:last-child",
            ),
        )

    def read_printed(self, page: pagetype.ParsedPage, metadata: Mapping[str, Any]) -> Any:
        """The printed standfirst and date line, and the printed byline's names."""
        doc = page.doc
        names = [common.clean_text(el.text_content()) for x in BYLINE_NAMES for el in doc.xpath(x)]
        return super().read_printed(page, metadata), names

    def finish(self, result: dict[str, Any], found: Any) -> dict[str, Any]:
        fields, names = found
        result = super().finish(result, fields)
        if any(names):
            # The 2014 and 2015 bylines' metadata mixes in roles and link labels.
            result["authors"] = list(dict.fromkeys(n for n in names if n))
        if result["standfirst"]:
            # Some descriptions carry an escaped entity ("dancing&nbsp;").
            result["standfirst"] = common.clean_text(htmllib.unescape(result["standfirst"]))
        notes = [b for b in result["blocks"] if EDITORS_NOTE.match(b["text"])]
        if notes:
            result["blocks"] = [b for b in result["blocks"] if b not in notes]
            result["paragraphs"] = [b["text"] for b in result["blocks"] if b["type"] == "paragraph"]
            result["corrections"] += [b["text"] for b in notes]
        return result
