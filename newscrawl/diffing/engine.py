"""``diff_versions``: the change record between two versions of an article."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from newscrawl.diffing import classify
from newscrawl.diffing.body import as_blocks, diff_body
from newscrawl.diffing.fields import diff_fields
from newscrawl.diffing.normalise import clean

BODY_TYPES = frozenset(
    f"{block}_{change}"
    for block in ("paragraph", "heading")
    for change in ("added", "deleted", "edited", "moved")
)

_KIND_OF = {
    "headline_changed": "headline",
    "standfirst_changed": "standfirst",
    "byline_changed": "byline",
    "section_changed": "section",
    "correction_added": "correction",
    "correction_removed": "correction",
    **dict.fromkeys(BODY_TYPES, "body"),
}


def diff_versions(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The change record from version ``old`` to version ``new`` (see the package
    docstring for every key)."""
    sides, head, tail = diff_fields(old, new)
    rows, body = diff_body(as_blocks(old), as_blocks(new))
    sides["rows"] = rows
    edits = head + body + tail
    added, removed = _changed_text(edits)
    for edit in edits:
        edit.pop("_diff", None)
    types = [e["type"] for e in edits]
    body_labels = [e["significance"] for e in edits if e["type"] in BODY_TYPES]
    record = {
        "kinds": sorted({_KIND_OF[t] for t in types}),
        "significance": classify.highest(e["significance"] for e in edits),
        "uncorrected": classify.SUBSTANTIVE in body_labels and "correction_added" not in types,
        "words_added": sum(e["words_added"] for e in edits),
        "words_removed": sum(e["words_removed"] for e in edits),
        "added_text": " ".join(added),
        "removed_text": " ".join(removed),
        "edits": edits,
        "sides": sides,
    }
    record["summary"] = summarise(record)
    return record


def _changed_text(edits: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    added: list[str] = []
    removed: list[str] = []
    for edit in edits:
        if edit["type"] in ("byline_changed", "section_changed"):
            continue
        diff = edit.get("_diff")
        if diff is not None:
            added += [clean(t) for op, t in diff.new_segments if op == "+" and clean(t)]
            removed += [clean(t) for op, t in diff.old_segments if op == "-" and clean(t)]
        elif not edit["type"].endswith("_moved"):
            added += [clean(edit["new"])] if edit["new"] else []
            removed += [clean(edit["old"])] if edit["old"] else []
    return added, removed


_FIELD_PHRASES = {
    "headline_changed": "headline rewritten",
    "standfirst_changed": "standfirst changed",
    "byline_changed": "byline changed",
    "section_changed": "section changed",
}


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summarise(record: Mapping[str, Any]) -> str:
    """One line: ``"Headline rewritten; 2 paragraphs added, 1 edited (+85/-12 words)"``."""
    counts = Counter(e["type"] for e in record["edits"])
    parts = [_FIELD_PHRASES[t] for t in _FIELD_PHRASES if counts[t]]
    for block, noun in (("paragraph", "paragraph"), ("heading", "sub-heading")):
        changes = [(counts[f"{block}_{c}"], c) for c in ("added", "deleted", "edited", "moved")]
        changes = [(n, c) for n, c in changes if n]
        if changes:
            first = f"{_plural(changes[0][0], noun)} {changes[0][1]}"
            parts.append(", ".join([first] + [f"{n} {c}" for n, c in changes[1:]]))
    for kind, phrase in (("correction_added", "added"), ("correction_removed", "removed")):
        if counts[kind]:
            parts.append(f"{_plural(counts[kind], 'correction note')} {phrase}")
    if not parts:
        return "No change to the text"
    line = "; ".join(parts)
    line = line[0].upper() + line[1:]
    if record["words_added"] or record["words_removed"]:
        line += f" (+{record['words_added']}/-{record['words_removed']} words)"
    return line
