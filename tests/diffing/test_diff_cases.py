"""The table of diff cases in cases.yaml, each run through diff_versions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newscrawl.diffing import diff_versions, fingerprint

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text("utf-8"))["cases"]


def _seg_text(segments: list[list[str]], keep: str) -> str:
    return "".join(text for op, text in segments if op in ("=", keep))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_diff_case(case: dict) -> None:
    old, new, expect = case["old"], case["new"], case["expect"]
    record = diff_versions(old, new)
    assert record["kinds"] == expect["kinds"]
    assert [e["type"] for e in record["edits"]] == expect["edit_types"]
    assert record["significance"] == expect["significance"]
    assert record["uncorrected"] is expect["uncorrected"]
    assert record["words_added"] == expect["words_added"]
    assert record["words_removed"] == expect["words_removed"]
    assert (fingerprint(old) == fingerprint(new)) is expect["same_fingerprint"]
    if "sentences" in expect:
        sentences = [s["type"] for e in record["edits"] for s in e.get("sentences", [])]
        assert sentences == expect["sentences"]
    for edit in record["edits"]:
        if "segments" in edit:
            assert _seg_text(edit["segments"], "-") == (edit["old"] or "")
            assert _seg_text(edit["segments"], "+") == (edit["new"] or "")
    assert record["summary"]
    if not expect["edit_types"]:
        assert record["added_text"] == record["removed_text"] == ""
