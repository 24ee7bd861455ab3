"""Rebuild a new body from the old one and recorded edits, to verify the diff engine."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newscrawl.diffing.body import as_blocks

_TAKES_OLD = ("_deleted", "_edited", "_moved")
_GIVES_NEW = ("_added", "_edited", "_moved")


def apply_edits(
    old: Mapping[str, Any] | Sequence[str], edits: Iterable[Mapping[str, Any]]
) -> list[str]:
    """The new body's block texts, from the old body (a version or a list of block texts)
    and the ``edits`` of ``diff_versions(old, new)``.

    For verification (property tests), not for storage: blocks the diff found unchanged
    are copied from the old side, so the result equals the new body in comparison form
    (not in quote style), and only where no run of blocks was merely re-broken into
    other paragraphs (a reflow has rows but, being no change to the text, no edits)."""
    texts = [b["text"] for b in as_blocks(old)] if isinstance(old, Mapping) else list(old)
    taken: set[int] = set()
    slots: dict[int, str] = {}
    for edit in edits:
        kind = edit["type"]
        if kind.endswith(_TAKES_OLD) and edit.get("old_index") is not None:
            taken.add(edit["old_index"])
        if kind.endswith(_GIVES_NEW) and edit.get("new_index") is not None:
            slots[edit["new_index"]] = edit["new"]
    kept = iter(t for i, t in enumerate(texts) if i not in taken)
    result: list[str] = []
    remaining = len(texts) - len(taken) + len(slots)
    for index in range(remaining):
        if index in slots:
            result.append(slots[index])
        else:
            result.append(next(kept, None) or "")
    return result
