"""Which text is a BBC page's standfirst, by template: the summary meta on 2010-2020 pages,
the bold lead on current pages."""

from __future__ import annotations

import pytest

from newscrawl.outlets import get_extractor
from tests.extraction.samples import BBC_BODY, BBC_URL, bbc_page

SUMMARY = '<meta property="og:description" content="The summary of the story."/>'
STORY_BODY = (
    '<div class="story-body__inner" property="articleBody">'
    '<p class="story-body__introduction">{lead}</p>'
    "<p>The first paragraph of the story.</p></div>"
)


def extract(body: str, extra_meta: str = SUMMARY) -> dict:
    return get_extractor("bbc").extract(bbc_page(body=body, extra_meta=extra_meta), BBC_URL)


def test_a_2010_2020_page_reads_its_summary_and_keeps_its_lead_in_the_body() -> None:
    result = extract(STORY_BODY.format(lead="The lead of the story."))
    assert result["standfirst"] == "The summary of the story."
    assert result["paragraphs"] == ["The lead of the story.", "The first paragraph of the story."]


def test_a_lead_that_prints_the_summary_is_read_once() -> None:
    result = extract(STORY_BODY.format(lead="The summary of the story."))
    assert result["standfirst"] == "The summary of the story."
    assert result["paragraphs"] == ["The first paragraph of the story."]


@pytest.mark.parametrize("extra_meta", ["", SUMMARY], ids=["no summary", "summary"])
def test_a_current_page_reads_its_bold_lead(extra_meta: str) -> None:
    result = extract(BBC_BODY, extra_meta)
    assert result["standfirst"] == "The lead of the story."
    assert result["paragraphs"] == ["The first paragraph of the story."]


def test_a_2010_2020_page_without_a_summary_reads_its_bold_lead() -> None:
    result = extract(STORY_BODY.format(lead="The lead of the story."), extra_meta="")
    assert result["standfirst"] == "The lead of the story."
    assert result["paragraphs"] == ["The first paragraph of the story."]
