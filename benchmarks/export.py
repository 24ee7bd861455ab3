"""Export benchmark: peak memory and speed of ``newscrawl export`` on generated stores."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newscrawl.diffing import diff_versions
from newscrawl.store import open_store
from newscrawl.store.sqlite import SQLiteStore
from newscrawl.store.sqlite_schema import to_row

NOW = datetime(2026, 3, 1, tzinfo=UTC)
BATCH = 10_000
VERSION_SIZES = (10_000, int(os.environ.get("NEWSCRAWL_BENCH_EXPORT_ROWS", "1000000")))
CHANGE_SIZES = (10_000, 100_000)
PARAGRAPHS = [
    "Ministers said on Tuesday that the government will be reluctant to give up its powers.",
    "The opposition called the plan too little, too late, and demanded a vote in parliament.",
    "Officials said the money would be spread over three years and paid to local councils.",
]


def version(i: int, number: int) -> dict:
    paragraphs = [p.replace("three", str(number)) for p in PARAGRAPHS]
    return {
        "url": f"https://www.outlet{i % 10}.example/news/{i // 4:08d}",
        "outlet": f"outlet{i % 10}",
        "number": number,
        "fetched": NOW + timedelta(seconds=i),
        "fingerprint": f"{i:040x}",
        "title": f"Story {i // 4} headline",
        "standfirst": "A standfirst",
        "authors": ["Ann Writer"],
        "paragraphs": paragraphs,
        "corrections": [],
        "extractor": "benchmark/1",
        "html_bytes": 60_000,
    }


def generated_versions(count: int) -> Iterator[list[dict]]:
    batch = []
    for i in range(count):
        batch.append(to_row("versions", version(i, i % 4 + 1)))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def generated_changes(count: int) -> Iterator[list[dict]]:
    old, new = version(0, 1), version(0, 2)
    record = diff_versions(old, new)
    batch = []
    for i in range(count):
        change = record | {
            "url": f"https://www.outlet{i % 10}.example/news/{i:08d}", "outlet": f"outlet{i % 10}",
            "title": "Story headline", "from_version": 1, "to_version": 2,
            "detected": NOW + timedelta(seconds=i),
        }  # fmt: skip
        batch.append(to_row("changes", change))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def load(store: SQLiteStore, table: str, batches: Iterator[list[dict]]) -> None:
    conn = store._db()
    for rows in batches:
        names = ", ".join(rows[0])
        marks = ", ".join("?" for _ in rows[0])
        conn.execute("BEGIN")
        conn.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", [list(r.values()) for r in rows]
        )
        conn.execute("COMMIT")


def measure(uri: str, what: str, fmt: str, out: Path) -> tuple[float, float, int]:
    """Run the real command in a child process: seconds, its peak RSS in MiB, bytes out."""
    command = [str(Path(sys.executable).parent / "newscrawl"), "--store", uri, "export", what]
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True)\n"
        "print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *command, "--format", fmt, "-o", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak_kib = result.stdout.split()
    return float(seconds), int(peak_kib) / 1024, out.stat().st_size


def bench(workdir: Path, what: str, sizes: tuple[int, ...], table: str, make) -> None:
    for count in sizes:
        uri = f"sqlite:///{workdir}/{what}-{count}.db"
        with open_store(uri) as store:
            assert isinstance(store, SQLiteStore)
            started = time.perf_counter()
            load(store, table, make(count))
            loaded = time.perf_counter() - started
        for fmt in ("jsonl", "csv"):
            out = workdir / f"{what}-{count}.{fmt}"
            seconds, peak, size = measure(uri, what, fmt, out)
            print(
                f"  {what:8} {count:>9,} rows (load {loaded:5.1f} s)  {fmt:5}  "
                f"{seconds:6.1f} s  {count / seconds:8,.0f} rows/s  peak RSS {peak:6.1f} MiB  "
                f"output {size / 1e6:7.1f} MB",
                flush=True,
            )
            out.unlink()
        Path(f"{workdir}/{what}-{count}.db").unlink()


def main() -> None:
    print("newscrawl export (SQLite, child process peak RSS; flat RSS = streaming)")
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as tmp:
        bench(Path(tmp), "versions", VERSION_SIZES, "versions", generated_versions)
        bench(Path(tmp), "changes", CHANGE_SIZES, "changes", generated_changes)


if __name__ == "__main__":
    sys.exit(main())
