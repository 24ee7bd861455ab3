"""The SQLite schema, and how records map to its columns and its JSON ``data`` column."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from newscrawl.store import codec
from newscrawl.store.base import LIST_OMITS, Record, StoreError

# 2: article events also in their own table (``events``), indexed by time.
SCHEMA_VERSION = 2

# Queried or indexed fields get columns (kind: text, int, bool, time, json); every
# other field of a record lives in the JSON ``data`` column.
TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "url": "text", "outlet": "text", "status": "text", "next_check": "time",
        "shard": "int", "first_seen": "time", "last_checked": "time", "last_changed": "time",
        "title": "text", "checks": "int", "version_count": "int", "change_count": "int",
        "failures": "int", "flipflops": "int", "events": "json",
    },
    "versions": {
        "url": "text", "outlet": "text", "number": "int", "fetched": "time",
        "fingerprint": "text", "html_bytes": "int",
    },
    "changes": {
        "url": "text", "outlet": "text", "from_version": "int", "to_version": "int",
        "detected": "time", "significance": "text", "kinds": "json", "uncorrected": "bool",
        "title": "text", "added_text": "text", "removed_text": "text",
    },
    "runs": {
        "id": "text", "outlet": "text", "started": "time", "finished": "time", "status": "text",
    },
    "alerts": {
        "key": "text", "destination": "text", "url": "text", "status": "text",
        "attempts": "int", "claimed": "time", "sent": "time", "next_try": "time",
    },
    "outlets": {"outlet": "text"},
}  # fmt: skip

EVENTS = """
CREATE TABLE IF NOT EXISTS events (
    rowid INTEGER PRIMARY KEY, url TEXT NOT NULL, outlet TEXT, seq INTEGER NOT NULL,
    time TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL);"""

SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY, url TEXT NOT NULL, outlet TEXT NOT NULL, status TEXT,
    next_check TEXT, shard INTEGER, first_seen TEXT, last_checked TEXT, last_changed TEXT,
    title TEXT, checks INTEGER, version_count INTEGER, change_count INTEGER,
    failures INTEGER, flipflops INTEGER, events TEXT NOT NULL DEFAULT '[]',
    data TEXT NOT NULL DEFAULT '{}');
CREATE UNIQUE INDEX IF NOT EXISTS articles_url ON articles (url);
CREATE INDEX IF NOT EXISTS articles_outlet_next_check ON articles (outlet, next_check);
CREATE TABLE IF NOT EXISTS versions (
    rowid INTEGER PRIMARY KEY, url TEXT NOT NULL, outlet TEXT, number INTEGER NOT NULL,
    fetched TEXT, fingerprint TEXT NOT NULL, html_bytes INTEGER, raw_html BLOB,
    data TEXT NOT NULL DEFAULT '{}');
CREATE UNIQUE INDEX IF NOT EXISTS versions_url_number ON versions (url, number);
CREATE INDEX IF NOT EXISTS versions_url_fingerprint ON versions (url, fingerprint);
CREATE TABLE IF NOT EXISTS changes (
    rowid INTEGER PRIMARY KEY, url TEXT NOT NULL, outlet TEXT, from_version INTEGER,
    to_version INTEGER NOT NULL, detected TEXT, significance TEXT, kinds TEXT,
    uncorrected INTEGER, title TEXT, added_text TEXT, removed_text TEXT,
    data TEXT NOT NULL DEFAULT '{}');
CREATE UNIQUE INDEX IF NOT EXISTS changes_url_to_version ON changes (url, to_version);
CREATE INDEX IF NOT EXISTS changes_detected ON changes (detected);
CREATE INDEX IF NOT EXISTS changes_outlet_detected ON changes (outlet, detected);
CREATE TABLE IF NOT EXISTS runs (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, outlet TEXT, started TEXT, finished TEXT,
    status TEXT, data TEXT NOT NULL DEFAULT '{}');
CREATE UNIQUE INDEX IF NOT EXISTS runs_id ON runs (id);
CREATE INDEX IF NOT EXISTS runs_outlet_started ON runs (outlet, started);
CREATE TABLE IF NOT EXISTS alerts (
    rowid INTEGER PRIMARY KEY, key TEXT NOT NULL, destination TEXT NOT NULL, url TEXT,
    status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, claimed TEXT, sent TEXT,
    next_try TEXT, data TEXT NOT NULL DEFAULT '{}');
CREATE UNIQUE INDEX IF NOT EXISTS alerts_key_destination ON alerts (key, destination);
CREATE INDEX IF NOT EXISTS alerts_claimed ON alerts (claimed);
CREATE TABLE IF NOT EXISTS outlets (
    rowid INTEGER PRIMARY KEY, outlet TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}');
CREATE UNIQUE INDEX IF NOT EXISTS outlets_outlet ON outlets (outlet);
"""
    + EVENTS
    + """
CREATE UNIQUE INDEX IF NOT EXISTS events_url_seq ON events (url, seq);
CREATE INDEX IF NOT EXISTS events_time ON events (time, url, seq);
CREATE INDEX IF NOT EXISTS events_outlet_time ON events (outlet, time, url, seq);
CREATE INDEX IF NOT EXISTS events_kind_time ON events (kind, time, url, seq);
CREATE INDEX IF NOT EXISTS events_outlet_kind_time ON events (outlet, kind, time, url, seq);
"""
)

# A store written before the events table (user_version < 2) gets its events copied in
# once, in the transaction that creates the table, before its indexes (building them
# after the rows is twice as fast). OR IGNORE: two processes opening it at once copy
# nothing twice, and a store that an older release opened again (so marked 1) keeps
# what the table has and gains the rest.
MIGRATE = (
    EVENTS
    + """
INSERT OR IGNORE INTO events (url, outlet, seq, time, kind, data)
SELECT a.url, a.outlet, e.key, json_extract(e.value, '$.time."$date"'),
       json_extract(e.value, '$.kind'), e.value
FROM articles a, json_each(a.events) e WHERE a.events != '[]' ORDER BY a.rowid, e.key;
"""
)

VERSION_COLUMNS = "url, outlet, number, fetched, fingerprint, html_bytes, data"


def sqlite_path(uri: str) -> str:
    """``sqlite:///rel.db`` -> ``rel.db``; ``sqlite:////abs.db`` -> ``/abs.db``."""
    if not uri.startswith("sqlite:///") or uri == "sqlite:///":
        raise StoreError(
            f"bad SQLite store URI {uri!r}: use sqlite:///relative/path.db, "
            "sqlite:////absolute/path.db or sqlite:///:memory:"
        )
    return uri[len("sqlite:///") :]


def encode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "time":
        if not isinstance(value, datetime):
            raise ValueError(f"expected a datetime, not {type(value).__name__}")
        return codec.iso(value)
    if kind == "json":
        return codec.dumps(value)
    if kind == "bool":
        return int(bool(value))
    return value


def decode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "time":
        return codec.from_iso(value)
    if kind == "json":
        return codec.loads(value)
    if kind == "bool":
        return bool(value)
    return value


def to_row(table: str, record: Record) -> dict[str, Any]:
    """Column values for ``record``; the rest (and columns explicitly None) go to ``data``."""
    columns = TABLES[table]
    row = {name: encode(columns[name], record.get(name)) for name in columns}
    rest = {k: v for k, v in record.items() if k not in columns or v is None}
    row["data"] = codec.dumps(rest)
    return row


def from_row(table: str, row: sqlite3.Row) -> Record:
    """The record: ``data`` first, then the non-NULL columns (which always win)."""
    columns = TABLES[table]
    keys = row.keys()
    record = {k: decode(columns[k], row[k]) for k in keys if k in columns and row[k] is not None}
    for key, value in (codec.loads(row["data"]) if "data" in keys else {}).items():
        record.setdefault(key, value)
    return record


def json_path(key: str) -> str:
    return '$."' + key.replace('"', '\\"') + '"'


def icontains(haystack: str | None, needle: str) -> bool:
    """Literal, case-insensitive substring test (no LIKE wildcards, no regex)."""
    return haystack is not None and needle.lower() in haystack.lower()


# A change for a list: SQLite drops the big JSON fields before Python decodes anything.
CHANGE_LIST_COLUMNS = (
    ", ".join(["rowid", *TABLES["changes"]])
    + ", json_remove(data, "
    + ", ".join(f"'{json_path(name)}'" for name in LIST_OMITS)
    + ") AS data"
)
