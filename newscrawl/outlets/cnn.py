"""CNN: the story text of each cnn.com and money.cnn.com template since 2010."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newscrawl.outlets import blocks, common, pagetype, xpaths
from newscrawl.outlets.blocks import class_starts_with, classes
from newscrawl.outlets.generic import GenericExtractor
from newscrawl.outlets.leads import repeats_lead
from newscrawl.outlets.trafilatura_body import read_body

# The story's elements in each template, newest first: 2022 on (article__content),
# 2014-2021 (one zn-body__paragraph per paragraph or sub-heading), money.cnn.com
# (storytext), 2011-2014 (cnn_storypgraphtxt), 2010 (cnn_strycntntlft). Anything else is
# read by trafilatura.
TEMPLATES = (
    '//div[contains(concat(" ", @class, " "), " article__content ")]',
    '//*[contains(concat(" ", @class, " "), " zn-body__paragraph ")]',
    '//*[@id="storytext"]',
    '(//p[contains(concat(" ", @class, " "), " cnn_storypgraphtxt ")])[1]/..',
    '(//*[contains(concat(" ", @class, " "), " cnn_strycntntlft ")])[1]',
)
# Inside the story: the dateline cite ("London (CNN)", printed apart from the text on
# current pages), ads, related links, video players, editor's notes boxes, share tools,
# pictures and their captions, the money.cnn.com dek (read as the standfirst).
FURNITURE_CLASSES = (
    "el-editorial-source",
    "source__",
    "ad-",
    "related-content",
    "el__embedded",
    "el__video",
    "el__gallery",
    "el__featured-video",
    "zn-body__read-more",
    "cnnStryVidCont",
    "cnn_strylftcntnt",
    "cnn_strybtntools",
    "cnn_stryspcvbx",
    "cnnArticleGallery",
    "share-tools",
    "cnnVidFooter",
    "storytimestamp",
    "ie--storytop",
    "js-ie-",
    "module-",
    "inStoryHeading",
    "speakable-dek",
    "teads",
    "video-resource",
    "cnn_stryshrwdgt",
    "cnn_strybtm",
    "cnn_stryfts",
)
# Class names too short to match by prefix.
FURNITURE_EXACT = frozenset({"ad", "source", "image", "module"})
_FURNITURE_IDS = frozenset({"ie_column", "storyHead"})
# Lines of page furniture inside the story's element: a weather widget's placeholder, an
# iReport call-out ("... share your videos, pictures and stories at iReport"), a
# newsletter promo ("... a weekly newsletter ... Sign up here.").
_NOT_BODY = re.compile(
    r"^(?:Loading weather data\b|.*\bshare your\b.*\biReport\b|"
    r".*\bnewsletters?\b.*\bsign up\b)",
    re.I,
)
# The publication named next to the reporter (a "Stephen Collinson, CNN" byline).
_OUTLET_NAMES = frozenset({"cnn", "cnnmoney", "cnn wire"})


class CNNExtractor(GenericExtractor):
    """CNN articles (www., edition., money.cnn.com), 2010 to 2023 templates.

    Metadata as the generic extractor reads it, with the dates that 2016 pages keep in
    ``<meta value=...>``. ``title``: the headline, or the page title CNN
    writes with a kicker before it ("Alito and Prelogar: <headline>"). ``authors``: the
    byline's people (``CNN`` after a name is the outlet). The body is the story element
    of the page's template, read as it is: sub-headings (also those 2016 pages set in a
    paragraph element) are headings; left out are the dateline cite, ads, videos,
    pictures, related links and share tools. money.cnn.com's dek, printed as the
    story's first heading, is the standfirst; a description that repeats the lead is
    none."""

    version = 1

    def __init__(self) -> None:
        super().__init__("cnn")

    def read_printed(self, page: pagetype.ParsedPage, metadata: Mapping[str, Any]) -> Any:
        """The title with its kicker, the date of a 2016 page's ``<meta value=...>`` where
        metadata has none, and money.cnn.com's dek."""
        doc = page.doc
        published = metadata["published"]
        if published is None:
            published = common.normalise_date(
                _meta_value(doc, "pubdate", "DC.date.issued", "article:published_time")
            )
        dek = xpaths.find(doc, '//*[@id="storytext"]/h2[1][count(preceding-sibling::p) = 0]')
        dek_text = common.clean_text(blocks.inline_text(dek[0])) if dek else None
        return _with_kicker(doc, metadata["title"]), published, dek_text

    def finish(self, result: dict[str, Any], found: Any) -> dict[str, Any]:
        result["title"], result["published"], dek = found
        people = [n for n in result["authors"] if n.casefold() not in _OUTLET_NAMES]
        result["authors"] = people or result["authors"]
        if repeats_lead(result["standfirst"], result["paragraphs"]):
            result["standfirst"] = None
        if dek is not None:
            result["standfirst"] = dek
            result["blocks"] = [b for b in result["blocks"] if b["text"] != dek]
        return result

    def _body(self, text: str, doc: Any, url: str) -> list[dict[str, str]]:
        roots = xpaths.first_matches(doc, TEMPLATES)
        if not roots:
            return read_body(text, url, self.drop_xpaths)
        body = [b for root in roots for b in blocks.body_blocks(root, _furniture)]
        return [b for b in body if not _NOT_BODY.match(b["text"])]


def _furniture(el: Any) -> bool:
    return (
        el.get("aria-hidden") == "true"
        or el.get("id") in _FURNITURE_IDS
        or bool(classes(el) & FURNITURE_EXACT)
        or class_starts_with(el, FURNITURE_CLASSES)
    )


def _with_kicker(doc: Any, title: str) -> str:
    # The page title without the site's name: "Alito and Prelogar: <headline> | CNN Politics".
    page_title = common.clean_text(doc.findtext(".//title"))
    for sep in (" | ", " - "):
        page_title = page_title.split(sep)[0].strip()
    return page_title if page_title.endswith(": " + title) else title


def _meta_value(doc: Any, *keys: str) -> str | None:
    # Saved 2016 pages write their meta as <meta name=... value=...>.
    value = common.meta(doc, *keys)
    if value:
        return value
    for key in keys:
        for el in doc.xpath(f'//meta[@name="{key}" or @property="{key}"]/@value'):
            if common.clean_text(el):
                return common.clean_text(el)
    return None
