"""The BBC version case: two captures of one story, before and after it was rewritten."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newscrawl.diffing import diff_versions
from newscrawl.outlets.bbc import BBCExtractor
from tests.conftest import CORPUS
from tests.extraction.groundtruth import all_text

CASE = CORPUS / "versions" / "bbc-32275608-clinton-2016-bid"
EDITS = json.loads((CASE / "case.json").read_text("utf-8"))["edits"] if CASE.is_dir() else []


@cache
def capture(name: str) -> dict[str, Any]:
    url = json.loads((CASE / "case.json").read_text("utf-8"))["url"]
    return BBCExtractor().extract((CASE / name).read_bytes(), url)


def test_the_case_is_an_edit_across_two_templates(corpus: Path) -> None:
    case = json.loads((CASE / "case.json").read_text("utf-8"))
    assert case["expect"] == "edit" and case["files"] == ["v1.html", "v2.html"]
    assert b"story-body__inner" in (CASE / "v1.html").read_bytes()
    assert b'data-component="text-block"' in (CASE / "v2.html").read_bytes()


@pytest.mark.parametrize("edit", EDITS, ids=[str(i) for i in range(len(EDITS))])
def test_each_edit_is_on_the_right_side(corpus: Path, edit: dict[str, str | None]) -> None:
    # old snippets only in v1's extracted text, new snippets only in v2's.
    v1, v2 = all_text(capture("v1.html")), all_text(capture("v2.html"))
    if edit["old"]:
        assert edit["old"] in v1
        assert edit["old"] not in v2
    if edit["new"]:
        assert edit["new"] in v2
        assert edit["new"] not in v1


def test_diff_types_a_headline_change_and_body_edits(corpus: Path) -> None:
    v1, v2 = capture("v1.html"), capture("v2.html")
    record = diff_versions(v1, v2)
    types = {e["type"] for e in record["edits"]}
    assert "headline" in record["kinds"] and "body" in record["kinds"]
    assert "headline_changed" in types
    assert {"paragraph_added", "paragraph_deleted"} <= types
    assert "standfirst_changed" in types  # the rewritten lead
    assert record["significance"] == "substantive"
    headline = next(e for e in record["edits"] if e["type"] == "headline_changed")
    assert headline["old"] == "Hillary Clinton to declare 2016 Democratic nomination bid"
    assert headline["new"] == "Hillary Clinton declares 2016 Democratic presidential bid"
    removed = [e["old"] for e in record["edits"] if e["type"] == "paragraph_deleted"]
    assert "She is expected to declare via social media." in removed


def test_unchanged_capture_diffs_to_nothing(corpus: Path) -> None:
    v2 = capture("v2.html")
    assert diff_versions(v2, v2)["edits"] == []
