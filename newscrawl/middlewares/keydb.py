"""A dbm-like set of keys in one SQLite file: deltafetch's database at any size."""

from __future__ import annotations

import dbm
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


class KeyDB:
    """The part of the ``dbm`` mapping interface scrapy-deltafetch uses, on SQLite.

    Python's ``dbm`` falls back to ``dbm.dumb`` where gdbm is missing, which reads its
    whole index on every open (seconds at 100,000 keys). Here opening costs the same at
    any size, a lookup is one B-tree search, and a write is committed at once (WAL, no
    fsync per write: a key lost to a power cut only means one article is fetched again).
    ``flag`` is dbm's: ``"c"`` opens or creates, ``"n"`` starts empty."""

    def __init__(self, path: str | Path, flag: str = "c") -> None:
        self.path = Path(path)
        if flag == "n":
            for stale in (self.path, *_dumb_files(self.path)):
                stale.unlink(missing_ok=True)
        legacy = _read_legacy(self.path)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS seen (key BLOB PRIMARY KEY, value BLOB)")
        if legacy:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO seen VALUES (?, ?)", legacy)
            logger.info("deltafetch: %d keys imported from the old dbm file", len(legacy))

    def __contains__(self, key: object) -> bool:
        row = self._db.execute("SELECT 1 FROM seen WHERE key = ?", (_bytes(key),)).fetchone()
        return row is not None

    def __getitem__(self, key: str | bytes) -> bytes:
        row = self._db.execute("SELECT value FROM seen WHERE key = ?", (_bytes(key),)).fetchone()
        if row is None:
            raise KeyError(key)
        return bytes(row[0])

    def __setitem__(self, key: str | bytes, value: str | bytes) -> None:
        self._db.execute("INSERT OR REPLACE INTO seen VALUES (?, ?)", (_bytes(key), _bytes(value)))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM seen").fetchone()[0])

    def keys(self) -> list[bytes]:
        return [bytes(row[0]) for row in self._db.execute("SELECT key FROM seen")]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.keys())

    def close(self) -> None:
        self._db.close()


def _bytes(value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    raise TypeError(f"deltafetch keys and values are str or bytes, not {type(value).__name__}")


def _dumb_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in (".dat", ".dir", ".bak")]


def _read_legacy(path: Path) -> list[tuple[bytes, bytes]]:
    """The keys of a database an older newscrawl wrote with ``dbm`` at ``path``, which is
    then removed; empty when there is none. A file that is already SQLite is left alone."""
    if path.exists():
        with path.open("rb") as file:
            if file.read(16) == SQLITE_HEADER:
                return []
    files = [f for f in (path, *_dumb_files(path)) if f.exists()]
    if not files:
        return []
    try:
        with dbm.open(str(path), "r") as old:
            rows = [(_bytes(k), _bytes(old[k])) for k in old.keys()]  # noqa: SIM118 - gdbm has no __iter__
    except Exception as exc:  # any dbm flavour's error: a lost cache, not lost data
        logger.warning("deltafetch: old database at %s unreadable (%s); starting empty", path, exc)
        rows = []
    for f in files:
        f.unlink()
    return rows
