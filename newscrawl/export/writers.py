"""Write rows as JSON Lines or CSV, one row at a time."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

# CSV has no lists: these columns are JSON text in a CSV file (``json.loads`` reads them).
JSON_IN_CSV = frozenset(
    {"kinds", "authors", "corrections", "paragraphs", "edit_types", "edits", "changed_words",
     "sentences_before", "sentences_after", "sentences_removed", "sentences_added"}
)  # fmt: skip


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON object per line (UTF-8, not ASCII-escaped). Returns the row count."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def _cell(name: str, value: Any) -> Any:
    if name in JSON_IN_CSV:
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO, fields: Sequence[str]) -> int:
    """A header, then one line per row; list columns hold JSON. Returns the row count."""
    writer = csv.writer(out)
    writer.writerow(fields)
    count = 0
    for row in rows:
        writer.writerow([_cell(name, row.get(name)) for name in fields])
        count += 1
    return count
