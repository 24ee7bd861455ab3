"""Headline, byline and editor's notes as a page prints them, for outlets whose metadata
lags the page (the NYT, the Post)."""

from __future__ import annotations

import re
from typing import Any

from newscrawl.outlets import pagetype, refusals, structured
from newscrawl.outlets.blocks import paragraphs, split_corrections
from newscrawl.outlets.common import clean_text, meta, split_byline


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


# Notes the NYT and the Post print in the body besides "Correction:" and "An earlier
# version of this article...", which the generic extractor already sets apart.
EDITORS_NOTE = re.compile(
    r"^\W*(?:editors?[’']?s?[’']? note\b|"
    r"(?:this|the) (?:article|story|post|column) (?:has been|was) updated\b)",
    re.I,
)


def set_notes_apart(result: dict[str, Any]) -> None:
    """Move editor's notes and "This article has been updated..." lines of ``result``'s
    body to its ``corrections``, after the correction notes already there."""
    body, notes = split_corrections(result["blocks"], EDITORS_NOTE)
    if notes:
        result["blocks"], result["paragraphs"] = body, paragraphs(body)
        result["corrections"] = [*result["corrections"], *notes]


def refusal(html: bytes | str, url: str) -> str | None:
    """Why a page whose body selectors matched nothing is no article, when the page says
    so itself (a video or gallery page, an error page, a site's page), else None."""
    _, doc, ld, article_ld = pagetype.parse_page(html, structured.ARTICLE_TYPES)
    reason = refusals.media_page(doc, ld, article_ld, url) or refusals.error_page(doc)
    if not reason and (meta(doc, "og:type") or "").lower() == "website":
        reason = "a front or index page (og:type website), no article body"
    return reason
