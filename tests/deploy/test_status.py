"""``newscrawl status``: run tables, health flags and the exit status, on a real store."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.cli import main
from newscrawl.store import open_store

NOW = datetime(2026, 11, 2, 12, tzinfo=UTC)


def run(n: int, outlet: str = "guardian", hours_ago: float = 1, **fields: object) -> dict:
    started = NOW - timedelta(hours=hours_ago)
    record = {
        "id": f"{outlet}-{n}",
        "outlet": outlet,
        "node": "crawler-1",
        "started": started,
        "finished": started + timedelta(seconds=90),
        "status": "finished",
        "reason": "finished",
        "pages": 20,
        "new_articles": 3,
        "new_versions": 5,
        "unchanged": 12,
        "not_articles": 0,
        "errors": {},
    }
    record.update(fields)
    return record


@pytest.fixture
def status(sqlite_uri, monkeypatch, capsys):
    monkeypatch.setenv("NEWSCRAWL_NOW", NOW.isoformat())

    def call(runs: list[dict], *args: str) -> tuple[int, str]:
        with open_store(sqlite_uri) as store:
            for record in runs:
                store.record_run(record)
        code = main(["--store", sqlite_uri, "status", *args])
        return code, capsys.readouterr().out

    return call


def test_healthy_outlet(status):
    code, out = status([run(1, hours_ago=2), run(2, hours_ago=1)])
    assert code == 0
    assert out.startswith("guardian: ok")
    assert "pages    20" in out and "90s" in out


def test_extraction_failing_after_a_redesign(status):
    code, out = status([run(1, hours_ago=2), run(2, hours_ago=1, pages=10, not_articles=6)])
    assert code == 1
    assert "extraction failing: 6 of 10 pages" in out


def test_suspect_fetches_are_counted_and_flag_a_redesign(status):
    code, out = status([run(1, hours_ago=2, suspects=2)])
    assert code == 0
    assert "suspect   2" in out
    code, out = status([run(2, hours_ago=1, pages=10, not_articles=2, suspects=4)])
    assert code == 1
    assert "extraction failing: 2 of 10 pages gave no article and 4 were suspect" in out


def test_too_few_pages_to_judge_extraction(status):
    code, _ = status([run(1, pages=4, not_articles=4)])
    assert code == 0


def test_a_running_run_is_not_judged(status):
    code, _ = status(
        [run(1, hours_ago=2), run(2, hours_ago=0.1, status="running", pages=0, finished=None)]
    )
    assert code == 0


def test_failing_runs(status):
    runs = [
        run(1, hours_ago=3),
        run(2, hours_ago=2, status="failed", reason="store_unavailable"),
        run(3, hours_ago=1, status="failed", reason="store_unavailable"),
    ]
    code, out = status(runs)
    assert code == 1
    assert "failing: the last 2 run(s) failed (store_unavailable)" in out


def test_no_recent_successful_run(status):
    runs = [run(1, hours_ago=30)]
    assert status(runs)[0] == 1
    assert "stale: no successful run in the last 24 hours" in status([])[1]
    assert status([], "--stale-hours", "48")[0] == 0


def test_json_lists_the_last_runs_per_outlet(status):
    runs = [run(n, hours_ago=10 - n) for n in range(6)] + [run(1, outlet="bbc", hours_ago=40)]
    code, out = status(runs, "--json", "--runs", "3")
    result = json.loads(out)
    assert code == 1
    assert sorted(result) == ["bbc", "guardian"]
    assert [r["id"] for r in result["guardian"]["runs"]] == [
        "guardian-5",
        "guardian-4",
        "guardian-3",
    ]
    assert result["guardian"]["flags"] == []
    assert result["bbc"]["flags"][0].startswith("stale")
    assert datetime.fromisoformat(result["guardian"]["runs"][0]["started"]) == NOW - timedelta(
        hours=5
    )


def test_one_outlet(status):
    runs = [run(1), run(1, outlet="bbc", status="failed")]
    code, out = status(runs, "--outlet", "guardian")
    assert (code, out.splitlines()[0]) == (0, "guardian: ok")
