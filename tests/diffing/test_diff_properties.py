"""Properties of the diff engine and the fingerprint, checked with hypothesis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.diffing import apply_edits, comparison_form, diff_versions, fingerprint

VOCAB = [
    "the", "council", "said", "£2bn", "three", "Smith", "budget", "was", "cut", "by",
    "10%", "on", "Monday", '"we', 'agree"', "it's", "care", "homes", "and", "\u201cnot",
    "now\u201d", "Labour", "1,200", "minister",
]  # fmt: skip

sentence = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=7).map(
    lambda ws: " ".join(ws)[0].upper() + " ".join(ws)[1:] + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
block = st.tuples(st.sampled_from(["paragraph", "paragraph", "heading"]), paragraph).map(
    lambda t: {"type": t[0], "text": t[1]}
)
body = st.lists(block, max_size=8)


def version(blocks: list[dict], title: str = "Title", **rest: object) -> dict:
    return {
        "title": title,
        "standfirst": rest.get("standfirst", "Standfirst."),
        "authors": rest.get("authors", ["A Writer"]),
        "blocks": blocks,
        "paragraphs": [b["text"] for b in blocks if b["type"] == "paragraph"],
        "corrections": rest.get("corrections", []),
    }


@st.composite
def edited_body(draw: st.DrawFn) -> tuple[list[dict], list[dict]]:
    """An old body and a new one made from it by typical edits (or drawn afresh)."""
    old = draw(body)
    new = [dict(b) for b in old]
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "edit", "move", "fresh"]))
        if op == "insert":
            new.insert(draw(st.integers(0, len(new))), draw(block))
        elif op == "fresh":
            new = draw(body)
        elif new and op == "delete":
            del new[draw(st.integers(0, len(new) - 1))]
        elif new and op == "edit":
            k = draw(st.integers(0, len(new) - 1))
            words = new[k]["text"].split()
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(VOCAB))
            new[k] = {"type": new[k]["type"], "text": " ".join(words)}
        elif new and op == "move":
            moved = new.pop(draw(st.integers(0, len(new) - 1)))
            new.insert(draw(st.integers(0, len(new))), moved)
    return old, new


def _text(segments: list[list[str]], keep: str) -> str:
    assert all(op in ("=", "-", "+") for op, _ in segments)
    return "".join(text for op, text in segments if op in ("=", keep))


def _is_reflow(row: dict) -> bool:
    return row["op"] == "edit" and all(op == "=" for op, _ in row["old"] + row["new"])


@given(body)
def test_diff_with_itself_is_empty(blocks: list[dict]) -> None:
    record = diff_versions(version(blocks), version(blocks))
    assert record["edits"] == []
    assert record["kinds"] == []
    assert record["words_added"] == record["words_removed"] == 0
    assert all(row["op"] == "equal" for row in record["sides"]["rows"])


@settings(max_examples=300)
@given(edited_body())
def test_segments_rebuild_both_sides(pair: tuple[list[dict], list[dict]]) -> None:
    old, new = pair
    record = diff_versions(version(old), version(new))
    rows = record["sides"]["rows"]
    for row in rows:
        i, j = row["old_index"], row["new_index"]
        assert _text(row["old"], "-") == (old[i]["text"] if i is not None else "")
        assert _text(row["new"], "+") == (new[j]["text"] if j is not None else "")
        assert not any(op == "+" for op, _ in row["old"])
        assert not any(op == "-" for op, _ in row["new"])
    # every block appears once per side, in order down the page
    assert [r["old_index"] for r in rows if r["old_index"] is not None] == list(range(len(old)))
    assert [r["new_index"] for r in rows if r["new_index"] is not None] == list(range(len(new)))
    for edit in record["edits"]:
        if "segments" in edit:
            assert _text(edit["segments"], "-") == (edit["old"] or "")
            assert _text(edit["segments"], "+") == (edit["new"] or "")


@settings(max_examples=300)
@given(edited_body())
def test_apply_edits_rebuilds_new_body(pair: tuple[list[dict], list[dict]]) -> None:
    old, new = pair
    record = diff_versions(version(old), version(new))
    rebuilt = apply_edits(version(old), record["edits"])
    if any(_is_reflow(row) for row in record["sides"]["rows"]):
        # A re-broken run has no edits: only the words are guaranteed.
        assert " ".join(rebuilt).split() == " ".join(b["text"] for b in new).split()
        return
    assert [comparison_form(t) for t in rebuilt] == [comparison_form(b["text"]) for b in new]
    assert apply_edits([b["text"] for b in old], record["edits"]) == rebuilt


@settings(max_examples=200)
@given(edited_body())
def test_moves_point_at_each_other(pair: tuple[list[dict], list[dict]]) -> None:
    old, new = pair
    rows = diff_versions(version(old), version(new))["sides"]["rows"]
    move_from = {r["old_index"]: r["moved_to"] for r in rows if r["op"] == "move_from"}
    move_to = {r["moved_from"]: r["new_index"] for r in rows if r["op"] == "move_to"}
    assert move_from == move_to


@given(body, st.data())
def test_fingerprint_and_diff_ignore_paragraph_breaks_and_spacing(
    blocks: list[dict], data: st.DataObject
) -> None:
    words = " ".join(b["text"] for b in blocks).split()
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(words) - 1)), max_size=6)))
    pieces = [words[a:b] for a, b in zip([0, *cuts], [*cuts, len(words)], strict=True)]
    spaced = [
        {"type": "paragraph", "text": "\u00a0" + "  ".join(p) + " \u200b"} for p in pieces if p
    ]
    old, new = version(blocks), version(spaced)
    assert fingerprint(old) == fingerprint(new)
    record = diff_versions(old, new)
    assert record["edits"] == []
    assert record["kinds"] == []


@given(edited_body())
def test_fingerprint_differs_when_words_differ(pair: tuple[list[dict], list[dict]]) -> None:
    old, new = pair
    same_words = (
        comparison_form(" ".join(b["text"] for b in old)).split()
        == comparison_form(" ".join(b["text"] for b in new)).split()
    )
    assert (fingerprint(version(old)) == fingerprint(version(new))) is same_words
    body_edits = [e for e in diff_versions(version(old), version(new))["edits"]]
    assert bool(body_edits) or same_words


@given(st.text(max_size=40), st.text(max_size=40))
def test_headline_sides_rebuild_any_text(a: str, b: str) -> None:
    record = diff_versions(version([], title=a), version([], title=b))
    side = record["sides"]["title"]
    if side is None:
        assert comparison_form(a) == comparison_form(b)
        return
    assert _text(side["old_segments"], "-") == a
    assert _text(side["new_segments"], "+") == b
