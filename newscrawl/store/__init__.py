"""Where newscrawl keeps articles, versions and changes: pick a backend from a URI."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newscrawl.store.base import Record, Store, StoreCorrupt, StoreError, StoreUnavailable

DEFAULT_STORE_URI = "sqlite:///newscrawl.db"

__all__ = [
    "DEFAULT_STORE_URI",
    "Record",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreUnavailable",
    "open_store",
    "resolve_store_uri",
]


def resolve_store_uri(
    explicit: str | None = None, settings: Mapping[str, Any] | None = None
) -> str:
    """The store URI to use: ``explicit`` (``--store``), then the ``NEWSCRAWL_STORE``
    setting or environment variable, then ``MONGO_URI``, then the SQLite default."""
    if explicit:
        return explicit
    for source in (settings or {}, os.environ):
        if source.get("NEWSCRAWL_STORE"):
            return str(source["NEWSCRAWL_STORE"])
    for source in (settings or {}, os.environ):
        if source.get("MONGO_URI"):
            return str(source["MONGO_URI"])
    return DEFAULT_STORE_URI


def open_store(
    uri: str, *, must_exist: bool = False, read_only: bool | None = False, **options: Any
) -> Store:
    """Open the backend named by ``uri`` (``sqlite:///path.db`` or
    ``mongodb://host:port/dbname``) and create its indexes.

    ``must_exist`` (for commands that only read) refuses to create a new SQLite file.
    ``read_only`` (for readers such as the viewer): True never writes, None writes only a
    store this process may write (a SQLite file it cannot write is opened read-only;
    MongoDB indexes it may not create are left to the crawls).
    Raises ``StoreUnavailable`` / ``StoreCorrupt`` / ``StoreError`` with a message naming
    the URI and what to do."""
    if uri.startswith("sqlite:"):
        from newscrawl.store.sqlite import SQLiteStore
        from newscrawl.store.sqlite_schema import sqlite_path

        path = sqlite_path(uri)
        if must_exist and path != ":memory:" and not Path(path).exists():
            raise StoreError(
                f"no store at {path}: run a crawl first (make crawl), or name the store "
                "with --store URI or NEWSCRAWL_STORE"
            )
        return SQLiteStore(uri, read_only=read_only, **options)
    if uri.startswith(("mongodb://", "mongodb+srv://")):
        from newscrawl.store.mongo import MongoStore

        return MongoStore(uri, read_only=read_only is not False, **options)
    raise StoreError(
        f"unknown store URI {uri!r}: use sqlite:///path/to/newscrawl.db "
        "or mongodb://host:27017/newscrawl"
    )
