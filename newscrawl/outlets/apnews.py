"""AP News: the generic reading, with the byline AP prints rather than its JSON-LD's."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newscrawl.diffing.normalise import comparison_form
from newscrawl.outlets import blocks, common, pagetype, xpaths
from newscrawl.outlets.blocks import inline_text
from newscrawl.outlets.generic import GenericExtractor

# The printed byline: "Page-authors" (2023 pages), "Component-bylines-..." (2020-2023).
BYLINE = '//*[contains(@class, "Page-authors") or starts-with(@class, "Component-bylines")]'
# AP's correction line at the story's end: "This story was first published March 29, 2023.
# It was updated March 30, 2023, to correct ..." (also "This story has been corrected to").
CORRECTION = re.compile(
    r"^This (?:story|article) (?:was first published\b.*\bupdated\b.*\bto correct\b|"
    r"has been (?:corrected|updated) to (?:correct|show|reflect)\b)",
    re.I,
)


class APNewsExtractor(GenericExtractor):
    """AP News articles (apnews.com, 2020 to 2023 templates).

    Body and metadata as the generic extractor reads them. ``authors``: AP's JSON-LD
    drops names from several-reporter bylines (``"Travis Loller, Kimberlee Kruesi"`` for
    a byline of three) and straightens apostrophes, so the printed byline gives the
    names; AP prints it in capitals, and a name the JSON-LD lists on its own with the
    same letters gives that name's spelling (``María Verza`` for ``MARÍA VERZA``). AP's
    correction line ("This story was first published ... It was updated ... to correct")
    goes to ``corrections``; separator headings (``_______``) and the headline printed
    again as a heading are dropped. AP prints no standfirst (its description is the lead,
    or an earlier version of it)."""

    version = 1

    def __init__(self) -> None:
        super().__init__("apnews")

    def read_printed(self, page: pagetype.ParsedPage, metadata: Mapping[str, Any]) -> Any:
        """The printed byline's names, spelt as the JSON-LD spells them; [] if none."""
        printed = _printed_byline(page.doc)
        if not printed:
            return []
        declared = _declared_names(page.ld)
        return [declared.get(n.casefold(), n) for n in printed]

    def finish(self, result: dict[str, Any], authors: Any) -> dict[str, Any]:
        title = comparison_form(result["title"])
        body, notes = blocks.split_corrections(result["blocks"], CORRECTION)
        result["blocks"] = [
            b
            for b in body
            if b["type"] == "paragraph"
            or (common.has_words(b["text"]) and comparison_form(b["text"]) != title)
        ]
        result["paragraphs"] = blocks.paragraphs(result["blocks"])
        result["corrections"] = [*result["corrections"], *notes]
        # AP prints no standfirst: its description is the lead, or an earlier version of it.
        result["standfirst"] = None
        if authors:
            result["authors"] = authors
        return result


def _printed_byline(doc: Any) -> list[str]:
    for el in xpaths.find(doc, BYLINE):
        text = common.clean_text(inline_text(el))
        if text:
            return common.split_byline(text)
    return []


def _declared_names(ld: list[dict[str, Any]]) -> dict[str, str]:
    names = [name for obj in ld for name in common.ld_person_names(obj.get("author"))]
    return {n.casefold(): n for n in names}
