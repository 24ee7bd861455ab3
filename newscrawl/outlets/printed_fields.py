"""The generic extractor plus what an outlet prints around its headline: a standfirst
element, a date line, page furniture to drop."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newscrawl.outlets import common
from newscrawl.outlets.generic import GenericExtractor
from newscrawl.outlets.selectors import to_xpath

# Characters of a paragraph's opening that, found in a description, show it copies the body.
OPENING = 60


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

    def extract(self, html: bytes | str, url: str) -> dict[str, Any]:
        result = super().extract(html, url)
        # The generic reading prunes its tree: the printed fields come from a fresh one.
        doc = common.parse_html(common.decode_html(html))
        standfirst = _first_text(doc, self._standfirst_xpaths)
        if standfirst and standfirst not in result["paragraphs"]:
            result["standfirst"] = standfirst
        elif _repeats_body(result["standfirst"], result["paragraphs"]):
            # A description made of the body's opening paragraphs is not a standfirst.
            result["standfirst"] = None
        # A social handle next to the byline ("@ggreenwald") is not an author.
        result["authors"] = [a for a in result["authors"] if not a.startswith("@")]
        printed = _first_text(doc, self._date_xpaths, own_text=True)
        for prefix in self.date_prefixes:
            if printed and printed.casefold().startswith(prefix.casefold()):
                printed = printed[len(prefix) :].strip()
        result["published"] = common.normalise_date(printed) or result["published"]
        return result


def _repeats_body(standfirst: str | None, paragraphs: list[str]) -> bool:
    return bool(standfirst) and any(
        p[:OPENING] in standfirst for p in paragraphs[:3] if len(p) >= OPENING
    )


def _first_text(doc: Any, xpaths: list[str], own_text: bool = False) -> str | None:
    # own_text: the element's own text, before a nested "updated" label.
    for xpath in xpaths:
        for el in doc.xpath(xpath):
            text = common.clean_text(el.text if own_text else el.text_content())
            if text:
                return text
    return None
