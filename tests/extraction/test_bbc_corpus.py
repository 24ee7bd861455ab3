"""The BBC extractor on every BBC page of the corpus, one test per sidecar field."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newscrawl.outlets.base import NotAnArticle
from newscrawl.outlets.bbc import BBCExtractor
from tests.conftest import CORPUS
from tests.extraction import groundtruth

# /news/av/ pages are video pages with a short write-up: not articles, by design (the
# spider never follows them either), so their sidecars are not checked field by field.
VIDEO_PAGES = {"wpp--61896381"}
ALL_PAGES = groundtruth.outlet_pages(CORPUS, "bbc") if CORPUS.is_dir() else []
PAGES = [p for p in ALL_PAGES if p.name not in VIDEO_PAGES]
FIELD_CASES = [(page, name) for page in PAGES for name in page.fields()]
KEYS = {
    "url",
    "canonical_url",
    "title",
    "standfirst",
    "authors",
    "published",
    "modified",
    "section",
    "paragraphs",
    "blocks",
    "corrections",
    "is_live",
    "extractor",
}


@cache
def extracted(path: Path, url: str) -> dict[str, Any]:
    return BBCExtractor().extract(path.read_bytes(), url)


def test_corpus_has_every_bbc_template(corpus: Path) -> None:
    pages = groundtruth.outlet_pages(corpus, "bbc")
    assert len(pages) >= 25
    markers = {
        b"<!-- S BO -->": ".stm",
        b'class="story-body"': "story-body",
        b"story-body__inner": "story-body__inner",
        b'data-component="text-block"': "current",
    }
    found = {name for p in pages for m, name in markers.items() if m in p.path.read_bytes()}
    assert found == set(markers.values())


@pytest.mark.parametrize("page, name", FIELD_CASES, ids=[f"{p.name}:{n}" for p, n in FIELD_CASES])
def test_sidecar_field(corpus: Path, page: groundtruth.Page, name: str) -> None:
    ok, why = groundtruth.check(page, name, extracted(page.path, page.url))
    assert ok, f"{page.name} {name}: {why}"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_result_shape(corpus: Path, page: groundtruth.Page) -> None:
    result = extracted(page.path, page.url)
    assert set(result) == KEYS
    assert result["extractor"] == "bbc/1"
    assert result["paragraphs"] == [b["text"] for b in result["blocks"] if b["type"] == "paragraph"]
    assert {b["type"] for b in result["blocks"]} <= {"paragraph", "heading"}
    assert result["title"] and result["paragraphs"]
    assert result["is_live"] is False


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_body_is_reader_text_only(corpus: Path, page: groundtruth.Page) -> None:
    result = extracted(page.path, page.url)
    junk = (
        "Media caption",
        "Image caption",
        "Image copyright",
        "Image source",
        "Related Topics",
        "More on this story",
        "Share this page",
        "Continue reading the main story",
        "Last updated at",
        "E-mail this to a friend",
        "Printable version",
        "Please turn on JavaScript",
        "Bookmark with",
        "Add your comments",
    )
    text = [result["standfirst"] or "", *(b["text"] for b in result["blocks"])]
    leaked = [(j, p[:60]) for p in text for j in junk if j.lower() in p.lower()]
    assert not leaked
    assert all(p == " ".join(p.split()) and "\u00a0" not in p for p in result["paragraphs"])
    # The lead is the standfirst: it is not read a second time as the first paragraph.
    assert result["standfirst"] not in result["paragraphs"]


@pytest.mark.parametrize("name", sorted(VIDEO_PAGES))
def test_video_pages_of_the_corpus_are_not_articles(corpus: Path, name: str) -> None:
    page = next(p for p in ALL_PAGES if p.name == name)
    with pytest.raises(NotAnArticle, match="video"):
        BBCExtractor().extract(page.path.read_bytes(), page.url)
