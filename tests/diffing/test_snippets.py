"""change_snippets: the changed words of a change record, with a little context."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from newscrawl.diffing import diff_versions
from newscrawl.diffing.snippets import (
    ELLIPSIS,
    change_snippets,
    edit_snippets,
    headline_change,
    render_text,
)

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text("utf-8"))["cases"]

LONG = (
    "Ministers said on Tuesday that the government will be reluctant to give up its "
    "powers over the regional budget before the end of the next parliamentary session, "
    "according to officials who spoke to reporters in the capital after the cabinet met."
)


def _version(title: str, paragraphs: list[str], **rest) -> dict:
    return {"title": title, "paragraphs": paragraphs, **rest}


def _side(snippet: dict, keep: str) -> str:
    return "".join(s["text"] for s in snippet["segments"] if s["op"] in ("equal", keep))


def test_a_replaced_word_shows_with_its_context() -> None:
    new = LONG.replace("reluctant", "willing")
    change = diff_versions(_version("T", [LONG]), _version("T", [new]))
    [snippet] = change_snippets(change, context=3)
    assert (
        render_text(snippet)
        == f"{ELLIPSIS} government will be ~~reluctant~~ **willing** to give up {ELLIPSIS}"
    )
    assert snippet["cut_before"] and snippet["cut_after"]
    assert snippet["type"] == "paragraph_edited"
    ops = [s["op"] for s in snippet["segments"]]
    assert ops == ["equal", "delete", "insert", "equal"]


def test_the_excerpts_are_the_texts_of_each_version() -> None:
    new = LONG.replace("reluctant", "willing").replace("Tuesday", "Wednesday")
    change = diff_versions(_version("T", [LONG]), _version("T", [new]))
    for snippet in change_snippets(change):
        assert _side(snippet, "delete") in LONG
        assert _side(snippet, "insert") in new


def test_distant_changes_are_separate_snippets_and_near_ones_share_one() -> None:
    far = LONG.replace("Ministers", "Officials").replace("capital", "city")
    change = diff_versions(_version("T", [LONG]), _version("T", [far]))
    assert len(change_snippets(change, context=4)) == 2
    near = LONG.replace("reluctant", "willing").replace("powers", "rights")
    change = diff_versions(_version("T", [LONG]), _version("T", [near]))
    [snippet] = change_snippets(change, context=4)
    assert "~~reluctant~~ **willing**" in render_text(snippet)
    assert "~~powers~~ **rights**" in render_text(snippet)


def test_an_added_paragraph_is_one_insertion_cut_short_when_long() -> None:
    change = diff_versions(_version("T", ["Short one."]), _version("T", ["Short one.", LONG]))
    [snippet] = change_snippets(change, context=3)
    assert [s["op"] for s in snippet["segments"]] == ["insert"]
    text = snippet["segments"][0]["text"]
    assert text.endswith(ELLIPSIS) and LONG.startswith(text[: -len(ELLIPSIS)])
    assert len(text.split()) == 12  # LONG_RUN * context words
    short = diff_versions(_version("T", ["A."]), _version("T", ["A.", "It rained."]))
    assert change_snippets(short)[0]["segments"] == [{"op": "insert", "text": "It rained."}]


def test_a_deleted_paragraph_is_one_deletion() -> None:
    change = diff_versions(_version("T", ["A.", "It rained."]), _version("T", ["A."]))
    [snippet] = change_snippets(change)
    assert snippet["segments"] == [{"op": "delete", "text": "It rained."}]
    assert render_text(snippet) == "~~It rained.~~"


def test_the_headline_is_given_apart_not_as_a_snippet() -> None:
    change = diff_versions(_version("Old head", ["A."]), _version("New head", ["A."]))
    assert change_snippets(change) == []
    head = headline_change(change)
    assert head["old"] == "Old head" and head["new"] == "New head"
    assert {"op": "delete", "text": "Old "} in head["segments"]
    unchanged = diff_versions(_version("H", ["A."]), _version("H", ["B."]))
    assert headline_change(unchanged) is None


def test_the_most_significant_edits_are_chosen_and_kept_in_reading_order() -> None:
    old = ["The colour was red.", "Nothing here.", "It cost 5 pounds.", "Tail text here."]
    new = [
        "The color was red.",
        "Nothing here.",
        "It cost 9 pounds.",
        "Tail text here.",
        "A new one.",
    ]
    change = diff_versions(_version("T", old), _version("T", new))
    snippets = change_snippets(change, limit=2)
    assert [s["significance"] for s in snippets] == ["substantive", "substantive"]
    assert [s["type"] for s in snippets] == ["paragraph_edited", "paragraph_added"]
    assert len(change_snippets(change, limit=3)) == 3
    assert change_snippets(change, limit=0) == []


def test_an_exact_move_has_no_changed_words() -> None:
    old = ["One para here.", "Two para here.", "Three para here."]
    new = ["Three para here.", "One para here.", "Two para here."]
    change = diff_versions(_version("T", old), _version("T", new))
    assert any(e["type"] == "paragraph_moved" for e in change["edits"])
    assert change_snippets(change) == []


def test_a_stored_change_with_json_lists_and_a_byline_and_correction() -> None:
    old = _version("T", ["A."], authors=["Ann Smith"])
    new = _version("T", ["A."], authors=["Bob Jones"], corrections=["We misspelt a name."])
    change = json.loads(json.dumps(diff_versions(old, new)))
    texts = [render_text(s) for s in change_snippets(change)]
    assert "~~Ann Smith~~ **Bob Jones**" in texts
    assert "**We misspelt a name.**" in texts


def test_a_change_with_no_edits_has_no_snippets() -> None:
    assert change_snippets({"edits": []}) == []
    assert change_snippets({}) == []
    assert edit_snippets({"type": "paragraph_moved", "old": "x", "new": "x"}) == []


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_every_case_gives_snippets_taken_from_its_texts(case: dict) -> None:
    change = diff_versions(case["old"], case["new"])
    for edit in change["edits"]:
        for snippet in edit_snippets(edit):
            old = _side(snippet, "delete").replace(ELLIPSIS, "")
            new = _side(snippet, "insert").replace(ELLIPSIS, "")
            assert old.strip() in (edit["old"] or "")
            assert new.strip() in (edit["new"] or "")
            assert any(s["op"] != "equal" for s in snippet["segments"])


def test_wdiff_style_is_plain_text_markers() -> None:
    new = LONG.replace("reluctant", "willing")
    [snippet] = change_snippets(
        diff_versions(_version("T", [LONG]), _version("T", [new])), context=2
    )
    assert (
        render_text(snippet, "wdiff")
        == f"{ELLIPSIS} will be [-reluctant-] {{+willing+}} to give {ELLIPSIS}"
    )
