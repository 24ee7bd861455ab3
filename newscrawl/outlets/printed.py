"""What an outlet prints around its headline (headline, byline, standfirst element, date
line, editor's notes) where its metadata lags the page, read from the page's whole tree."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from newscrawl.outlets import pagetype, refusals, structured
from newscrawl.outlets.base import NotAnArticle
from newscrawl.outlets.blocks import paragraphs, split_corrections
from newscrawl.outlets.common import clean_text, meta, normalise_date, split_byline
from newscrawl.outlets.generic import GenericExtractor
from newscrawl.outlets.selectors import to_xpath

# Characters of a paragraph's opening that, found in a description, show it copies the body.
OPENING = 60
# Notes the NYT and the Post print in the body besides "Correction:" and "An earlier
# version of this article...", which the generic extractor already sets apart.
EDITORS_NOTE = re.compile(
    r"^\W*(?:editors?[’']?s?[’']? note\b|"
    r"(?:this|the) (?:article|story|post|column) (?:has been|was) updated\b)",
    re.I,
)


class PrintedFieldsExtractor(GenericExtractor):
    """``GenericExtractor`` whose standfirst is the element the outlet prints under the
    headline (its meta description is often a different, index summary) and whose
    ``published`` is the date line printed there when the page has one (older templates
    carry no machine-readable date; reading the same line on every template keeps the
    field stable across a redesign). Subclasses set the selectors."""

    standfirst_selectors: Sequence[str] = ()
    date_selectors: Sequence[str] = ()
    date_prefixes: Sequence[str] = ()
    """Labels in front of the printed date ("Published time:"), removed before parsing."""

    def __init__(
        self, name: str, body_selectors: Sequence[str] = (), drop_selectors: Sequence[str] = ()
    ) -> None:
        super().__init__(name, body_selectors, drop_selectors)
        self._standfirst_xpaths = [to_xpath(s) for s in self.standfirst_selectors]
        self._date_xpaths = [to_xpath(s) for s in self.date_selectors]

    def read_printed(self, page: pagetype.ParsedPage, metadata: Mapping[str, Any]) -> Any:
        """The printed standfirst and date line, as printed."""
        return first_text(page.doc, self._standfirst_xpaths), first_text(
            page.doc, self._date_xpaths, own_text=True
        )

    def finish(self, result: dict[str, Any], printed: Any) -> dict[str, Any]:
        standfirst, date_line = printed
        if standfirst and standfirst not in result["paragraphs"]:
            result["standfirst"] = standfirst
        elif _repeats_body(result["standfirst"], result["paragraphs"]):
            # A description made of the body's opening paragraphs is not a standfirst.
            result["standfirst"] = None
        # A social handle next to the byline ("@ggreenwald") is not an author.
        result["authors"] = [a for a in result["authors"] if not a.startswith("@")]
        for prefix in self.date_prefixes:
            if date_line and date_line.casefold().startswith(prefix.casefold()):
                date_line = date_line[len(prefix) :].strip()
        result["published"] = normalise_date(date_line) or result["published"]
        return result


def _repeats_body(standfirst: str | None, paragraphs: list[str]) -> bool:
    return bool(standfirst) and any(
        p[:OPENING] in standfirst for p in paragraphs[:3] if len(p) >= OPENING
    )


def first_text(doc: Any, xpaths: list[str], own_text: bool = False) -> str | None:
    """The first non-empty text of an element the XPaths find, in their order; ``own_text``:
    the element's own text, before a nested "updated" label."""
    for xpath in xpaths:
        for el in doc.xpath(xpath):
            text = clean_text(el.text if own_text else el.text_content())
            if text:
                return text
    return None


def headline(doc: Any) -> str | None:
    """The text of the page's last ``<h1>``: pages that print two (a section or series name,
    then the story's headline) print the headline last."""
    heads = [clean_text(h.text_content()) for h in doc.iter("h1")]
    heads = [h for h in heads if h]
    return heads[-1] if heads else None


def byline_names(text: str) -> list[str]:
    """The names of a byline ("By A, B and C"): "By" dropped, an all-capitals byline in
    title case; [] for a byline with no name ("By")."""
    text = clean_text(text)
    if text.lower() == "by":
        return []
    if text.lower().startswith("by "):
        text = text[3:].strip()
    if text.isupper():
        text = text.title()
    return split_byline(text) if text else []


def byline(doc: Any, xpath: str) -> list[str]:
    """The names of the first byline ``xpath`` matches (an element, or an attribute) that
    names someone."""
    for found in doc.xpath(xpath):
        names = byline_names(found if isinstance(found, str) else found.text_content())
        if names:
            return names
    return []


def same_names(names: list[str], others: list[str]) -> bool:
    """Whether two lists name the same people, ignoring case."""
    return [n.casefold() for n in names] == [n.casefold() for n in others]


def set_notes_apart(result: dict[str, Any]) -> None:
    """Move editor's notes and "This article has been updated..." lines of ``result``'s
    body to its ``corrections``, after the correction notes already there."""
    body, notes = split_corrections(result["blocks"], EDITORS_NOTE)
    if notes:
        result["blocks"], result["paragraphs"] = body, paragraphs(body)
        result["corrections"] = [*result["corrections"], *notes]


def refusal(html: bytes | str, url: str) -> str | None:
    """Why a page whose body selectors matched nothing is no article, when the page says
    so itself (a video or gallery page, an error page, a site's page), else None.

    It parses the page again: only refused pages come here, and the extraction's tree may
    have been pruned by then."""
    _, doc, ld, article_ld = pagetype.parse_page(html, structured.ARTICLE_TYPES)
    reason = refusals.media_page(doc, ld, article_ld, url) or refusals.error_page(doc)
    if not reason and (meta(doc, "og:type") or "").lower() == "website":
        reason = "a front or index page (og:type website), no article body"
    return reason


class SaysWhyNot(GenericExtractor):
    """``GenericExtractor`` whose refusal, when the outlet's body selectors match
    nothing, gives the reason the page itself shows (``refusal``)."""

    def extract(self, html: bytes | str, url: str) -> dict[str, Any]:
        try:
            return super().extract(html, url)
        except NotAnArticle as exc:
            # Only a refused page is parsed a second time, to say why.
            raise NotAnArticle(refusal(html, url) or exc.reason) from None
