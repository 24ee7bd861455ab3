"""Store benchmark: finding due articles among many tracked ones, and bytes per version."""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newscrawl.store import Store, open_store, pages
from newscrawl.store.codec import dumps, new_article
from newscrawl.store.mongo import MongoStore
from newscrawl.store.sqlite import SQLiteStore
from newscrawl.store.sqlite_schema import TABLES, to_row
from tests.conftest import CORPUS, SecantusServer

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
OUTLETS = [f"outlet{i}" for i in range(10)]
BATCH = 10_000
SQLITE_SIZES = (10_000, 1_000_000)
# SecantusDB (a Python server) inserts far more slowly than mongod; 1,000,000 rows would
# take many minutes, so it is measured at the largest count that loads in a few.
SQLITE_COLUMNS = set(TABLES["versions"])
MONGO_SIZES = (10_000, int(os.environ.get("NEWSCRAWL_BENCH_MONGO_ROWS", "100000")))


def synthetic(count: int) -> Iterator[list[dict]]:
    """Articles spread over 10 outlets; next_check from 1 day ago to 30 days ahead, so
    about 3% are due, as in a store that has tracked articles for months."""
    span = timedelta(days=31).total_seconds()
    batch = []
    for i in range(count):
        url = f"https://www.outlet{i % 10}.example/news/{i:08d}/a-story-about-something"
        offset = timedelta(seconds=(i * 7919 % 1_000_003) / 1_000_003 * span - 86400)
        fields = {"title": f"Story number {i}", "first_seen": NOW - timedelta(days=60)}
        fields |= {"next_check": NOW + offset, "interval": 3600.0, "checks": 5}
        batch.append(new_article(url, OUTLETS[i % 10], fields, NOW))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def load_sqlite(store: SQLiteStore, count: int) -> None:
    conn = store._db()
    for batch in synthetic(count):
        rows = [to_row("articles", record) for record in batch]
        names = ", ".join(rows[0])
        marks = ", ".join("?" for _ in rows[0])
        conn.execute("BEGIN")
        conn.executemany(
            f"INSERT INTO articles ({names}) VALUES ({marks})", [list(r.values()) for r in rows]
        )
        conn.execute("COMMIT")
    conn.execute("ANALYZE")


def load_mongo(store: MongoStore, count: int) -> None:
    for batch in synthetic(count):
        store.articles.insert_many(batch, ordered=False)


def timed(action: Callable[[], object], repeat: int = 20) -> tuple[float, object]:
    """Median wall time of ``action`` in milliseconds, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def due_figures(name: str, store: Store, count: int, load_seconds: float) -> None:
    median, due = timed(lambda: store.due_articles("outlet3", NOW, limit=500))
    shard_median, _ = timed(lambda: store.due_articles("outlet3", NOW, limit=500, shard=(1, 4)))
    assert isinstance(due, list)
    print(
        f"{name:8} {count:>9,} articles  load {load_seconds:6.1f} s  "
        f"due_articles(limit=500) {median:7.2f} ms ({len(due)} rows)  "
        f"with shard 1/4 {shard_median:7.2f} ms",
        flush=True,
    )
    started = time.perf_counter()
    batches = sizes = 0
    for batch in store.due_batches("outlet3", NOW, size=500):
        batches, sizes = batches + 1, sizes + len(batch)
    drained = (time.perf_counter() - started) * 1000
    print(
        f"{'':8} whole due queue of the outlet streamed by due_batches(size=500): {sizes} rows "
        f"in {batches} batches, {drained:.1f} ms ({drained / max(sizes, 1) * 1000:.0f} us/row)",
        flush=True,
    )


def bench_due(workdir: Path) -> None:
    print("Due articles of one outlet (10 outlets, ~3% of articles due)")
    for count in SQLITE_SIZES:
        uri = f"sqlite:///{workdir}/due-{count}.db"
        with open_store(uri) as store:
            assert isinstance(store, SQLiteStore)
            started = time.perf_counter()
            load_sqlite(store, count)
            loaded = time.perf_counter() - started
            due_figures("sqlite", store, count, loaded)
        opens = []
        for _ in range(2):  # the day's first open checks every page of a large file
            started = time.perf_counter()
            open_store(uri).close()
            opens.append(time.perf_counter() - started)
        size = Path(workdir / f"due-{count}.db").stat().st_size
        print(
            f"{'':8} open: {opens[0] * 1000:.0f} ms with the full check, "
            f"{opens[1] * 1000:.1f} ms header only (later opens of the day); "
            f"file {size / 1e6:.0f} MB",
            flush=True,
        )
    server = SecantusServer(storage=str(workdir / "secantus"))
    try:
        for count in MONGO_SIZES:
            uri = server.uri.replace("/?", f"/bench{count}?")
            with open_store(uri) as store:
                assert isinstance(store, MongoStore)
                started = time.perf_counter()
                load_mongo(store, count)
                due_figures("mongodb", store, count, time.perf_counter() - started)
    finally:
        server.stop()
    print("(mongodb = SecantusDB, on disk; set NEWSCRAWL_BENCH_MONGO_ROWS for another count)")


def bench_due_memory(workdir: Path, count: int = 20_000) -> None:
    """Python memory for a crawl's due queue of ``count`` articles: read whole, as the
    spider did, or streamed a batch at a time, as it does now (tracemalloc peaks)."""
    import tracemalloc

    uri = f"sqlite:///{workdir}/due-memory.db"
    with open_store(uri) as store:
        assert isinstance(store, SQLiteStore)
        conn = store._db()
        conn.execute("BEGIN")
        for i in range(count):
            record = new_article(
                f"https://www.theguardian.com/world/2024/jun/03/story-{i:06d}",
                "guardian",
                {"title": f"Story number {i} " * 4, "next_check": NOW, "etag": f'"{i:024x}"'},
                NOW,
            )
            row = to_row("articles", record)
            marks = ", ".join("?" for _ in row)
            conn.execute(
                f"INSERT INTO articles ({', '.join(row)}) VALUES ({marks})", list(row.values())
            )
        conn.execute("COMMIT")
        tracemalloc.start()
        whole = store.due_articles("guardian", NOW)
        _, peak_whole = tracemalloc.get_traced_memory()
        del whole
        tracemalloc.stop()
        tracemalloc.start()
        rows = 0
        for batch in store.due_batches("guardian", NOW, size=500):
            rows += len(batch)
        _, peak_batches = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(
        f"\nDue queue of {count:,} articles in memory: {peak_whole / 2**20:.1f} MiB read whole, "
        f"{peak_batches / 2**20:.1f} MiB streamed in batches of 500 ({rows} rows)"
    )


def corpus_versions() -> Iterator[dict]:
    for number, page in enumerate(sorted(CORPUS.glob("pages/*/*.html")), start=1):
        sidecar = page.with_suffix(".json")
        truth = json.loads(sidecar.read_text()) if sidecar.exists() else {}
        paragraphs = truth.get("paragraphs") or (truth.get("body") or "").split("\n")
        yield {
            "url": f"https://corpus.example/{page.parent.name}/{page.stem}",
            "outlet": page.parent.name,
            "fetched": NOW,
            "fingerprint": f"{number:040x}",
            "title": truth.get("title"),
            "standfirst": truth.get("standfirst"),
            "authors": truth.get("authors") or [],
            "published": truth.get("published"),
            "paragraphs": paragraphs,
            "corrections": [],
            "extractor": "benchmark/1",
            "raw_html": page.read_bytes(),
        }


def bench_bytes(workdir: Path) -> None:
    versions = list(corpus_versions())
    raw = sum(len(v["raw_html"]) for v in versions)
    path = workdir / "bytes.db"
    with open_store(f"sqlite:///{path}") as store:
        for version in versions:
            store.add_version(version["url"], version)
        store._db().execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[attr-defined]
        compressed = sum(
            len(row[0])
            for row in store._db().execute("SELECT raw_html FROM versions")  # type: ignore[attr-defined]
        )
    n = len(versions)
    print(f"\nBytes per version ({n} real corpus pages)")
    print(f"  raw HTML            {raw / n / 1024:8.1f} KiB")
    print(f"  stored (keyframes)  {compressed / n / 1024:8.1f} KiB ({compressed / raw:.0%} of raw)")
    print(
        f"  SQLite file         {path.stat().st_size / n / 1024:8.1f} KiB per version (all fields)"
    )


def _ms(action: Callable[[], object], items: int) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000 / items


def bench_page_codecs() -> None:
    """The previous release's zlib against zstd keyframes and deltas, on the replay's
    Guardian pages with one paragraph added (what a typical edit changes)."""
    refs = sorted(CORPUS.glob("pages/guardian/*.html"))
    olds = [page.read_bytes() for page in refs]
    news = [old.replace(b"</p>", b"</p><p>A paragraph added by an edit.</p>", 1) for old in olds]
    n = len(olds)
    print(
        f"\nRaw page codecs ({n} Guardian corpus pages, {sum(map(len, olds)) / n / 1024:.0f} KiB)"
    )
    for level in (6, 1):
        blobs = [zlib.compress(page, level) for page in news]
        ms = _ms(lambda level=level: [zlib.compress(page, level) for page in news], n)
        un = _ms(lambda blobs=blobs: [zlib.decompress(blob) for blob in blobs], n)
        size = sum(map(len, blobs)) / n / 1024
        print(f"  zlib level {level} (old format)  {size:7.2f} KiB  compress {ms:5.2f} ms  "
              f"decompress {un:5.2f} ms per page")  # fmt: skip
    keys = [pages.keyframe(page) for page in olds]
    ms = _ms(lambda: [pages.keyframe(page) for page in olds], n)
    un = _ms(lambda: [pages.decode(blob, lambda _: None) for blob in keys], n)
    size = sum(map(len, keys)) / n / 1024
    print(f"  zstd keyframe (first version) {size:7.2f} KiB  compress {ms:5.2f} ms  "
          f"decompress {un:5.2f} ms per page")  # fmt: skip
    bases = [pages.Base(1, old, len(key)) for old, key in zip(olds, keys, strict=True)]
    deltas = [pages.encode(new, base) for new, base in zip(news, bases, strict=True)]
    ms = _ms(lambda: [pages.encode(new, b) for new, b in zip(news, bases, strict=True)], n)
    # Reading a delta decompresses its keyframe too: the figure includes both.
    un = _ms(
        lambda: [pages.decode(d, lambda _, k=k: k) for d, k in zip(deltas, keys, strict=True)], n
    )
    size = sum(map(len, deltas)) / n / 1024
    print(f"  zstd delta (an edited page)   {size:7.2f} KiB  compress {ms:5.2f} ms  "
          f"decompress {un:5.2f} ms per page (with its keyframe)")  # fmt: skip


def file_bytes(store_uri: str) -> int:
    """The SQLite file's size with its write-ahead log checkpointed into it."""
    with open_store(store_uri) as store:
        assert isinstance(store, SQLiteStore)
        store._db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Path(store.path).stat().st_size


def edit_step_bytes(store_uri: str, size_before: int, first_number: int = 2) -> None:
    """Bytes per version stored at the replay's edit steps (versions numbered from
    ``first_number``): as stored now, and what the previous release stored for the same
    versions (the page zlib-compressed at level 6, paragraphs stored beside the blocks);
    and how much the file grew per new version (change records and indexes included)."""
    with open_store(store_uri) as store:
        assert isinstance(store, SQLiteStore)
        rows = (
            store._db()
            .execute(
                "SELECT url, number, length(raw_html), length(data) FROM versions "
                "WHERE number >= ?",
                (first_number,),
            )
            .fetchall()
        )
        now = old = 0
        for url, number, blob, data in rows:
            version = store.get_version(url, number)
            assert version is not None
            raw = store.raw_html(url, number) or b""
            full = {k: v for k, v in version.items() if k not in SQLITE_COLUMNS}
            now += (blob or 0) + data
            old += len(zlib.compress(raw, 6)) + len(dumps(full).encode())
    n = max(len(rows), 1)
    grown = file_bytes(store_uri) - size_before
    print(f"  edit-step versions: {len(rows)}; raw page + fields per version "
          f"{now / n / 1024:.1f} KiB (previous format: {old / n / 1024:.1f} KiB); "
          f"SQLite file grew {grown / n / 1024:.1f} KiB per version")  # fmt: skip


def main() -> None:
    bench_page_codecs()
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as tmp:
        bench_bytes(Path(tmp))
        bench_due_memory(Path(tmp))
        print()
        bench_due(Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
