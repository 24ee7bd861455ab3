"""The Guardian extractor on every Guardian page of the corpus, one test per sidecar field."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newscrawl.outlets.guardian import GuardianExtractor
from tests.conftest import CORPUS
from tests.extraction import groundtruth

PAGES = groundtruth.guardian_pages(CORPUS) if CORPUS.is_dir() else []
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
    return GuardianExtractor().extract(path.read_bytes(), url)


def test_corpus_has_all_three_guardian_templates(corpus: Path) -> None:
    pages = groundtruth.guardian_pages(corpus)
    assert len(pages) >= 14
    markers = {
        b'data-gu-name="body"': "DCR",
        b"js-article__body": "frontend",
        b'id="article-body-blocks"': "R2",
    }
    found = {name for p in pages for m, name in markers.items() if m in p.path.read_bytes()}
    assert found == {"DCR", "frontend", "R2"}


@pytest.mark.parametrize("page, name", FIELD_CASES, ids=[f"{p.name}:{n}" for p, n in FIELD_CASES])
def test_sidecar_field(corpus: Path, page: groundtruth.Page, name: str) -> None:
    ok, why = groundtruth.check(page, name, extracted(page.path, page.url))
    assert ok, f"{page.name} {name}: {why}"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_result_shape(corpus: Path, page: groundtruth.Page) -> None:
    result = extracted(page.path, page.url)
    assert set(result) == KEYS
    assert result["extractor"] == "guardian/1"
    assert result["paragraphs"] == [b["text"] for b in result["blocks"] if b["type"] == "paragraph"]
    assert {b["type"] for b in result["blocks"]} <= {"paragraph", "heading"}


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_body_is_reader_text_only(corpus: Path, page: groundtruth.Page) -> None:
    result = extracted(page.path, page.url)
    junk = (
        "First published on",
        "Last modified on",
        "explainerText",
        "Sign up to",
        "Read more",
        "Share on Facebook",
        "Photograph:",
        "Reuse this content",
    )
    leaked = [(j, p[:60]) for p in result["paragraphs"] for j in junk if j in p]
    assert not leaked
    assert all(p == " ".join(p.split()) and "\u00a0" not in p for p in result["paragraphs"])


@pytest.mark.parametrize(
    "case", ["guardian-boris-johnson-apologises", "guardian-anger-grows-rbs-chiefs-bonus"]
)
@pytest.mark.parametrize("name", ["title", "standfirst", "authors", "paragraphs", "blocks"])
def test_captures_of_one_article_agree(corpus: Path, case: str, name: str) -> None:
    # Same article text in two captures (two templates for boris-johnson; a sidebar change
    # and an injected script for anger-grows): the fields must not differ.
    url = "https://www.theguardian.com/x"
    v1 = extracted(corpus / "versions" / case / "v1.html", url)
    v2 = extracted(corpus / "versions" / case / "v2.html", url)
    assert v1[name] == v2[name]
    assert v1[name]
