"""The indexes both backends create, and that the due-article query really uses its index."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from newscrawl.store.mongo import MongoStore
from newscrawl.store.sqlite import SQLiteStore
from tests.store.samples import T0, URL, change, version


def fill(store: SQLiteStore | MongoStore) -> None:
    for i in range(50):
        outlet = "example" if i % 2 else "other"
        store.upsert_article(f"https://e.com/{i}", outlet, {"next_check": T0 + timedelta(i)})


def test_sqlite_indexes(sqlite_uri: str) -> None:
    with SQLiteStore(sqlite_uri) as store:
        conn = store._db()
        found = {}
        for table in ("articles", "versions", "changes", "runs", "alerts", "outlets", "events"):
            for row in conn.execute(f"PRAGMA index_list({table})"):
                columns = [c["name"] for c in conn.execute(f"PRAGMA index_info({row['name']})")]
                found[row["name"]] = (table, tuple(columns), bool(row["unique"]))
    assert found == {
        "articles_url": ("articles", ("url",), True),
        "articles_outlet_next_check": ("articles", ("outlet", "next_check"), False),
        "versions_url_number": ("versions", ("url", "number"), True),
        "versions_url_fingerprint": ("versions", ("url", "fingerprint"), False),
        "changes_url_to_version": ("changes", ("url", "to_version"), True),
        "changes_detected": ("changes", ("detected",), False),
        "changes_outlet_detected": ("changes", ("outlet", "detected"), False),
        "runs_id": ("runs", ("id",), True),
        "runs_outlet_started": ("runs", ("outlet", "started"), False),
        "alerts_key_destination": ("alerts", ("key", "destination"), True),
        "alerts_claimed": ("alerts", ("claimed",), False),
        "outlets_outlet": ("outlets", ("outlet",), True),
        "events_url_seq": ("events", ("url", "seq"), True),
        "events_time": ("events", ("time", "url", "seq"), False),
        "events_outlet_time": ("events", ("outlet", "time", "url", "seq"), False),
        "events_kind_time": ("events", ("kind", "time", "url", "seq"), False),
        "events_outlet_kind_time": ("events", ("outlet", "kind", "time", "url", "seq"), False),
    }


def test_sqlite_streaming_pages_seek_in_their_index(sqlite_uri: str) -> None:
    """Every page after the first starts where the last ended (a SEARCH), not with a scan
    from the beginning, so streaming a million rows is linear."""
    with SQLiteStore(sqlite_uri) as store:
        for i in range(5):
            store.add_version(URL, version(f"f{i}"))
            store.add_change(change(i + 2, minutes=i))
        statements: list[str] = []
        store._db().set_trace_callback(statements.append)
        assert len(list(store.iter_versions(batch=2))) == 5
        assert len(list(store.iter_changes(batch=2))) == 5
        store._db().set_trace_callback(None)
        pages = [sql for sql in statements if ") > (" in sql]
        assert len(pages) == 4
        for sql in pages:
            plan = " ".join(
                row["detail"] for row in store._db().execute("EXPLAIN QUERY PLAN " + sql)
            )
            assert plan.startswith("SEARCH"), plan
            assert "TEMP B-TREE" not in plan


def test_sqlite_due_query_uses_the_outlet_next_check_index(sqlite_uri: str) -> None:
    with SQLiteStore(sqlite_uri) as store:
        fill(store)
        store._db().execute("ANALYZE")
        for shard in (None, (1, 4)):
            sql, params = store._due_query("example", T0 + timedelta(10), 500, shard)
            plan = " ".join(
                row["detail"] for row in store._db().execute("EXPLAIN QUERY PLAN " + sql, params)
            )
            assert "USING INDEX articles_outlet_next_check (outlet=? AND next_check<?)" in plan
            assert "TEMP B-TREE" not in plan  # the index order is the sort order


def index_stages(plan: Any) -> list[dict[str, Any]]:
    """Every plan stage that reads an index, wherever the server nests it."""
    if isinstance(plan, dict):
        found = [plan] if plan.get("stage") == "IXSCAN" else []
        return found + [s for value in plan.values() for s in index_stages(value)]
    if isinstance(plan, list):
        return [s for value in plan for s in index_stages(value)]
    return []


def test_mongo_indexes(mongo_uri: str) -> None:
    with MongoStore(mongo_uri) as store:
        found = {
            (name, tuple(k for k, _ in info["key"]), bool(info.get("unique")))
            for collection in (
                store.articles,
                store.versions,
                store.changes,
                store.runs,
                store.alerts,
                store.outlet_states,
                store.events,
            )
            for info in collection.index_information().values()
            for name in [collection.name]
            if info["key"] != [("_id", 1)]
        }
    assert found == {
        ("articles", ("url",), True),
        ("articles", ("outlet", "next_check"), False),
        ("versions", ("url", "number"), True),
        ("versions", ("url", "fingerprint"), False),
        ("changes", ("url", "to_version"), True),
        ("changes", ("detected",), False),
        ("changes", ("outlet", "detected"), False),
        ("runs", ("id",), True),
        ("runs", ("outlet", "started"), False),
        ("alerts", ("key", "destination"), True),
        ("alerts", ("claimed",), False),
        ("outlets", ("outlet",), True),
        ("events", ("url", "seq"), True),
        ("events", ("time", "url", "seq"), False),
        ("events", ("outlet", "time", "url", "seq"), False),
        ("events", ("kind", "time", "url", "seq"), False),
        ("events", ("outlet", "kind", "time", "url", "seq"), False),
    }


def test_mongo_due_query_uses_the_outlet_next_check_index(mongo_uri: str) -> None:
    with MongoStore(mongo_uri) as store:
        fill(store)
        explained = store._due_query("example", T0 + timedelta(10), 500).explain()
        plan = explained["queryPlanner"]["winningPlan"]
        assert [s["keyPattern"] for s in index_stages(plan)] == [{"outlet": 1, "next_check": 1}]
        assert "COLLSCAN" not in str(plan)
        stats = explained.get("executionStats")
        if stats:  # only the due keys were read, not the outlet's other articles
            assert stats["totalKeysExamined"] <= 6 and stats["totalDocsExamined"] <= 6
