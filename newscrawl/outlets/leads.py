"""Whether a page's summary only repeats the story's lead: wire copy's description is its
first paragraph without the dateline ("WASHINGTON (Reuters) - ", "(CNN) -- ")."""

from __future__ import annotations

from newscrawl.diffing.normalise import comparison_form

# The summary is compared with this many of the first paragraphs.
LEAD_PARAGRAPHS = 3


def repeats_lead(summary: str | None, paragraphs: list[str]) -> bool:
    """True when ``summary`` (quotes, dashes and a cut-off end aside) is printed in one of
    the first paragraphs."""
    if not summary:
        return False
    start = comparison_form(summary).rstrip(".… ")
    return any(start in comparison_form(p) for p in paragraphs[:LEAD_PARAGRAPHS])
