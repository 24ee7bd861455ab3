"""``newscrawl history URL [--json]`` against a real store."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from newscrawl.cli import main
from newscrawl.store import open_store
from tests.store.cli_samples import URL as MINISTER
from tests.store.cli_samples import fill
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
    assert lines[3] == "      [-old-] {+new words here+}"  # the changed words
    assert lines[4] == "  v2  2024-05-01 09:35 UTC  Headline b"


def test_history_shows_flags_changed_words_and_events_in_time_order(
    sqlite_uri: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(sqlite_uri)
    assert main(["history", MINISTER, "--store", sqlite_uri]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "  v1  2024-05-01 09:00 UTC  Minister will be reluctant to resign",
        "    [substantive, uncorrected: body, headline] Headline rewritten; "
        "1 paragraph added, 1 edited (+8/-2 words)",
        "      headline: Minister will be [-reluctant-] {+willing+} to resign",
        "      The minister said she will be [-reluctant-] {+willing+} to give up her seat.",
        "      {+Her party has 12 seats left.+}",
        "  v2  2024-05-01 09:35 UTC  Minister will be willing to resign",
        "  failed  2024-05-01 09:50 UTC  HTTP 503",
        "    [substantive: body, correction] 1 paragraph deleted; 1 correction note added "
        "(+9/-6 words)",
        "      [-Her party has 12 seats left.-]",
        "      {+An earlier version said the party had 12 seats.+}",
        "  v3  2024-05-01 10:10 UTC  Minister will be willing to resign",
    ]


def test_history_piped_to_head_stops_quietly(sqlite_uri: str, tmp_path) -> None:
    # More than a pipe's buffer of output, so that writing really hits the closed pipe.
    with open_store(sqlite_uri) as store:
        store.upsert_article(URL, "example", {"title": "t", "first_seen": T0})
        long = ["A long paragraph of words. " * 40] * 10
        for n in range(40):
            store.add_version(URL, version(f"v{n}", minutes=n, paragraphs=long))
    command = [sys.executable, "-m", "newscrawl", "history", URL, "--json", "--store", sqlite_uri]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as reader:
        assert reader.stdout is not None and reader.stderr is not None
        assert reader.stdout.readline().strip() == b"{"
        reader.stdout.close()  # as ``| head -1`` does
        err = reader.stderr.read().decode()
        assert reader.wait(timeout=60) == 1
    assert err == ""  # no BrokenPipeError traceback, no "Exception ignored" at exit


def test_history_unknown_url(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", filled, "history", "https://e.com/unknown", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"no article stored for https://e.com/unknown in {filled} " in captured.err


def test_store_after_the_command_wins(
    filled: str, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = f"sqlite:///{tmp_path / 'other.db'}"
    open_store(other).close()
    assert main(["--store", other, "history", URL, "--store", filled, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["url"] == URL
    assert main(["--store", filled, "history", URL, "--store", other]) == 1
    assert f"no article stored for {URL} in {other}" in capsys.readouterr().err


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
