"""deltafetch's key database: reopen and lookup cost by size, dbm (as found) vs SQLite.

``NEWSCRAWL_BENCH_KEYS`` (default ``100000,1000000``) sets the sizes. The ``dbm`` column
is whatever ``dbm.open`` picks on this Python (``dbm.dumb`` without gdbm), which is what
scrapy-deltafetch's own middleware would use; ``NEWSCRAWL_BENCH_DBM_MAX`` caps the
sizes it is measured at (filling it is slow)."""

from __future__ import annotations

import dbm
import os
import tempfile
import time
from pathlib import Path

from newscrawl.middlewares.keydb import KeyDB

DBM_MAX = int(os.environ.get("NEWSCRAWL_BENCH_DBM_MAX", "1000000"))


def _key(n: int) -> str:
    return f"https://www.theguardian.com/world/2024/jun/03/story-number-{n}"


def measure(opener, path: Path, count: int) -> tuple[float, float, float]:
    """Seconds to fill, to reopen, and per lookup (ms) after a reopen."""
    started = time.perf_counter()
    db = opener(path, "c")
    if isinstance(db, KeyDB):
        with db._db:  # one transaction to fill it fast; not how a crawl writes
            db._db.executemany(
                "INSERT INTO seen VALUES (?, ?)",
                ((_key(n).encode(), b"1717400000.0") for n in range(count)),
            )
    else:
        for n in range(count):
            db[_key(n)] = "1717400000.0"
    db.close()
    fill = time.perf_counter() - started
    started = time.perf_counter()
    db = opener(path, "c")
    reopen = time.perf_counter() - started
    started = time.perf_counter()
    for n in range(0, count, max(1, count // 1000)):
        assert _key(n) in db
    lookups = (time.perf_counter() - started) / min(count, 1000) * 1000
    db.close()
    return fill, reopen, lookups


def main() -> None:
    sizes = [int(s) for s in os.environ.get("NEWSCRAWL_BENCH_KEYS", "100000,1000000").split(",")]
    for count in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            fill, reopen, look = measure(KeyDB, Path(tmp, "k.db"), count)
            print(
                f"{count:>9} keys  SQLite (KeyDB): reopen {reopen * 1000:8.1f} ms, "
                f"lookup {look:.3f} ms, file {Path(tmp, 'k.db').stat().st_size / 2**20:.0f} MiB"
            )
            if count > DBM_MAX:
                print(f"{count:>9} keys  dbm: skipped (set NEWSCRAWL_BENCH_DBM_MAX)")
            else:
                fill, reopen, look = measure(
                    lambda p, f: dbm.open(str(p), f),  # noqa: SIM115 - closed in measure
                    Path(tmp, "d.db"),
                    count,
                )
                print(
                    f"{count:>9} keys  dbm ({getattr(dbm, '_defaultmod', None).__name__}): reopen "
                    f"{reopen * 1000:8.1f} ms, lookup {look:.3f} ms"
                )
