"""Store contract: articles, the re-check queue, search, outlets and runs (both backends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.store import Store
from newscrawl.store.codec import shard_of
from tests.store.samples import T0


def add(store: Store, url: str, outlet: str = "example", **fields: object) -> None:
    store.upsert_article(url, outlet, dict(fields))


def test_upsert_creates_with_defaults_then_sets(store: Store) -> None:
    article, created = store.upsert_article("https://e.com/a", "example", {"title": "One"})
    assert created is True
    assert article["url"] == "https://e.com/a" and article["outlet"] == "example"
    assert article["title"] == "One"
    assert article["status"] == "active"
    assert article["version_count"] == 0 and article["change_count"] == 0
    assert article["checks"] == 0 and article["events"] == []
    assert article["shard"] == shard_of("https://e.com/a")
    assert article["first_seen"].tzinfo is not None
    assert "_id" not in article

    again, created = store.upsert_article(
        "https://e.com/a", "example", {"title": "Two", "etag": '"x"', "first_seen": T0}
    )
    assert created is False
    assert again["title"] == "Two" and again["etag"] == '"x"'
    assert again["first_seen"] == article["first_seen"]  # first_seen never moves
    assert store.count_articles() == 1


def test_upsert_twice_is_idempotent(store: Store) -> None:
    fields = {"title": "Same", "first_seen": T0, "next_check": T0, "interval": 600.0}
    first, _ = store.upsert_article("https://e.com/a", "example", fields)
    second, created = store.upsert_article("https://e.com/a", "example", fields)
    assert created is False
    assert first == second
    assert first["first_seen"] == T0 and first["interval"] == 600.0


def test_get_article_unknown_is_none(store: Store) -> None:
    assert store.get_article("https://e.com/none") is None


def test_update_article_sets_and_increments(store: Store) -> None:
    add(store, "https://e.com/a")
    store.update_article(
        "https://e.com/a",
        {"last_checked": T0, "etag": "abc", "custom": {"nested": [1, 2]}, "interval": 90.5},
        inc={"checks": 1, "failures": 2, "custom_counter": 3},
    )
    store.update_article("https://e.com/a", {}, inc={"checks": 1, "custom_counter": 1})
    article = store.get_article("https://e.com/a")
    assert article is not None
    assert article["last_checked"] == T0
    assert article["etag"] == "abc" and article["interval"] == 90.5
    assert article["custom"] == {"nested": [1, 2]}
    assert article["checks"] == 2 and article["failures"] == 2
    assert article["custom_counter"] == 4


def test_update_article_can_clear_next_check(store: Store) -> None:
    add(store, "https://e.com/a", next_check=T0)
    store.update_article("https://e.com/a", {"next_check": None, "status": "retired"})
    article = store.get_article("https://e.com/a")
    assert article is not None
    assert article["next_check"] is None and article["status"] == "retired"
    store.update_article("https://e.com/a", {"next_check": T0, "status": "active"})
    assert store.get_article("https://e.com/a")["next_check"] == T0  # type: ignore[index]


def test_add_event_appends_in_order(store: Store) -> None:
    add(store, "https://e.com/a")
    store.add_event("https://e.com/a", "redirected", "to /b", T0)
    store.add_event("https://e.com/a", "gone", "410", T0 + timedelta(hours=1))
    events = store.get_article("https://e.com/a")["events"]  # type: ignore[index]
    assert events == [
        {"time": T0, "kind": "redirected", "detail": "to /b"},
        {"time": T0 + timedelta(hours=1), "kind": "gone", "detail": "410"},
    ]


def test_an_event_may_name_a_version(store: Store) -> None:
    add(store, "https://e.com/a")
    store.add_event("https://e.com/a", "flipflop", "back to an older text", T0, version=2)
    [event] = store.get_article("https://e.com/a")["events"]  # type: ignore[index]
    assert event == {
        "time": T0,
        "kind": "flipflop",
        "detail": "back to an older text",
        "version": 2,
    }
    assert store.list_events(kinds=["flipflop"])[0]["version"] == 2
    with pytest.raises(ValueError, match="version"):
        store.add_event("https://e.com/a", "flipflop", "x", T0, version="2")  # type: ignore[arg-type]
    assert len(store.get_article("https://e.com/a")["events"]) == 1  # type: ignore[index]


def test_due_articles_order_limit_status_and_outlet(store: Store) -> None:
    for i in range(6):
        add(store, f"https://e.com/{i}", next_check=T0 + timedelta(minutes=10 - i))
    add(store, "https://e.com/future", next_check=T0 + timedelta(days=1))
    add(store, "https://e.com/retired", next_check=T0 - timedelta(days=1), status="retired")
    add(store, "https://e.com/never", next_check=None)
    add(store, "https://other.com/x", "other", next_check=T0 - timedelta(days=1))
    now = T0 + timedelta(minutes=8)
    due = store.due_articles("example", now)
    assert [a["url"] for a in due] == [f"https://e.com/{i}" for i in (5, 4, 3, 2)]
    assert [a["url"] for a in store.due_articles("example", now, limit=2)] == [
        "https://e.com/5",
        "https://e.com/4",
    ]
    assert store.due_articles("example", now, limit=0) == []
    assert store.due_articles("nobody", now) == []
    assert [a["url"] for a in store.due_articles("other", now)] == ["https://other.com/x"]


def test_due_articles_compares_instants_across_timezones(store: Store) -> None:
    from datetime import timezone

    add(store, "https://e.com/a", next_check=T0)
    plus_two = timezone(timedelta(hours=2))
    just_before = (T0 - timedelta(seconds=1)).astimezone(plus_two)
    assert store.due_articles("example", just_before) == []
    assert len(store.due_articles("example", T0.astimezone(plus_two))) == 1


def test_due_articles_shards_partition_the_queue(store: Store) -> None:
    urls = [f"https://e.com/s{i}" for i in range(40)]
    for url in urls:
        add(store, url, next_check=T0)
    parts = [{a["url"] for a in store.due_articles("example", T0, shard=(i, 3))} for i in range(3)]
    assert set().union(*parts) == set(urls)
    assert sum(len(p) for p in parts) == len(urls)
    for i, part in enumerate(parts):
        assert all(shard_of(url) % 3 == i for url in part)
    with pytest.raises(ValueError):
        store.due_articles("example", T0, shard=(3, 3))


def test_count_articles_per_outlet(store: Store) -> None:
    add(store, "https://e.com/1")
    add(store, "https://e.com/2")
    add(store, "https://o.com/1", "other")
    assert store.count_articles() == 3
    assert store.count_articles("example") == 2
    assert store.count_articles("none") == 0


def test_search_articles_literal_case_insensitive_newest_first(store: Store) -> None:
    add(store, "https://e.com/1", title="Budget: 50% cut (.*) planned", last_changed=T0)
    add(store, "https://e.com/2", title="BUDGET vote delayed", last_changed=T0 + timedelta(1))
    add(store, "https://e.com/3", title="Weather")
    assert [a["url"] for a in store.search_articles("budget")] == [
        "https://e.com/2",
        "https://e.com/1",
    ]
    assert [a["url"] for a in store.search_articles("(.*)")] == ["https://e.com/1"]
    assert [a["url"] for a in store.search_articles("50%")] == ["https://e.com/1"]
    assert store.search_articles("5_%") == []
    assert [a["url"] for a in store.search_articles("budget", skip=1, limit=5)] == [
        "https://e.com/1"
    ]


def test_runs_recorded_replaced_and_listed(store: Store) -> None:
    run = {"id": "r1", "outlet": "example", "started": T0, "finished": None, "pages": 0}
    run |= {"status": "running", "errors": {}}
    store.record_run(run)
    store.record_run(run | {"finished": T0 + timedelta(minutes=5), "status": "finished"})
    store.record_run({"id": "r2", "outlet": "example", "started": T0 + timedelta(hours=1)})
    store.record_run({"id": "r3", "outlet": "other", "started": T0 + timedelta(hours=2)})
    assert [r["id"] for r in store.list_runs()] == ["r3", "r2", "r1"]
    assert [r["id"] for r in store.list_runs("example", limit=1)] == ["r2"]
    first = store.list_runs("example")[1]
    assert first["status"] == "finished" and first["errors"] == {}
    assert first["finished"] == T0 + timedelta(minutes=5)
    assert "_id" not in first


def test_outlets_summarise_articles_changes_and_last_run(store: Store) -> None:
    from tests.store.samples import change

    add(store, "https://e.com/1")
    add(store, "https://e.com/2")
    add(store, "https://o.com/1", "other")
    store.add_change(change(2, url="https://e.com/1"))
    store.record_run({"id": "r1", "outlet": "example", "started": T0})
    summary = {o["outlet"]: o for o in store.outlets()}
    assert list(summary) == ["example", "other"]
    assert summary["example"]["articles"] == 2 and summary["example"]["changes"] == 1
    assert summary["example"]["last_run"]["id"] == "r1"
    assert summary["other"] == {"outlet": "other", "articles": 1, "changes": 0, "last_run": None}


def test_ping_and_close(store: Store) -> None:
    store.ping()
    store.close()
    store.close()  # idempotent


def test_datetimes_come_back_aware_utc_same_instant(store: Store) -> None:
    from datetime import timezone

    tokyo = datetime(2024, 3, 10, 18, 30, 15, 123000, tzinfo=timezone(timedelta(hours=9)))
    add(store, "https://e.com/a", first_seen=tokyo, next_check=tokyo)
    store.update_article("https://e.com/a", {"last_checked": tokyo, "nested": {"at": tokyo}})
    article = store.get_article("https://e.com/a")
    assert article is not None
    for value in (article["first_seen"], article["last_checked"], article["nested"]["at"]):
        assert value == tokyo
        assert value.utcoffset() == timedelta(0)
        assert value.hour == 9
    naive = datetime(2024, 3, 10, 9, 30)  # naive datetimes are taken as UTC
    store.update_article("https://e.com/a", {"last_checked": naive})
    assert store.get_article("https://e.com/a")["last_checked"] == naive.replace(tzinfo=UTC)  # type: ignore[index]


@pytest.mark.parametrize("bad", [{"$ne": None}, {"$where": "1"}, 5, ["x"]])
def test_non_string_filters_are_rejected(store: Store, bad: object) -> None:
    with pytest.raises(ValueError):
        store.get_article(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.due_articles(bad, T0)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.count_articles(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.search_articles(bad)  # type: ignore[arg-type]


def test_watched_articles_are_those_marked_watched_oldest_first(store: Store) -> None:
    add(store, "https://e.com/late", first_seen=T0 + timedelta(hours=1))
    add(store, "https://e.com/early", first_seen=T0)
    add(store, "https://e.com/plain", first_seen=T0)
    add(store, "https://e.com/dropped", first_seen=T0)
    for url in ("https://e.com/late", "https://e.com/early", "https://e.com/dropped"):
        store.update_article(url, {"watched": True})
    store.update_article("https://e.com/dropped", {"watched": False, "status": "unwatched"})

    watched = store.watched_articles()

    assert [a["url"] for a in watched] == ["https://e.com/early", "https://e.com/late"]
    assert all(a["watched"] is True for a in watched)
    assert store.get_article("https://e.com/dropped")["status"] == "unwatched"


def test_due_batches_stream_the_same_queue(store: Store) -> None:
    for i in range(7):
        add(store, f"https://e.com/{i}", next_check=T0 - timedelta(minutes=i % 3))
    add(store, "https://e.com/future", next_check=T0 + timedelta(days=1))
    add(store, "https://e.com/retired", next_check=T0 - timedelta(days=1), status="retired")
    whole = [a["url"] for a in store.due_articles("example", T0)]
    batches = list(store.due_batches("example", T0, size=2))
    assert [len(b) for b in batches] == [2, 2, 2, 1]  # ties cross batch boundaries intact
    assert [a["url"] for b in batches for a in b] == whole
    assert batches[0][0] == store.due_articles("example", T0)[0]
    limited = [a["url"] for b in store.due_batches("example", T0, limit=3, size=2) for a in b]
    assert limited == whole[:3]
    assert list(store.due_batches("example", T0, limit=0)) == []
    assert list(store.due_batches("nobody", T0)) == []
    sharded = [a["url"] for b in store.due_batches("example", T0, shard=(1, 2), size=1) for a in b]
    assert sharded == [a["url"] for a in store.due_articles("example", T0, shard=(1, 2))]


def test_due_batches_skip_articles_rechecked_meanwhile(store: Store) -> None:
    for i in range(6):
        add(store, f"https://e.com/{i}", next_check=T0)
    batches = store.due_batches("example", T0, size=2)
    seen = []
    for batch in batches:
        for article in batch:
            seen.append(article["url"])
            store.update_article(article["url"], {"next_check": T0 + timedelta(hours=1)})
    assert sorted(seen) == [f"https://e.com/{i}" for i in range(6)]
    assert list(store.due_batches("example", T0)) == []


def test_due_batches_check_arguments_at_the_call(store: Store) -> None:
    with pytest.raises(ValueError):
        store.due_batches("example", T0, shard=(3, 3))
    with pytest.raises(ValueError):
        store.due_batches("example", T0, size=0)
    with pytest.raises(ValueError):
        store.due_batches(None, T0)  # type: ignore[arg-type]
