"""``newscrawl history URL [--json]`` against a real store."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from newscrawl.cli import main
from newscrawl.store import open_store
from tests.store.samples import T0, URL, change, version


@pytest.fixture
def filled(store_uri: str) -> str:
    with open_store(store_uri) as store:
        store.upsert_article(URL, "example", {"title": "Headline b", "first_seen": T0})
        store.add_version(URL, version("a", corrections=[]))
        store.add_version(
            URL, version("b", minutes=35, corrections=["An earlier version misstated a date."])
        )
        store.add_change(
            change(2, minutes=35, kinds=["headline", "correction"], significance="substantive")
            | {"summary": "Headline rewritten; correction added"}
        )
    return store_uri


def test_history_json(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", filled, "history", URL, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == {"article", "versions", "changes"}
    assert printed["article"]["url"] == URL and printed["article"]["version_count"] == 2
    assert datetime.fromisoformat(printed["article"]["first_seen"]) == T0
    first, second = printed["versions"]
    assert first["number"] == 1 and first["title"] == "Headline a"
    assert first["paragraphs"] == version("a")["paragraphs"]
    assert first["authors"] == ["Ann Writer"] and first["standfirst"] == "A standfirst"
    assert second["corrections"] == ["An earlier version misstated a date."]
    assert datetime.fromisoformat(second["fetched"]) == T0 + timedelta(minutes=35)
    assert "raw_html" not in first
    (only,) = printed["changes"]
    assert (only["from_version"], only["to_version"]) == (1, 2)
    assert only["kinds"] == ["headline", "correction"]
    assert only["significance"] == "substantive"
    assert only["summary"] == "Headline rewritten; correction added"
    assert only["edits"] == change(2)["edits"]
    assert datetime.fromisoformat(only["detected"]) == T0 + timedelta(minutes=35)


def test_history_text(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", filled, "history", URL]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{URL} (example, active): 2 versions, 1 change")
    assert lines[1] == "  v1  2024-05-01 09:00 UTC  Headline a"
    assert lines[2] == (
        "    [substantive: headline, correction] Headline rewritten; correction added"
    )
    assert lines[3] == "  v2  2024-05-01 09:35 UTC  Headline b"


def test_history_unknown_url(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", filled, "history", "https://e.com/unknown", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no article stored for https://e.com/unknown" in captured.err


def test_history_reads_the_store_from_the_environment(
    filled: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSCRAWL_STORE", filled)
    assert main(["history", URL, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["url"] == URL


def test_history_with_unreachable_store(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import free_port

    uri = f"mongodb://127.0.0.1:{free_port()}/newscrawl?directConnection=true"
    assert main(["--store", uri, "history", URL]) == 1
    assert "start MongoDB" in capsys.readouterr().err


def test_history_never_creates_a_missing_sqlite_store(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothing-here.db"
    assert main(["--store", f"sqlite:///{missing}", "history", URL]) == 1
    assert f"no store at {missing}" in capsys.readouterr().err
    assert not missing.exists()
