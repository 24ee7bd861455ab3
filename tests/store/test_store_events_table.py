"""Article events filed in their own table (SQLite) or collection (MongoDB), indexed by
time: a page of events reads its own size, lists exactly what scanning every article's
event list gives, and stores written before the table keep reading and are copied in."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta

from pymongo import MongoClient

from newscrawl.store import Store, codec, mongo_events, sqlite_events
from newscrawl.store.mongo import MongoStore
from newscrawl.store.sqlite import SQLiteStore
from tests.store.samples import T0
from tests.store.test_store_indexes import index_stages

KINDS = ("gone", "redirected", "flipflop", "signal", "failed")
OUTLETS = ("guardian", "bbc", "nytimes")


def url(i: int) -> str:
    return f"https://news.example/{i:02d}"


def fill(store: Store, seed: int = 7) -> int:
    """Thirty articles, three outlets, 200 events of five kinds; many events share a
    time (on one article and across articles), which the order must still settle."""
    rng = random.Random(seed)
    for i in range(30):
        store.upsert_article(url(i), OUTLETS[i % 3], {"title": f"Headline {i}"})
    for n in range(200):
        when = T0 + timedelta(minutes=rng.randrange(40))
        store.add_event(url(rng.randrange(30)), rng.choice(KINDS), f"event {n}", when)
    return 200


def scanned(store: Store, kinds, outlet, skip, limit) -> list[dict]:
    """The page read the old way: every article's own event list."""
    wanted = None if kinds is None else list(kinds)
    if isinstance(store, SQLiteStore):
        rows = store._all(*sqlite_events.from_articles(wanted, outlet, skip, limit))
        return [{"url": r[0], "outlet": r[1], "title": r[2], **codec.loads(r[3])} for r in rows]
    assert isinstance(store, MongoStore)
    return mongo_events.scan(store._db, wanted, outlet, skip, limit)


QUERIES = [
    (kinds, outlet, skip, limit)
    for kinds in (None, ("gone",), ("gone", "redirected", "flipflop"), ("signal", "signal"))
    for outlet in (None, "bbc")
    for skip, limit in ((0, 50), (0, 7), (13, 9), (190, 50))
]


def test_a_page_from_the_table_is_the_page_a_scan_gives(store: Store) -> None:
    fill(store)
    for kinds, outlet, skip, limit in QUERIES:
        page = store.list_events(kinds=kinds, outlet=outlet, skip=skip, limit=limit)
        assert page == scanned(store, kinds, outlet, skip, limit), (kinds, outlet, skip, limit)
        assert len(page) <= limit


def test_every_event_is_listed_once_in_time_order(store: Store) -> None:
    total = fill(store)
    everything = store.list_events(limit=1000)
    assert len(everything) == total
    keys = [(e["time"], e["url"]) for e in everything]
    assert keys == sorted(keys, reverse=True)
    # Events of one article at one time: the later one (added after) comes first.
    store.upsert_article(url(99), "bbc", {"title": "Twice"})
    late = T0 + timedelta(days=1)
    store.add_event(url(99), "reverted", "first", late)
    store.add_event(url(99), "flipflop", "second", late, version=1)
    newest = store.list_events(limit=2)
    assert [e["detail"] for e in newest] == ["second", "first"]
    assert newest[0]["version"] == 1 and "version" not in newest[1]


def test_an_event_for_an_untracked_url_is_not_filed(store: Store) -> None:
    store.add_event(url(50), "gone", "HTTP 410", T0)
    assert store.list_events() == []
    assert store.get_article(url(50)) is None


def test_the_title_shown_is_the_articles_latest(store: Store) -> None:
    store.upsert_article(url(1), "bbc", {"title": "Before"})
    store.add_event(url(1), "gone", "HTTP 410", T0)
    store.update_article(url(1), {"title": "After"})
    assert [e["title"] for e in store.list_events()] == ["After"]


def plan(store: SQLiteStore, kinds, outlet) -> str:
    sql, params = sqlite_events.from_table(kinds, outlet, 0, 20)
    rows = store._db().execute("EXPLAIN QUERY PLAN " + sql, params)
    return " | ".join(row["detail"] for row in rows)


def test_sqlite_reads_each_kind_from_its_index_range(sqlite_uri: str) -> None:
    with SQLiteStore(sqlite_uri) as store:
        fill(store)
        store._db().execute("ANALYZE")
        by_kind = plan(store, ["gone", "flipflop"], None)
        assert by_kind.count("USING INDEX events_kind_time (kind=?)") == 2, by_kind
        assert "USING INDEX events_outlet_kind_time (outlet=? AND kind=?)" in plan(
            store, ["gone"], "bbc"
        )
        assert "USING INDEX events_time" in plan(store, None, None)
        for shown in (by_kind, plan(store, None, "bbc")):
            assert "SCAN events" not in shown and "SCAN a" not in shown, shown
            assert "json_each" not in shown


def make_v1(path: str) -> None:
    """What a store written before the events table looks like: schema 1, the events
    only in each article's own list."""
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE events; PRAGMA user_version = 1;")
    conn.close()


def test_sqlite_store_from_before_the_table_is_read_then_copied(sqlite_uri: str) -> None:
    path = sqlite_uri[len("sqlite:///") :]
    with SQLiteStore(sqlite_uri) as store:
        fill(store)
        expected = store.list_events(limit=1000)
    make_v1(path)
    with SQLiteStore(sqlite_uri, read_only=True) as reader:  # a reader changes nothing
        assert reader.list_events(limit=1000) == expected
        assert (
            reader.list_events(kinds=["gone"], outlet="bbc", skip=1, limit=3)
            == [e for e in expected if e["kind"] == "gone" and e["outlet"] == "bbc"][1:4]
        )
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    with SQLiteStore(sqlite_uri) as store:  # the first writer copies the events in
        assert store._one("PRAGMA user_version")[0] == 2
        assert store._one("SELECT count(*) FROM events")[0] == len(expected)
        assert store.list_events(limit=1000) == expected
        indexes = {row["name"] for row in store._all("PRAGMA index_list(events)")}
        assert indexes == {
            "events_url_seq",
            "events_time",
            "events_outlet_time",
            "events_kind_time",
            "events_outlet_kind_time",
        }


def test_sqlite_copies_only_once(sqlite_uri: str) -> None:
    """Opening a store already on schema 2 copies nothing (the copy reads every article:
    it must not run at every open)."""
    with SQLiteStore(sqlite_uri) as store:
        fill(store)
        with store._write() as conn:
            conn.execute("DELETE FROM events WHERE rowid = (SELECT min(rowid) FROM events)")
    with SQLiteStore(sqlite_uri) as store:
        assert store._one("SELECT count(*) FROM events")[0] == 199


def test_sqlite_store_an_older_release_wrote_to_gains_what_it_missed(sqlite_uri: str) -> None:
    path = sqlite_uri[len("sqlite:///") :]
    with SQLiteStore(sqlite_uri) as store:
        fill(store)
    # An older release opens it (marking it schema 1) and files an event its own way.
    event = '{"time":{"$date":"2030-01-01T00:00:00.000000+00:00"},"kind":"gone","detail":"old"}'
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "UPDATE articles SET events = json_insert(events, '$[#]', json(?)) WHERE url = ?",
        (event, url(3)),
    )
    conn.commit()
    conn.close()
    with SQLiteStore(sqlite_uri) as store:
        newest = store.list_events(limit=1000)
        assert len(newest) == 201 and newest[0]["detail"] == "old"
        assert store._one("SELECT count(*) FROM events")[0] == 201


def test_mongo_database_from_before_the_collection_is_read_then_copied(mongo_uri: str) -> None:
    with MongoStore(mongo_uri) as store:
        fill(store)
        expected = store.list_events(limit=1000)
    client: MongoClient[dict] = MongoClient(mongo_uri)
    try:
        db = client.get_default_database()
        db.drop_collection("events")
        db["meta"].delete_one({"_id": "events"})
        with MongoStore(mongo_uri, read_only=True) as reader:  # reads the articles
            assert reader.list_events(limit=1000) == expected
            assert db["events"].count_documents({}) == 0
        with MongoStore(mongo_uri) as store:  # a writer copies them in, once
            assert db["events"].count_documents({}) == len(expected)
            assert db["meta"].find_one({"_id": "events"})["copied"] is not None
            assert store.list_events(limit=1000) == expected
        with MongoStore(mongo_uri) as store:
            assert db["events"].count_documents({}) == len(expected)
    finally:
        client.close()


def test_mongo_copy_beside_a_writer_files_each_event_once(mongo_uri: str) -> None:
    with MongoStore(mongo_uri) as store:
        fill(store)
        db = store._db
        db["meta"].delete_one({"_id": "events"})
        mongo_events.copy_article_events(db)  # everything was already filed
        store.add_event(url(4), "gone", "after the copy", T0 + timedelta(days=2))
        mongo_events.copy_article_events(db)
        assert db["events"].count_documents({}) == 201
        assert store.list_events(limit=1)[0]["detail"] == "after the copy"


def test_mongo_reads_each_kind_from_its_index(mongo_uri: str) -> None:
    with MongoStore(mongo_uri) as store:
        fill(store)
        for query, pattern in (
            ({"kind": "gone"}, {"kind": 1, "time": -1, "url": -1, "seq": -1}),
            (
                {"outlet": "bbc", "kind": "gone"},
                {"outlet": 1, "kind": 1, "time": -1, "url": -1, "seq": -1},
            ),
            ({}, {"time": -1, "url": -1, "seq": -1}),
        ):
            cursor = store.events.find(query).sort(mongo_events.NEWEST).limit(20)
            plan = cursor.explain()["queryPlanner"]["winningPlan"]
            assert [s["keyPattern"] for s in index_stages(plan)] == [pattern], plan
            assert "COLLSCAN" not in str(plan)


def test_mongo_events_a_dead_writer_left_unfiled_are_filed_at_the_next_open(
    mongo_uri: str,
) -> None:
    client: MongoClient[dict] = MongoClient(mongo_uri)
    db = client.get_default_database()
    try:
        with MongoStore(mongo_uri) as store:
            fill(store)
            assert db[mongo_events.PENDING].count_documents({}) == 0  # each add settled
            expected = store.list_events(limit=1000)
            # Two writers died between the article's list and the event's document: one
            # an hour ago, one just now (as a live writer between its writes looks).
            for n, age in ((3, timedelta(hours=1)), (5, timedelta(0))):
                note = mongo_events.begin(db, url(n))
                since = datetime.now(UTC) - age
                db[mongo_events.PENDING].update_one({"_id": note}, {"$set": {"since": since}})
                event = codec.new_event("gone", f"died on {n}", T0 + timedelta(days=n), None)
                db["articles"].update_one({"url": url(n)}, {"$push": {"events": event}})
            assert store.list_events(limit=1000) == expected
        with MongoStore(mongo_uri, read_only=True) as reader:  # a reader leaves them
            assert reader.list_events(limit=1000) == expected
        with MongoStore(mongo_uri) as store:  # a writer files the old note's article
            listed = store.list_events(limit=1000)
            assert len(listed) == len(expected) + 1
            assert listed[0]["detail"] == "died on 3" and listed[0]["url"] == url(3)
            assert [n["url"] for n in db[mongo_events.PENDING].find()] == [url(5)]
            seqs = [e["seq"] for e in db["events"].find({"url": url(3)}).sort("seq", 1)]
            assert seqs == list(range(len(seqs)))  # each of its events once
            # Once that note is old too, the next writer files the other one.
            old = datetime.now(UTC) - timedelta(hours=1)
            db[mongo_events.PENDING].update_many({}, {"$set": {"since": old}})
        with MongoStore(mongo_uri) as store:
            assert len(store.list_events(limit=1000)) == len(expected) + 2
            assert db[mongo_events.PENDING].count_documents({}) == 0
    finally:
        client.close()
