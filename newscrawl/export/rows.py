"""Flat rows for export: one per version, one per change, one per version pair.

Every row is built from one store record (a pair from the two versions of a change), so
an export of any size holds one record at a time. The schema is in docs/export.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from newscrawl.diffing.sentences import split_sentences
from newscrawl.diffing.snippets import change_snippets, headline_change, render_text

VERSION_FIELDS = (
    "url", "outlet", "number", "fetched", "title", "standfirst", "authors", "published",
    "modified", "section", "corrections", "is_live", "extractor", "fingerprint",
    "html_bytes", "paragraphs", "text",
)  # fmt: skip
CHANGE_FIELDS = (
    "url", "outlet", "title", "from_version", "to_version", "detected", "kinds",
    "significance", "uncorrected", "summary", "words_added", "words_removed",
    "title_before", "title_after", "before", "after", "added_text", "removed_text",
    "changed_words", "edit_types", "edits",
)  # fmt: skip
PAIR_FIELDS = (
    "url", "outlet", "from_version", "to_version", "detected", "significance",
    "title_before", "title_after", "sentences_before", "sentences_after",
    "sentences_removed", "sentences_added",
)  # fmt: skip

# Edits whose old/new text is article text (not a byline, a section or a moved copy).
_TEXT_EDITS = ("standfirst_changed", "correction_added", "correction_removed")


def iso(value: Any) -> Any:
    """Datetimes as ISO 8601 UTC text; anything else unchanged."""
    return value.isoformat() if isinstance(value, datetime) else value


def body_text(version: Mapping[str, Any]) -> str:
    """The body as one text, paragraphs (and sub-headings) separated by a blank line."""
    blocks = version.get("blocks")
    texts = [b.get("text") or "" for b in blocks] if blocks else version.get("paragraphs") or []
    return "\n\n".join(texts)


def version_row(version: Mapping[str, Any]) -> dict[str, Any]:
    row = {name: iso(version.get(name)) for name in VERSION_FIELDS}
    row["paragraphs"] = list(version.get("paragraphs") or [])
    row["authors"] = list(version.get("authors") or [])
    row["corrections"] = list(version.get("corrections") or [])
    row["text"] = body_text(version)
    return row


def _is_text_edit(edit: Mapping[str, Any]) -> bool:
    kind = str(edit.get("type") or "")
    return kind in _TEXT_EDITS or (
        kind.startswith(("paragraph_", "heading_")) and not kind.endswith("_moved")
    )


def change_row(change: Mapping[str, Any]) -> dict[str, Any]:
    edits = change.get("edits") or []
    head = headline_change(change)
    text_edits = [e for e in edits if _is_text_edit(e)]
    row = {name: iso(change.get(name)) for name in CHANGE_FIELDS}
    row.update(
        kinds=list(change.get("kinds") or []),
        uncorrected=bool(change.get("uncorrected")),
        title_before=head["old"] if head else None,
        title_after=head["new"] if head else None,
        before="\n\n".join(e["old"] for e in text_edits if e.get("old")),
        after="\n\n".join(e["new"] for e in text_edits if e.get("new")),
        changed_words=[render_text(s, "wdiff") for s in change_snippets(change)],
        edit_types=[e.get("type") for e in edits],
        edits=list(edits),
    )
    return row


def pair_row(
    change: Mapping[str, Any], old: Mapping[str, Any], new: Mapping[str, Any]
) -> dict[str, Any]:
    """NewsEdits-style: both versions as sentence lists, and which sentences went/came."""
    before = [s for p in _texts(old) for s in split_sentences(p)]
    after = [s for p in _texts(new) for s in split_sentences(p)]
    kept_before, kept_after = set(before), set(after)
    return {
        "url": change["url"],
        "outlet": change.get("outlet"),
        "from_version": change["from_version"],
        "to_version": change["to_version"],
        "detected": iso(change.get("detected")),
        "significance": change.get("significance"),
        "title_before": old.get("title"),
        "title_after": new.get("title"),
        "sentences_before": before,
        "sentences_after": after,
        "sentences_removed": [s for s in before if s not in kept_after],
        "sentences_added": [s for s in after if s not in kept_before],
    }


def _texts(version: Mapping[str, Any]) -> list[str]:
    blocks = version.get("blocks")
    return [b.get("text") or "" for b in blocks] if blocks else version.get("paragraphs") or []
