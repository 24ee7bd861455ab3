"""Changes outside the body: headline, standfirst, byline, section and corrections."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newscrawl.diffing import classify
from newscrawl.diffing.normalise import comparison_form
from newscrawl.diffing.sentences import sentence_changes
from newscrawl.diffing.words import WordDiff, count_words, diff_words


def _side(old: str, new: str) -> tuple[dict[str, Any], WordDiff]:
    diff = diff_words(old, new)
    side = {
        "old": old,
        "new": new,
        "old_segments": diff.old_segments,
        "new_segments": diff.new_segments,
    }
    return side, diff


def _edit(kind: str, old: str | None, new: str | None, **rest: Any) -> dict[str, Any]:
    edit = {"type": kind, "old": old, "new": new, "old_index": None, "new_index": None}
    edit.update(rest)
    return edit


def _text_field(
    kind: str, old: str | None, new: str | None, headline: bool = False
) -> tuple[dict | None, list[dict]]:
    old, new = old or "", new or ""
    if comparison_form(old) == comparison_form(new):
        return None, []
    side, diff = _side(old, new)
    if headline:
        label = classify.headline_change(old, new, diff)
        extra: dict[str, Any] = {}
    else:
        sentences = sentence_changes(old, new)
        label = classify.text_change(old, new, diff, sentences)
        extra = {"sentences": sentences}
    edit = _edit(
        kind,
        old or None,
        new or None,
        words_added=diff.words_added,
        words_removed=diff.words_removed,
        significance=label,
        segments=diff.segments,
        _diff=diff,
        **extra,
    )
    return side, [edit]


def _byline(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[dict | None, list[dict]]:
    a, b = ", ".join(old.get("authors") or []), ", ".join(new.get("authors") or [])
    if comparison_form(a) == comparison_form(b):
        return None, []
    side, _ = _side(a, b)
    label = classify.FIXED["byline_changed"]
    edit = _edit("byline_changed", a or None, b or None, words_added=0, words_removed=0)
    edit["significance"] = label
    return side, [edit]


def _section(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict]:
    a, b = old.get("section"), new.get("section")
    if comparison_form(a) == comparison_form(b):
        return []
    label = classify.FIXED["section_changed"]
    return [_edit("section_changed", a, b, words_added=0, words_removed=0, significance=label)]


def _corrections(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[dict | None, list]:
    a, b = list(old.get("corrections") or []), list(new.get("corrections") or [])
    keys_a, keys_b = [comparison_form(n) for n in a], [comparison_form(n) for n in b]
    if keys_a == keys_b:
        return None, []
    side, _ = _side("\n".join(a), "\n".join(b))
    added = [
        _edit(
            "correction_added",
            None,
            note,
            words_added=count_words(note),
            words_removed=0,
            significance=classify.FIXED["correction_added"],
        )
        for note, key in zip(b, keys_b, strict=True)
        if key not in keys_a
    ]
    # A note reworded (one gone, one new) is not a note quietly dropped.
    dropped = classify.MINOR if added else classify.FIXED["correction_removed"]
    removed = [
        _edit(
            "correction_removed", note, None, words_added=0, words_removed=count_words(note),
            significance=dropped,
        )
        for note, key in zip(a, keys_a, strict=True)
        if key not in keys_b
    ]  # fmt: skip
    edits = removed + added
    return side, edits


def diff_fields(
    old: Mapping[str, Any], new: Mapping[str, Any]
) -> tuple[dict[str, Any], list[dict], list[dict]]:
    """Sides for title, standfirst, byline and corrections; the edits that go before
    the body (headline, standfirst, byline, section) and those after it (corrections)."""
    sides: dict[str, Any] = {}
    head: list[dict] = []
    sides["title"], edits = _text_field(
        "headline_changed", old.get("title"), new.get("title"), headline=True
    )
    head += edits
    sides["standfirst"], edits = _text_field(
        "standfirst_changed", old.get("standfirst"), new.get("standfirst")
    )
    head += edits
    sides["byline"], edits = _byline(old, new)
    head += edits
    head += _section(old, new)
    sides["corrections"], tail = _corrections(old, new)
    return sides, head, tail
