"""The diff page's model: a stored change's ``sides``, or a fresh diff of any two versions."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app

from newscrawl.store import Record
from newscrawl.web import data
from newscrawl.web.db import get_store

HEADER_FIELDS = (
    ("title", "Headline"),
    ("standfirst", "Standfirst"),
    ("byline", "Byline"),
    ("corrections", "Corrections"),
)
# Unchanged paragraphs kept visible around each change; runs of at least FOLD fold away.
CONTEXT = 1
FOLD = 3


def _compute(old: Record, new: Record) -> dict[str, Any]:
    from newscrawl.diffing import diff_versions

    return diff_versions(old, new)


def compare(url: str, old_n: int, new_n: int) -> dict[str, Any]:
    """Everything ``/diff`` shows for versions ``old_n`` -> ``new_n`` of ``url``."""
    if old_n >= new_n:
        abort(400, description="'from' must be an earlier version than 'to'")
    store = get_store()
    article = data.article(url)
    old, new = store.get_version(url, old_n), store.get_version(url, new_n)
    for number, found in ((old_n, old), (new_n, new)):
        if found is None:
            abort(404, description=f"this article has no version {number}.")
    change = store.get_change(url, new_n) if new_n == old_n + 1 else None
    stored = change is not None
    if change is None:
        # Not consecutive (or the change record is missing): diff the two versions now.
        _check_live_cost(old, new)
        change = _compute(old, new)
    sides = change.get("sides") or {}
    count = int(article.get("version_count") or new_n)
    return {
        "article": article,
        "old": old,
        "new": new,
        "change": change,
        "stored": stored,
        "header": [
            {"field": field, "label": label, **sides[field]}
            for field, label in HEADER_FIELDS
            if sides.get(field)
        ],
        "chunks": chunks(sides.get("rows") or []),
        "rows": sides.get("rows") or [],
        "count": count,
        "prev": (old_n - 1, old_n) if old_n > 1 else None,
        "next": (new_n, new_n + 1) if new_n < count else None,
    }


def words(version: Record) -> int:
    """How many words a diff of ``version`` has to align: its cost grows with them."""
    texts = [version.get("title"), version.get("standfirst"), *(version.get("paragraphs") or [])]
    return sum(len(t.split()) for t in texts if isinstance(t, str))


def _check_live_cost(old: Record, new: Record) -> None:
    """Refuse a live diff whose two versions hold more than ``LIVE_DIFF_MAX_WORDS`` words
    together: its time and memory grow with them, and any visitor can ask for one."""
    limit = int(current_app.config["LIVE_DIFF_MAX_WORDS"] or 0)
    size = words(old) + words(new)
    if limit and size > limit:
        abort(
            413,
            description=f"these two versions hold {size} words, too large to compare live "
            f"(the limit is {limit}); compare consecutive versions, whose changes are stored",
        )


def chunks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows grouped for display: changed rows with a little context stay open; long runs
    of unchanged paragraphs become one folded chunk."""
    keep = [row["op"] != "equal" for row in rows]
    for i, row in enumerate(rows):
        if row["op"] != "equal":
            for j in range(max(0, i - CONTEXT), min(len(rows), i + CONTEXT + 1)):
                keep[j] = True
    out: list[dict[str, Any]] = []
    for row, shown in zip(rows, keep, strict=True):
        kind = "open" if shown else "folded"
        if out and out[-1]["kind"] == kind:
            out[-1]["rows"].append(row)
        else:
            out.append({"kind": kind, "rows": [row]})
    for chunk in out:
        if len(chunk["rows"]) < FOLD:
            chunk["kind"] = "open"
    return out
