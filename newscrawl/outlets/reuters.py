"""Reuters: the story text of each reuters.com template since 2014, wire codes left out."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newscrawl.outlets import blocks, common, pagetype, xpaths
from newscrawl.outlets.blocks import class_starts_with, inline_text
from newscrawl.outlets.generic import GenericExtractor
from newscrawl.outlets.leads import repeats_lead
from newscrawl.outlets.trafilatura_body import read_body

# The story's element in each template, newest first: 2021 on (one element per
# paragraph), 2018-2021, 2016-2018, 2014-2016. widerimage.reuters.com and anything newer
# are read by trafilatura.
TEMPLATES = (
    '//*[starts-with(@data-testid, "paragraph-") or starts-with(@data-testid, "Heading")]'
    '[ancestor::*[contains(@class, "article-body__content")]]',
    '//div[@class="ArticleBodyWrapper"]',
    '//span[@id="article-text"]',
    '//span[@id="articleText"]',
)
# Inside the story element: bylines, read time, share tools, ads, slideshows, related
# links, and the story's own "related coverage" teasers.
FURNITURE = (
    "ArticleBody-byline",
    "ArticleBody-read-time",
    "AdSlot",
    "ArticleBody-slideshow",
    "RelatedCoverage",
    "Slideshow",
    "Image-",
    "Video",
)
_FURNITURE_IDS = frozenset({"article-byline", "relatedInteractive"})
# Instrument codes (RICs) that wire copy carries inline: "The dollar .DXY rose",
# "Larsen and Toubro (LART.NS)"; the web pages since 2018 print them without.
_RIC = re.compile(r" \(?\.[A-Z][A-Z0-9]{1,8}\)?(?=[ ,.;:]|$)")
# The dateline: "WASHINGTON (Reuters) - ", printed as "WASHINGTON " before 2018.
_DATELINE = re.compile(r"^[A-Z][A-Za-z0-9 .,'/-]{1,60}\(Reuters\) - ")
# The reporting credit, in brackets before 2018: "(Reporting by ...; Editing by ...)".
_CREDIT = re.compile(r"^\((?=(?:Additional )?[Rr]eporting by|Writing by|Editing by)(.*)\)$")
_NOT_BODY = re.compile(r"^Our Standards: The Thomson Reuters Trust Principles\.?$")


class ReutersExtractor(GenericExtractor):
    """Reuters articles (reuters.com, in./uk./widerimage.reuters.com), 2014 to 2023.

    Metadata as the generic extractor reads it. The body is the story element of the
    page's template, read as it is, without bylines, read times, ads, slideshows and
    related-coverage teasers; inline instrument codes (``.DXY``) and the brackets of a
    pre-2018 reporting credit are left out, and a pre-2018 dateline printed as
    ``WASHINGTON`` reads ``WASHINGTON (Reuters) -`` as on later pages, so one story
    reads the same in every template. On 2021+ pages the dateline lead printed above
    the story is the standfirst; a description that repeats the lead is none."""

    version = 1

    def __init__(self) -> None:
        super().__init__("reuters")

    def read_printed(self, page: pagetype.ParsedPage, metadata: Mapping[str, Any]) -> Any:
        """The date and byline where metadata has none, and whether the page is of the
        2021+ template."""
        doc = page.doc
        published = metadata["published"]
        if published is None:
            # 2018-2021 pages write their meta with value= rather than content=.
            published = common.normalise_date(
                _first(xpaths.find(doc, '//meta[@name="og:article:published_time"]/@value'))
            )
        authors = metadata["authors"]
        if not authors:
            # 2016-2018 pages: the byline above the story, their meta again with value=.
            byline = _first(xpaths.find(doc, '//*[@id="article-byline"]/*[@class="author"]'))
            authors = common.split_byline(
                common.clean_text(inline_text(byline)) if byline is not None else ""
            )
        return published, authors, bool(xpaths.find(doc, TEMPLATES[0]))

    def finish(self, result: dict[str, Any], found: Any) -> dict[str, Any]:
        result["published"], authors, latest = found
        result["authors"] = [n.rstrip(".") for n in authors]
        if repeats_lead(result["standfirst"], result["paragraphs"]):
            result["standfirst"] = None
        if latest and result["paragraphs"]:
            lead = result["paragraphs"][0]
            if _DATELINE.match(lead):
                result["standfirst"] = lead
                result["blocks"] = [b for b in result["blocks"] if b["text"] != lead]
                result["paragraphs"] = result["paragraphs"][1:]
        return result

    def _body(self, text: str, doc: Any, url: str) -> list[dict[str, str]]:
        roots = xpaths.first_matches(doc, TEMPLATES)
        if not roots:
            return read_body(text, url, self.drop_xpaths)
        for el in xpaths.find(doc, '//span[@class="articleLocation"]'):
            # Pre-2018: the dateline's place in a span, with no "(Reuters) -" after it.
            if not (el.tail or "").lstrip().startswith("(Reuters)"):
                el.tail = " (Reuters) - " + (el.tail or "").lstrip()
        body = [b for root in roots for b in blocks.body_blocks(root, _furniture)]
        return [_cleaned(b) for b in body if not _NOT_BODY.match(b["text"])]


def _furniture(el: Any) -> bool:
    return (
        el.get("aria-hidden") == "true"
        or el.get("id") in _FURNITURE_IDS
        or class_starts_with(el, FURNITURE)
    )


def _cleaned(block: dict[str, str]) -> dict[str, str]:
    text = common.clean_text(_RIC.sub("", block["text"]))
    text = _CREDIT.sub(r"\1", text)
    return {"type": block["type"], "text": text}


def _first(values: list[Any]) -> Any:
    return values[0] if values else None
