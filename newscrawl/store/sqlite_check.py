"""How much integrity checking a SQLite store gets when it is opened: bounded, not O(size)."""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

MAGIC = b"SQLite format 3\x00"
# ``PRAGMA quick_check`` reads every page: ~70 ms at 157 MiB, growing with the store.
# Up to this size it runs on every open; above it, on the first open of each day.
FULL_CHECK_MAX_BYTES = 64 * 2**20


def header_problem(path: Path) -> str | None:
    """What is wrong with the file's 100-byte header, or None: not SQLite at all, or
    shorter than the pages the header counts (a truncated copy). Microseconds at any
    size; damage inside the file is found by the full check or by SQLite on reading."""
    with path.open("rb") as file:
        head = file.read(100)
    if len(head) < 100 or head[:16] != MAGIC:
        return "not an SQLite database header"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"impossible page size {page_size}"
    pages = int.from_bytes(head[28:32], "big")
    # The page count is only kept current when the two change counters agree.
    if head[24:28] == head[92:96] and path.stat().st_size < pages * page_size:
        return f"{path.stat().st_size} bytes where the header counts {pages * page_size}: truncated"
    return None


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + "-checked")


def full_check_due(path: Path, today: str | None = None) -> bool:
    """True when the file is small, or was not fully checked yet today (UTC)."""
    if path.stat().st_size <= FULL_CHECK_MAX_BYTES:
        return True
    today = today or datetime.now(UTC).date().isoformat()
    try:
        return _stamp_path(path).read_text().strip() != today
    except OSError:
        return True


def mark_checked(path: Path, today: str | None = None) -> None:
    """Remember a passed full check of a large file (best effort: a reader may not be
    allowed to write there, and then simply checks again next time)."""
    if path.stat().st_size <= FULL_CHECK_MAX_BYTES:
        return
    with suppress(OSError):
        _stamp_path(path).write_text(today or datetime.now(UTC).date().isoformat())
