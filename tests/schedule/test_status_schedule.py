"""``newscrawl status`` shows each outlet's learned check curve and how far its signals
and modification times can be believed."""

from __future__ import annotations

import json
from datetime import timedelta

from newscrawl.cli import main
from newscrawl.schedule.curve import DEFAULT_AGES, HOUR
from newscrawl.store import open_store
from tests.deploy.test_status import NOW, run


def late_changes(store, outlet: str, n: int) -> None:
    published = NOW - timedelta(days=10)
    for i in range(n):
        url = f"https://e.com/{outlet}/{i}"
        store.upsert_article(url, outlet, {"published": published.isoformat()})
        detected = published + timedelta(days=3, hours=i)
        store.add_change({"url": url, "outlet": outlet, "to_version": 2, "detected": detected})


def test_status_json_shows_the_learned_curve_and_trust(sqlite_uri, monkeypatch, capsys):
    monkeypatch.setenv("NEWSCRAWL_NOW", NOW.isoformat())
    with open_store(sqlite_uri) as store:
        store.record_run(run(1))
        store.record_run(run(1, outlet="bbc"))
        late_changes(store, "guardian", 40)
        store.update_outlet_state("guardian", {"sitemap_streak": 3}, {"sitemap_wrong": 3})
        store.update_outlet_state("guardian", {}, {"modified_moved": 4, "modified_steady": 6})
        store.update_outlet_state("bbc", {}, {"modified_steady": 9, "feed_right": 2})
    assert main(["--store", sqlite_uri, "status", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    guardian, bbc = result["guardian"]["schedule"], result["bbc"]["schedule"]
    assert guardian["curve"]["learned_from"] == 40
    assert guardian["curve"]["checks"] <= len(DEFAULT_AGES)
    assert sum(72 <= h <= 120 for h in guardian["curve"]["hours"]) >= 3
    assert bbc["curve"] == {
        "learned_from": 0,
        "checks": len(DEFAULT_AGES),
        "hours": [a / HOUR for a in DEFAULT_AGES],
    }
    assert guardian["signals"]["sitemap"].startswith("ignored (0 right, 3 wrong")
    assert guardian["signals"]["feed"] == "untested"
    assert bbc["signals"]["feed"].startswith("trusted (2 right")
    assert guardian["modified"] == {
        "verdict": "untrustworthy",
        "moved_without_change": 4,
        "steady": 6,
    }
    assert bbc["modified"]["verdict"] == "trustworthy"


def test_status_table_has_a_schedule_line(sqlite_uri, monkeypatch, capsys):
    monkeypatch.setenv("NEWSCRAWL_NOW", NOW.isoformat())
    with open_store(sqlite_uri) as store:
        store.record_run(run(1))
    assert main(["--store", sqlite_uri, "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "guardian: ok"
    assert lines[1].startswith("  schedule: checks at hours 0.25, 0.5, 1, 1.5, 2, 3")
    assert "(the evidence default)" in lines[1] and "modified times unknown" in lines[1]
