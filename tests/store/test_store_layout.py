"""What a person sees in the database itself: collection names, real dates, compressed pages."""

from __future__ import annotations

from datetime import datetime, timedelta

from pymongo import MongoClient

from newscrawl.store import Store
from newscrawl.store.mongo import MongoStore
from newscrawl.store.pages import zstd
from newscrawl.store.sqlite import SQLiteStore
from tests.store.samples import T0, URL, change, version

PAGE = b"<html><body>" + b"<p>the same paragraph again</p>" * 500 + b"</body></html>"


def fill(store: Store) -> None:
    store.upsert_article(URL, "example", {"next_check": T0})
    store.add_version(URL, version("a", raw_html=PAGE))
    store.add_change(change(2))
    store.record_run({"id": "r1", "outlet": "example", "started": T0})


def test_mongo_collections_dates_and_compressed_pages(mongo_uri: str) -> None:
    with MongoStore(mongo_uri) as store:
        fill(store)
    client: MongoClient[dict] = MongoClient(mongo_uri)
    try:
        db = client.get_default_database()
        assert set(db.list_collection_names()) >= {"articles", "versions", "changes", "runs"}
        stored = db.versions.find_one({"url": URL})
        assert stored is not None
        assert isinstance(stored["fetched"], datetime)  # a BSON date, queryable in mongosh
        # A first version is a keyframe: the marker "K", then a plain zstd frame.
        blob = bytes(stored["raw_html"])
        assert len(blob) < len(PAGE) / 10
        assert blob[:1] == b"K" and zstd.decompress(blob[1:]) == PAGE
        assert stored["html_bytes"] == len(PAGE)
        assert isinstance(db.articles.find_one()["next_check"], datetime)
        assert db.changes.count_documents({"url": URL, "to_version": 2}) == 1
    finally:
        client.close()


def test_sqlite_tables_times_and_compressed_pages(sqlite_uri: str) -> None:
    with SQLiteStore(sqlite_uri) as store:
        fill(store)
        conn = store._db()
        blob, fetched = conn.execute("SELECT raw_html, fetched FROM versions").fetchone()
        assert blob[:1] == b"K" and zstd.decompress(blob[1:]) == PAGE
        assert len(blob) < len(PAGE) / 10
        assert fetched == "2024-05-01T09:00:00.000000+00:00"
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_iter_articles_due_walks_outlets_in_turn(store: Store) -> None:
    store.upsert_article("https://a.com/1", "a", {"next_check": T0})
    store.upsert_article("https://b.com/1", "b", {"next_check": T0 - timedelta(hours=1)})
    store.upsert_article("https://b.com/2", "b", {"next_check": T0 + timedelta(hours=1)})
    due = [a["url"] for a in store.iter_articles_due(["a", "b", "c"], T0)]
    assert due == ["https://a.com/1", "https://b.com/1"]
