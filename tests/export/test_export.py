"""newscrawl export: write, parse back, compare with the store (both backends)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.store import Store
from tests.alerts.conftest import NOW, add_change, reluctant_change
from tests.conftest import REPO

NEWSCRAWL = str(Path(sys.executable).parent / "newscrawl")
BBC = "https://www.bbc.example/news/1"


def export(uri: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NEWSCRAWL, "--store", uri, "export", *args],
        cwd=REPO,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def filled(store: Store) -> Store:
    reluctant_change(store, minutes_ago=60)
    add_change(
        store,
        BBC,
        ("Storm warning", ["Rain is expected. Winds may reach 50mph."]),
        ("Storm warning upgraded", ["Rain is expected. Winds may reach 80mph. Schools shut."]),
        minutes_ago=5,
        outlet="bbc",
    )
    return store


def urls(store: Store) -> list[str]:
    return sorted({c["url"] for c in store.iter_changes()})


def test_versions_round_trip_as_json_lines(filled: Store, store_uri: str, tmp_path: Path) -> None:
    out = tmp_path / "versions.jsonl"
    result = export(store_uri, "versions", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "4 versions rows (jsonl)" in result.stderr
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    stored = [v for url in urls(filled) for v in filled.list_versions(url)]
    assert [(r["url"], r["number"]) for r in rows] == [(v["url"], v["number"]) for v in stored]
    for row, version in zip(rows, stored, strict=True):
        assert row["fetched"] == version["fetched"].isoformat()
        for name in ("title", "outlet", "fingerprint", "paragraphs", "authors", "extractor"):
            assert row[name] == version[name], name
        assert row["text"] == "\n\n".join(version["paragraphs"])


def test_changes_round_trip_as_json_lines(filled: Store, store_uri: str) -> None:
    result = export(store_uri, "changes")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["url"] for r in rows] == ["https://www.theguardian.com/a", BBC]  # oldest first
    for row in rows:
        change = filled.get_change(row["url"], row["to_version"])
        assert change is not None
        for name in ("outlet", "title", "from_version", "kinds", "significance", "summary",
                     "uncorrected", "words_added", "words_removed", "edits"):  # fmt: skip
            assert row[name] == change[name], name
        assert row["detected"] == change["detected"].isoformat()
    guardian, bbc = rows
    assert guardian["title_before"] == "Government to keep budget powers"
    assert "reluctant" in guardian["before"] and "willing" in guardian["after"]
    assert any("[-reluctant-] {+willing+}" in w for w in guardian["changed_words"])
    assert bbc["title_after"] == "Storm warning upgraded"
    assert "headline_changed" in bbc["edit_types"]


def test_changes_round_trip_as_csv(filled: Store, store_uri: str, tmp_path: Path) -> None:
    out = tmp_path / "changes.csv"
    assert export(store_uri, "changes", "-o", str(out)).returncode == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 and "edits" not in rows[0]
    for row in rows:
        change = filled.get_change(row["url"], int(row["to_version"]))
        assert change is not None
        assert json.loads(row["kinds"]) == change["kinds"]
        assert row["significance"] == change["significance"]
        assert row["uncorrected"] == ("true" if change["uncorrected"] else "false")
        assert int(row["words_added"]) == change["words_added"]
        assert json.loads(row["edit_types"]) == [e["type"] for e in change["edits"]]


def test_versions_as_csv_keep_text_with_newlines(filled: Store, store_uri: str) -> None:
    result = export(store_uri, "versions", "--format", "csv", "--outlet", "bbc")
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [r["number"] for r in rows] == ["1", "2"]
    assert rows[1]["text"] == "Rain is expected. Winds may reach 80mph. Schools shut."
    assert json.loads(rows[1]["paragraphs"]) == [rows[1]["text"]]


def test_filters_by_outlet_and_time(filled: Store, store_uri: str) -> None:
    def keys(*args: str) -> list[tuple[str, int]]:
        out = export(store_uri, "changes", *args).stdout.splitlines()
        return [(json.loads(r)["outlet"], json.loads(r)["to_version"]) for r in out]

    assert keys("--outlet", "bbc") == [("bbc", 2)]
    since = (NOW.replace(microsecond=0)).isoformat().replace("+00:00", "Z")
    assert keys("--until", since) == [("guardian", 2), ("bbc", 2)]
    assert keys("--since", "2026-03-02T11:30") == [("bbc", 2)]
    assert keys("--since", "2026-03-02T11:30", "--outlet", "guardian") == []


def test_pairs_give_sentences_before_and_after(filled: Store, store_uri: str) -> None:
    result = export(store_uri, "pairs", "--outlet", "bbc")
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["sentences_before"] == ["Rain is expected.", "Winds may reach 50mph."]
    assert row["sentences_removed"] == ["Winds may reach 50mph."]
    assert row["sentences_added"] == ["Winds may reach 80mph.", "Schools shut."]
    assert (row["from_version"], row["to_version"]) == (1, 2)


def test_bad_input_gets_a_clear_error(sqlite_uri: str, tmp_path: Path) -> None:
    result = export(sqlite_uri, "changes", "--since", "yesterday")
    assert result.returncode == 2 and "not an ISO 8601 date or time: 'yesterday'" in result.stderr
    missing = export(f"sqlite:///{tmp_path}/none.db", "versions")
    assert missing.returncode == 1 and "no store at" in missing.stderr
    assert not (tmp_path / "none.db").exists()
    assert export(sqlite_uri, "everything").returncode == 2
