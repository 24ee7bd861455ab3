"""Events benchmark: one page of takedowns, redirects and flip-flops (the viewer's home
page, ``/api/events``, every feed, ``newscrawl notify``) as the store grows.

Side by side on the same file: the ``events`` table (schema 2) and the scan of every
article's own event list that stores before it needed; and the one-time copy of a
store's events into the table when a newer release first opens it."""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from benchmarks.store import NOW, synthetic, timed
from newscrawl.store import codec, mongo_events, open_store, sqlite_events
from newscrawl.store.mongo import MongoStore
from newscrawl.store.sqlite import SQLiteStore
from newscrawl.store.sqlite_schema import to_row
from newscrawl.web.params import EVENT_KINDS
from tests.conftest import SecantusServer

KINDS = ("signal", "failed", "gone", "redirected", "flipflop", "signal", "modified_moved")
SQLITE_SIZES = tuple(
    int(n) for n in os.environ.get("NEWSCRAWL_BENCH_EVENT_ROWS", "10000,100000,1000000").split(",")
)
MONGO_SIZE = int(os.environ.get("NEWSCRAWL_BENCH_MONGO_EVENT_ROWS", "20000"))
PAGE = 51  # the viewer asks for a page of 50 and one more, to know if there is a next


def eventful(count: int) -> Iterator[list[dict]]:
    """The store benchmark's articles, each with two events: of the kinds in turn, so
    three in seven are takedowns, redirects or flip-flops, at times spread over a year."""
    n = 0
    for batch in synthetic(count):
        for record in batch:
            record["events"] = []
            for k in range(2):
                when = NOW - timedelta(minutes=(n * 7919 + k) % 500_000)
                kind = KINDS[(n + k) % len(KINDS)]
                record["events"].append(codec.new_event(kind, "detail", when, None))
            n += 1
        yield batch


def load_v1(path: Path, count: int) -> None:
    """A store as a release before the events table left it: events only in articles."""
    with open_store(f"sqlite:///{path}") as store:
        assert isinstance(store, SQLiteStore)
    conn = sqlite3.connect(path, isolation_level=None)
    for batch in eventful(count):
        rows = [to_row("articles", record) for record in batch]
        marks = ", ".join("?" for _ in rows[0])
        conn.execute("BEGIN")
        conn.executemany(
            f"INSERT INTO articles ({', '.join(rows[0])}) VALUES ({marks})",
            [list(r.values()) for r in rows],
        )
        conn.execute("COMMIT")
    conn.executescript("DROP TABLE events; PRAGMA user_version = 1; ANALYZE;")
    conn.close()


def bench_sqlite(workdir: Path) -> None:
    for count in SQLITE_SIZES:
        path = workdir / f"events-{count}.db"
        load_v1(path, count)
        started = time.perf_counter()
        store = open_store(f"sqlite:///{path}")
        copied = time.perf_counter() - started
        assert isinstance(store, SQLiteStore)
        with store:
            figures = sqlite_figures(store, 3 if count > 100_000 else 10)
        print(
            f"sqlite  {count:>9,} articles, {2 * count:>9,} events: {figures}; "
            f"copied into the table at first open in {copied:5.1f} s",
            flush=True,
        )


def sqlite_figures(store: SQLiteStore, scans: int) -> str:
    table, page = timed(lambda: store.list_events(EVENT_KINDS, limit=PAGE), 20)
    later, _ = timed(lambda: store.list_events(EVENT_KINDS, skip=500, limit=PAGE), 20)
    one, _ = timed(lambda: store.list_events(EVENT_KINDS, "outlet3", limit=PAGE), 20)
    query = sqlite_events.from_articles(list(EVENT_KINDS), None, 0, PAGE)
    scan, rows = timed(lambda: store._all(*query), scans)
    assert isinstance(page, list) and isinstance(rows, list) and len(page) == len(rows)
    return (
        f"page of {PAGE} {table:6.2f} ms (page 11: {later:6.2f} ms, one outlet: {one:6.2f} ms); "
        f"scanning the articles {scan:8.1f} ms ({scan / table:,.0f}x)"
    )


def bench_mongo(workdir: Path) -> None:
    server = SecantusServer(storage=str(workdir / "secantus-events"))
    try:
        uri = server.uri.replace("/?", "/events?")
        with open_store(uri) as store:
            assert isinstance(store, MongoStore)
            load_mongo_events(store, MONGO_SIZE)
            store._db["meta"].delete_one(mongo_events.MARK)
        started = time.perf_counter()
        store = open_store(uri)
        copied = time.perf_counter() - started
        assert isinstance(store, MongoStore)
        with store:
            table, page = timed(lambda: store.list_events(EVENT_KINDS, limit=PAGE), 10)
            db, kinds = store._db, list(EVENT_KINDS)
            scan, rows = timed(lambda: mongo_events.scan(db, kinds, None, 0, PAGE), 3)
            assert page == rows
        print(
            f"mongodb {MONGO_SIZE:>9,} articles, {2 * MONGO_SIZE:>9,} events: page of {PAGE} "
            f"{table:6.2f} ms; scanning the articles {scan:8.1f} ms ({scan / table:,.0f}x); "
            f"copied into the collection at first open in {copied:5.1f} s",
            flush=True,
        )
    finally:
        server.stop()
    print(
        "(mongodb = SecantusDB, which sorts a whole kind where mongod walks the index; "
        "NEWSCRAWL_BENCH_MONGO_EVENT_ROWS sets its count)"
    )


def load_mongo_events(store: MongoStore, count: int) -> None:
    for batch in eventful(count):
        store.articles.insert_many(batch, ordered=False)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as tmp:
        print(f"A page of takedowns, redirects and flip-flops ({', '.join(EVENT_KINDS)})")
        bench_sqlite(Path(tmp))
        bench_mongo(Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
