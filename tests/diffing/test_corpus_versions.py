"""Real articles captured more than once (corpus/versions): fingerprints and diffs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.diffing import comparison_form, diff_versions, fingerprint
from newscrawl.outlets import get_extractor
from tests.conftest import CORPUS
from tests.diffing.htmlbody import body_blocks, parse, text_of

CASES = sorted(p.parent.name for p in (CORPUS / "versions").glob("*/case.json"))

# Outlets without an extractor module yet: where their saved pages keep the headline and
# the article body (each <p>, or <blockquote>), per file.
BODY_XPATHS = {
    "bbc-32275608-clinton-2016-bid": {
        "v1.html": ("//h1", '//div[@class="story-body__inner"]/p'),
        "v2.html": ("//h1", '//main//div[@data-component="text-block"]//p'),
    },
}


def load_versions(corpus: Path, name: str) -> tuple[dict, list[dict]]:
    """The case description and each captured version's article fields."""
    folder = corpus / "versions" / name
    case = json.loads((folder / "case.json").read_text("utf-8"))
    versions = []
    for file in case["files"]:
        html = (folder / file).read_bytes()
        if name in BODY_XPATHS:
            title_xpath, body_xpath = BODY_XPATHS[name][file]
            root = parse(html)
            paragraphs = body_blocks(root, body_xpath)
            versions.append({"title": text_of(root, title_xpath), "paragraphs": paragraphs})
        else:
            versions.append(get_extractor(case["outlet"]).extract(html, case["url"]))
    return case, versions


def _contains(haystack: str | None, needle: str) -> bool:
    return comparison_form(needle) in comparison_form(haystack)


@pytest.mark.parametrize("name", CASES)
def test_version_case(corpus: Path, name: str) -> None:
    case, versions = load_versions(corpus, name)
    assert all(v["paragraphs"] for v in versions), "every capture has a body"
    first, last = versions[0], versions[-1]
    record = diff_versions(first, last)
    if case["expect"] in ("no-change", "not-an-edit"):
        assert {fingerprint(v) for v in versions} == {fingerprint(first)}
        assert record["edits"] == []
        return
    assert case["expect"] == "edit"
    assert fingerprint(first) != fingerprint(last)
    assert {"body", "headline"} & set(record["kinds"])
    for pair in case["edits"]:
        old, new = pair["old"], pair["new"]
        if old is not None:
            assert any(_contains(e["old"], old) for e in record["edits"]), old
        if new is not None:
            assert any(_contains(e["new"], new) for e in record["edits"]), new
        if old is not None and new is not None:
            # a reworded sentence is one edit, not an unrelated deletion and addition
            assert any(
                _contains(e["old"], old) and _contains(e["new"], new) for e in record["edits"]
            ), (old, new)


def test_cases_cover_every_expectation(corpus: Path) -> None:
    expects = {json.loads((corpus / "versions" / n / "case.json").read_text())["expect"]
               for n in CASES}  # fmt: skip
    assert expects == {"edit", "no-change", "not-an-edit"}
