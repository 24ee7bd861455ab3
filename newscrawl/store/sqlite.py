"""The embedded SQLite backend: one file, nothing to install, safe across threads and processes."""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from newscrawl.store import codec, pages, sqlite_check, sqlite_events
from newscrawl.store.base import Record, Store, StoreCorrupt, StoreError, StoreUnavailable
from newscrawl.store.sqlite_schema import (
    CHANGE_LIST_COLUMNS,
    MIGRATE,
    SCHEMA,
    SCHEMA_VERSION,
    TABLES,
    VERSION_COLUMNS,
    encode,
    from_row,
    icontains,
    json_path,
    sqlite_path,
    to_row,
)

MAX_ATTEMPTS = 100  # add_version retries; each one means another writer just won a number
CHUNK = 500  # urls per IN (...) query: below SQLite's limit on bound parameters

T = TypeVar("T")


def writable(path: Path) -> bool:
    """Whether this process may write the SQLite file at ``path`` and create files (its
    journal, WAL, index) beside it; True for a file that does not exist yet."""
    directory = path.parent if str(path.parent) else Path(".")
    if not path.exists():
        return True
    return os.access(path, os.W_OK) and os.access(directory, os.W_OK)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return found.fetchone() is not None


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


def guarded(method: Callable[..., T]) -> Callable[..., T]:
    """Turn sqlite3 errors into StoreError subclasses whose message says what to do."""

    @functools.wraps(method)
    def wrapper(self: SQLiteStore, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self.translate(exc) from exc

    return wrapper


# Seconds a header that looks wrong is re-read before the file is called damaged.
HEADER_SETTLE = 1.0


class SQLiteStore(Store):
    """Articles, versions and changes in one SQLite file (WAL mode)."""

    def __init__(self, uri: str, timeout: float = 30.0, read_only: bool | None = False) -> None:
        """``read_only``: True opens the file for reading only (it must exist; nothing is
        created or written, so a file or directory this process cannot write is served);
        None does so when the file exists and this process cannot write it or its
        directory; False (crawls) needs a writable store and creates it if missing."""
        self.uri = uri
        self.path = sqlite_path(uri)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._timeout = timeout
        self._stamp: tuple[int, int] | None = None
        if read_only is None:
            read_only = self.path != ":memory:" and not writable(Path(self.path))
        self.read_only = read_only
        if read_only:
            self._conn = self._open_read_only()
            return
        existing = self.path != ":memory:" and self._prepare_directory()
        try:
            conn = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise self.translate(exc) from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if existing:
                # Before anything that writes (journal_mode writes the header): a damaged
                # file must be left exactly as it is.
                self._check(conn)
            self._initialise(conn, timeout)
        except (sqlite3.Error, StoreError) as exc:
            conn.close()
            if isinstance(exc, StoreError):
                raise
            raise self.translate(exc) from exc
        self._conn = conn

    def _open_read_only(self) -> sqlite3.Connection:
        """A connection that never writes. ``mode=ro`` still needs the WAL index file
        (``-shm``), which a reader of a directory it cannot write cannot create when no
        crawl has the store open; then the file is read as ``immutable`` and reopened
        whenever it changes on disk (``_db``)."""
        path = Path(self.path)
        if not path.is_file():
            raise StoreError(f"no store at {path}: run a crawl first")
        address = "file:" + quote(str(path.resolve()))
        for query in ("?mode=ro", "?mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(
                    address + query,
                    uri=True,
                    timeout=self._timeout,
                    isolation_level=None,
                    check_same_thread=False,
                )
            except sqlite3.Error as exc:
                raise self.translate(exc) from exc
            try:
                conn.row_factory = sqlite3.Row
                conn.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
                conn.create_function("icontains", 2, icontains, deterministic=True)
                self._check(conn)
            except sqlite3.OperationalError as exc:
                conn.close()
                if "readonly" in str(exc).lower() or "unable to open" in str(exc).lower():
                    continue  # no -shm and no right to create it: read it immutable
                raise self.translate(exc) from exc
            except (sqlite3.Error, StoreError) as exc:
                conn.close()
                if isinstance(exc, StoreError):
                    raise
                raise self.translate(exc) from exc
            self._stamp = _stamp(path) if "immutable" in query else None
            return conn
        raise StoreError(f"cannot read the SQLite store {path}")

    @staticmethod
    def _initialise(conn: sqlite3.Connection, timeout: float) -> None:
        """WAL mode and the schema. Switching to WAL takes an exclusive lock without
        waiting on the busy timeout, so when several connections open a new file at once
        (a crawl's spider and pipelines, a viewer) the losers retry until ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.create_function("icontains", 2, icontains, deterministic=True)
                # The copy reads every article: only when the file is older.
                older = conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION
                older = older and _has_table(conn, "articles")
                conn.executescript(
                    f"BEGIN IMMEDIATE;\n{MIGRATE if older else ''}\n{SCHEMA}\n"
                    f"PRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;"
                )
                return
            except sqlite3.OperationalError as exc:
                text = str(exc).lower()
                if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                    raise
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                time.sleep(0.02)

    def _prepare_directory(self) -> bool:
        """Create the file's directory; True if the database file already exists."""
        path = Path(self.path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the directory {path.parent} for the SQLite store {self.uri}: "
                f"{exc.strerror or exc}; choose a writable path with --store or NEWSCRAWL_STORE"
            ) from exc
        if path.is_dir():
            raise StoreError(f"the SQLite store path {path} is a directory; name a file")
        return path.exists() and path.stat().st_size > 0

    def _check(self, conn: sqlite3.Connection) -> None:
        """Bounded integrity check at open (``sqlite_check``): the header always, every
        page only for a small file or on the first open of the day."""
        path = Path(self.path)
        problem = sqlite_check.header_problem(path)
        # Another connection may be creating this file right now (its first page not yet
        # written): only a header that stays wrong is damage.
        settle = time.monotonic() + HEADER_SETTLE
        while problem and time.monotonic() < settle:
            time.sleep(0.05)
            problem = sqlite_check.header_problem(path)
        if problem:
            raise self.corrupt(problem)
        if sqlite_check.full_check_due(path):
            self._quick_check(conn)
            sqlite_check.mark_checked(path)

    def _quick_check(self, conn: sqlite3.Connection) -> None:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if [tuple(r) for r in rows] != [("ok",)]:
            problems = "; ".join(str(r[0]) for r in rows[:3])
            raise self.corrupt(problems)

    def corrupt(self, detail: str) -> StoreCorrupt:
        return StoreCorrupt(
            f"the SQLite store {self.path} is damaged ({detail}); it was left untouched: "
            "restore it from a backup or point NEWSCRAWL_STORE at another file"
        )

    def translate(self, exc: sqlite3.Error) -> StoreError:
        message = str(exc)
        lowered = message.lower()
        if "not a database" in lowered or "malformed" in lowered:
            return self.corrupt(message)
        if "locked" in lowered or "busy" in lowered:
            return StoreUnavailable(
                f"the SQLite store {self.path} is locked by another process ({message}); "
                "retry, or give each crawl its own store"
            )
        if "closed" in lowered:
            return StoreError(f"the store {self.uri} is closed")
        if "unable to open" in lowered or "readonly" in lowered:
            return StoreError(
                f"cannot open the SQLite store {self.path} for writing ({message}); "
                "check the directory's permissions or set NEWSCRAWL_STORE to another path"
            )
        return StoreError(f"SQLite store {self.path}: {message}")

    # -- connection helpers ----------------------------------------------------------
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store {self.uri} is closed")
        if self._stamp is not None and _stamp(Path(self.path)) != self._stamp:
            # An immutable reader sees nothing a crawl writes: read the new file.
            self._conn.close()
            self._conn = None
            self._conn = self._open_read_only()
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding SQLite's write lock from the start."""
        with self._lock:
            conn = self._db()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _all(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db().execute(sql, params).fetchall()

    def _one(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            return self._db().execute(sql, params).fetchone()

    @staticmethod
    def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any], verb: str) -> int:
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = conn.execute(f"{verb} INTO {table} ({names}) VALUES ({marks})", list(row.values()))
        return cursor.rowcount

    # -- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    @guarded
    def ping(self) -> None:
        if self._conn is None:
            raise StoreUnavailable(f"the store {self.uri} is closed")
        self._one("SELECT 1")

    # -- articles --------------------------------------------------------------------
    @guarded
    def upsert_article(self, url: str, outlet: str, fields: Record) -> tuple[Record, bool]:
        codec.require_str("url", url)
        codec.require_str("outlet", outlet)
        with self._write() as conn:
            exists = conn.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone()
            if exists:
                self._update(conn, url, codec.article_changes(outlet, fields), None)
            else:
                record = codec.new_article(url, outlet, fields, datetime.now(UTC))
                self._insert(conn, "articles", to_row("articles", record), "INSERT")
        article = self.get_article(url)
        assert article is not None
        return article, not exists

    @guarded
    def get_article(self, url: str) -> Record | None:
        codec.require_str("url", url)
        row = self._one("SELECT * FROM articles WHERE url = ?", (url,))
        return None if row is None else self._article(row)

    @staticmethod
    def _article(row: sqlite3.Row) -> Record:
        record = from_row("articles", row)
        for name in TABLES["articles"]:
            record.setdefault(name, None)
        record.pop("rowid", None)
        return record

    @guarded
    def update_article(self, url: str, fields: Record, inc: Record | None = None) -> None:
        codec.require_str("url", url)
        with self._write() as conn:
            self._update(conn, url, codec.normalise(fields), inc)

    @staticmethod
    def _update(conn: sqlite3.Connection, url: str, fields: Record, inc: Record | None) -> None:
        """One UPDATE: columns directly, other fields inside ``data`` with json_set, so
        concurrent updates of different fields never overwrite each other."""
        columns = TABLES["articles"]
        sets: list[str] = []
        params: list[Any] = []
        data, data_params = "data", []
        for key, value in fields.items():
            if key in ("url", "shard", "_id", "data", "rowid"):
                raise ValueError(f"{key} cannot be changed")
            if key in columns:
                sets.append(f"{key} = ?")
                params.append(encode(columns[key], value))
            else:
                data = f"json_set({data}, ?, json(?))"
                data_params += [json_path(key), codec.dumps(value)]
        for key, amount in (inc or {}).items():
            if not isinstance(amount, int | float) or isinstance(amount, bool):
                raise ValueError(f"inc[{key!r}] must be a number")
            if key in columns and columns[key] == "int":
                sets.append(f"{key} = coalesce({key}, 0) + ?")
                params.append(amount)
            else:
                data = f"json_set({data}, ?, coalesce(json_extract(data, ?), 0) + ?)"
                data_params += [json_path(key), json_path(key), amount]
        if data != "data":
            sets.append(f"data = {data}")
        if sets:
            sql = f"UPDATE articles SET {', '.join(sets)} WHERE url = ?"
            conn.execute(sql, [*params, *data_params, url])

    @guarded
    def add_event(
        self, url: str, kind: str, detail: str, time: datetime, version: int | None = None
    ) -> None:
        codec.require_str("url", url)
        event = codec.new_event(kind, detail, time, version)
        text = codec.dumps(event)
        with self._write() as conn:
            row = conn.execute(
                "SELECT outlet, json_array_length(events) FROM articles WHERE url = ?", (url,)
            ).fetchone()
            if row is None:
                return
            conn.execute(
                "UPDATE articles SET events = json_insert(events, '$[#]', json(?)) WHERE url = ?",
                (text, url),
            )
            conn.execute(
                "INSERT OR IGNORE INTO events (url, outlet, seq, time, kind, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (url, row[0], row[1], codec.iso(event["time"]), kind, text),
            )

    def _due_query(
        self, outlet: str, now: datetime, limit: int | None, shard: tuple[int, int] | None
    ) -> tuple[str, list[Any]]:
        codec.require_str("outlet", outlet)
        codec.check_shard(shard)
        sql = "SELECT * FROM articles WHERE outlet = ? AND next_check <= ? AND status = 'active'"
        params: list[Any] = [outlet, codec.iso(now)]
        if shard is not None:
            sql += " AND shard % ? = ?"
            params += [shard[1], shard[0]]
        sql += " ORDER BY next_check LIMIT ?"
        return sql, [*params, -1 if limit is None else limit]

    @guarded
    def due_articles(
        self,
        outlet: str,
        now: datetime,
        limit: int | None = None,
        shard: tuple[int, int] | None = None,
    ) -> list[Record]:
        sql, params = self._due_query(outlet, now, limit, shard)
        return [self._article(row) for row in self._all(sql, params)]

    def due_batches(
        self,
        outlet: str,
        now: datetime,
        limit: int | None = None,
        shard: tuple[int, int] | None = None,
        size: int = 500,
    ) -> Iterator[list[Record]]:
        self._due_query(outlet, now, limit, shard)  # checks the arguments now
        codec.require_int("size", size)
        if size < 1:
            raise ValueError("size must be at least 1")
        return self._due_pages(outlet, now, limit, shard, size)

    def _due_pages(
        self,
        outlet: str,
        now: datetime,
        limit: int | None,
        shard: tuple[int, int] | None,
        size: int,
    ) -> Iterator[list[Record]]:
        # Keyset pages on (next_check, rowid): the (outlet, next_check) index holds the
        # rowid, so each page is one index range read without a sort, and rows updated
        # meanwhile neither repeat nor shift the pages.
        left = -1 if limit is None else limit
        after: tuple[str, int] | None = None
        while left != 0:
            want = size if left < 0 else min(size, left)
            rows = self._due_page(outlet, now, shard, after, want)
            if not rows:
                return
            after = (rows[-1]["next_check"], rows[-1]["rowid"])
            if left > 0:
                left -= len(rows)
            yield [self._article(row) for row in rows]

    @guarded
    def _due_page(
        self,
        outlet: str,
        now: datetime,
        shard: tuple[int, int] | None,
        after: tuple[str, int] | None,
        size: int,
    ) -> list[sqlite3.Row]:
        sql = "SELECT rowid, * FROM articles WHERE outlet = ? AND next_check <= ?"
        params: list[Any] = [outlet, codec.iso(now)]
        if after is not None:
            # The plain lower bound lets the index range start at the last page's end.
            sql += " AND next_check >= ? AND (next_check > ? OR rowid > ?)"
            params += [after[0], after[0], after[1]]
        sql += " AND status = 'active'"
        if shard is not None:
            sql += " AND shard % ? = ?"
            params += [shard[1], shard[0]]
        sql += " ORDER BY next_check, rowid LIMIT ?"
        return self._all(sql, [*params, size])

    @guarded
    def get_articles(self, urls: Iterable[str]) -> dict[str, Record]:
        wanted = list(urls)
        for url in wanted:
            codec.require_str("url", url)
        wanted = list(dict.fromkeys(wanted))
        found: dict[str, Record] = {}
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for row in self._all(f"SELECT * FROM articles WHERE url IN ({marks})", chunk):
                article = self._article(row)
                found[article["url"]] = article
        return found

    def watched_articles(self) -> list[Record]:
        rows = self._all(
            "SELECT * FROM articles WHERE json_extract(data, '$.watched') = 1 "
            "ORDER BY first_seen, rowid"
        )
        return [self._article(row) for row in rows]

    @guarded
    def count_articles(self, outlet: str | None = None) -> int:
        codec.require_str("outlet", outlet, optional=True)
        if outlet is None:
            return self._one("SELECT count(*) FROM articles")[0]
        return self._one("SELECT count(*) FROM articles WHERE outlet = ?", (outlet,))[0]

    # -- versions --------------------------------------------------------------------
    def _versions(self, where: str, params: list[Any], tail: str = "") -> list[Record]:
        sql = f"SELECT {VERSION_COLUMNS} FROM versions WHERE {where} {tail}"
        return [codec.unpack_text(from_row("versions", row)) for row in self._all(sql, params)]

    @guarded
    def latest_version(self, url: str) -> Record | None:
        codec.require_str("url", url)
        found = self._versions("url = ?", [url], "ORDER BY number DESC LIMIT 1")
        return found[0] if found else None

    @guarded
    def get_version(self, url: str, number: int) -> Record | None:
        codec.require_str("url", url)
        codec.require_int("number", number)
        found = self._versions("url = ? AND number = ?", [url, number])
        return found[0] if found else None

    @guarded
    def list_versions(self, url: str, skip: int = 0, limit: int | None = None) -> list[Record]:
        codec.require_str("url", url)
        tail = "ORDER BY number LIMIT ? OFFSET ?"
        return self._versions("url = ?", [url, -1 if limit is None else limit, skip], tail)

    @guarded
    def find_version_by_fingerprint(self, url: str, fingerprint: str) -> Record | None:
        codec.require_str("url", url)
        codec.require_str("fingerprint", fingerprint)
        where, tail = "url = ? AND fingerprint = ?", "ORDER BY number LIMIT 1"
        found = self._versions(where, [url, fingerprint], tail)
        return found[0] if found else None

    @guarded
    def add_version(self, url: str, version: Record) -> tuple[int, bool]:
        codec.require_str("url", url)
        record, raw = codec.split_version(url, version)
        blob = None if raw is None else pages.encode(raw, self._base(url))
        for _ in range(MAX_ATTEMPTS):
            with self._write() as conn:
                latest = conn.execute(
                    "SELECT number, fingerprint FROM versions WHERE url = ? "
                    "ORDER BY number DESC LIMIT 1",
                    (url,),
                ).fetchone()
                if latest is not None and latest["fingerprint"] == record["fingerprint"]:
                    self._count_version(conn, url, latest["number"])
                    return latest["number"], False
                number = 1 if latest is None else latest["number"] + 1
                if record.get("outlet") is None:
                    owner = conn.execute("SELECT outlet FROM articles WHERE url = ?", (url,))
                    found = owner.fetchone()
                    record["outlet"] = found["outlet"] if found else None
                row = to_row("versions", {**record, "number": number})
                row["raw_html"] = blob
                try:
                    self._insert(conn, "versions", row, "INSERT")
                except sqlite3.IntegrityError:
                    continue  # another writer took this number: read the latest again
                self._count_version(conn, url, number)
                return number, True
        raise StoreError(f"could not number a new version of {url} after {MAX_ATTEMPTS} tries")

    @staticmethod
    def _count_version(conn: sqlite3.Connection, url: str, number: int) -> None:
        conn.execute(
            "UPDATE articles SET version_count = max(coalesce(version_count, 0), ?) WHERE url = ?",
            (number, url),
        )

    def _base(self, url: str) -> pages.Base | None:
        """The page a new version of ``url`` is stored against (read before the write
        transaction: a stored version never changes, so a racing writer cannot spoil it)."""
        row = self._one(
            "SELECT number, raw_html FROM versions WHERE url = ? ORDER BY number DESC LIMIT 1",
            (url,),
        )
        latest = None if row is None or row[1] is None else (row[0], row[1])
        return pages.base_for(latest, lambda number: self._blob(url, number))

    def _blob(self, url: str, number: int) -> bytes | None:
        row = self._one("SELECT raw_html FROM versions WHERE url = ? AND number = ?", (url, number))
        return None if row is None else row[0]

    @guarded
    def raw_html(self, url: str, number: int) -> bytes | None:
        codec.require_str("url", url)
        codec.require_int("number", number)
        blob = self._blob(url, number)
        if blob is None:
            return None
        try:
            return pages.decode(blob, lambda base: self._blob(url, base))
        except pages.PageError as exc:
            raise self.corrupt(f"version {number} of {url}: {exc}") from exc

    # -- changes ---------------------------------------------------------------------
    @guarded
    def add_change(self, change: Record) -> bool:
        codec.require_str("url", change.get("url"))
        codec.require_int("to_version", change.get("to_version"))
        row = to_row("changes", codec.normalise(change))
        with self._write() as conn:
            created = self._insert(conn, "changes", row, "INSERT OR IGNORE") == 1
            if created:
                conn.execute(
                    "UPDATE articles SET change_count = "
                    "(SELECT count(*) FROM changes WHERE url = ?1) WHERE url = ?1",
                    (change["url"],),
                )
        return created

    @guarded
    def get_change(self, url: str, to_version: int) -> Record | None:
        codec.require_str("url", url)
        codec.require_int("to_version", to_version)
        sql = "SELECT * FROM changes WHERE url = ? AND to_version = ?"
        row = self._one(sql, (url, to_version))
        return None if row is None else self._change(row)

    @staticmethod
    def _change(row: sqlite3.Row) -> Record:
        record = from_row("changes", row)
        record.pop("rowid", None)
        return record

    @guarded
    def versions_missing_change(self, url: str) -> list[int]:
        codec.require_str("url", url)
        rows = self._all(
            "SELECT v.number FROM versions v LEFT JOIN changes c "
            "ON c.url = v.url AND c.to_version = v.number "
            "WHERE v.url = ? AND v.number > 1 AND c.rowid IS NULL ORDER BY v.number",
            (url,),
        )
        return [row[0] for row in rows]

    @staticmethod
    def _change_filter(**filters: str | None) -> tuple[str, list[Any]]:
        clauses, params = ["1"], []
        for name, value in filters.items():
            codec.require_str(name, value, optional=True)
            if value is None:
                continue
            if name == "kind":
                clauses.append("EXISTS (SELECT 1 FROM json_each(changes.kinds) WHERE value = ?)")
                params.append(value)
            elif name == "query":
                fields = ("title", "added_text", "removed_text")
                clauses.append("(" + " OR ".join(f"icontains({f}, ?)" for f in fields) + ")")
                params += [value] * len(fields)
            else:
                clauses.append(f"{name} = ?")
                params.append(value)
        return " AND ".join(clauses), params

    @guarded
    def list_changes(
        self,
        url: str | None = None,
        outlet: str | None = None,
        significance: str | None = None,
        kind: str | None = None,
        query: str | None = None,
        skip: int = 0,
        limit: int = 50,
        uncorrected: bool | None = None,
        full: bool = False,
    ) -> list[Record]:
        where, params = self._change_filter(
            url=url, outlet=outlet, significance=significance, kind=kind, query=query
        )
        if uncorrected is not None:
            where += " AND uncorrected = ?"
            params.append(int(bool(uncorrected)))
        columns = "*" if full else CHANGE_LIST_COLUMNS
        sql = f"SELECT {columns} FROM changes WHERE {where} ORDER BY detected DESC, rowid DESC "
        rows = self._all(sql + "LIMIT ? OFFSET ?", [*params, limit, skip])
        return [self._change(row) for row in rows]

    @guarded
    def count_changes(self, outlet: str | None = None, url: str | None = None) -> int:
        where, params = self._change_filter(outlet=outlet, url=url)
        return self._one(f"SELECT count(*) FROM changes WHERE {where}", params)[0]

    # -- events --------------------------------------------------------------------
    @guarded
    def list_events(
        self,
        kinds: Iterable[str] | None = None,
        outlet: str | None = None,
        skip: int = 0,
        limit: int = 50,
    ) -> list[Record]:
        codec.require_str("outlet", outlet, optional=True)
        wanted = list(kinds) if kinds is not None else None
        for kind in wanted or []:
            codec.require_str("kind", kind)
        if wanted == [] or limit <= 0:
            return []
        migrated = self._one("PRAGMA user_version")[0] >= 2
        query = sqlite_events.from_table if migrated else sqlite_events.from_articles
        rows = self._all(*query(wanted, outlet, skip, limit))
        return [
            {"url": row[0], "outlet": row[1], "title": row[2], **codec.loads(row[3])}
            for row in rows
        ]

    @guarded
    def change_ages(self, outlet: str, limit: int = 500) -> list[Record]:
        codec.require_str("outlet", outlet)
        rows = self._all(
            "SELECT c.url, c.detected, a.first_seen, "
            "json_extract(a.data, '$.published') AS published FROM changes c "
            "JOIN articles a ON a.url = c.url WHERE c.outlet = ? "
            "ORDER BY c.detected DESC, c.rowid DESC LIMIT ?",
            (outlet, limit),
        )
        return [
            {
                "url": row["url"],
                "detected": codec.from_iso(row["detected"]),
                "published": row["published"],
                "first_seen": codec.from_iso(row["first_seen"]),
            }
            for row in rows
        ]

    # -- outlet state ----------------------------------------------------------------
    @guarded
    def outlet_state(self, outlet: str) -> Record:
        codec.require_str("outlet", outlet)
        row = self._one("SELECT * FROM outlets WHERE outlet = ?", (outlet,))
        if row is None:
            return {"outlet": outlet}
        record = from_row("outlets", row)
        record.pop("rowid", None)
        return record

    @guarded
    def update_outlet_state(self, outlet: str, fields: Record, inc: Record | None = None) -> None:
        codec.require_str("outlet", outlet)
        data, params = "data", []
        for key, value in codec.normalise(fields).items():
            if key in ("outlet", "_id", "data", "rowid"):
                raise ValueError(f"{key} cannot be changed")
            data = f"json_set({data}, ?, json(?))"
            params += [json_path(key), codec.dumps(value)]
        for key, amount in (inc or {}).items():
            if not isinstance(amount, int | float) or isinstance(amount, bool):
                raise ValueError(f"inc[{key!r}] must be a number")
            data = f"json_set({data}, ?, coalesce(json_extract(data, ?), 0) + ?)"
            params += [json_path(key), json_path(key), amount]
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO outlets (outlet) VALUES (?)", (outlet,))
            if params:
                conn.execute(
                    f"UPDATE outlets SET data = {data} WHERE outlet = ?", [*params, outlet]
                )

    # -- search and health -----------------------------------------------------------
    @guarded
    def search_articles(self, query: str, skip: int = 0, limit: int = 50) -> list[Record]:
        codec.require_str("query", query)
        rows = self._all(
            "SELECT * FROM articles WHERE icontains(title, ?) "
            "ORDER BY last_changed DESC NULLS LAST, rowid DESC LIMIT ? OFFSET ?",
            (query, limit, skip),
        )
        return [self._article(row) for row in rows]

    @guarded
    def outlet_counts(self) -> tuple[dict[str, int], dict[str, int], list[str]]:
        articles = dict(self._all("SELECT outlet, count(*) FROM articles GROUP BY outlet"))
        changes = dict(self._all("SELECT outlet, count(*) FROM changes GROUP BY outlet"))
        with_runs = [row[0] for row in self._all("SELECT DISTINCT outlet FROM runs")]
        return articles, changes, with_runs

    @guarded
    def record_run(self, run: Record) -> None:
        codec.require_str("id", run.get("id"))
        row = to_row("runs", codec.normalise(run))
        with self._write() as conn:
            self._insert(conn, "runs", row, "INSERT OR REPLACE")

    @guarded
    def list_runs(self, outlet: str | None = None, limit: int = 20) -> list[Record]:
        codec.require_str("outlet", outlet, optional=True)
        where = "outlet = ?" if outlet is not None else "1"
        params = [outlet] if outlet is not None else []
        sql = f"SELECT * FROM runs WHERE {where} ORDER BY started DESC, rowid DESC LIMIT ?"
        records = [from_row("runs", row) for row in self._all(sql, [*params, limit])]
        for record in records:
            record.pop("rowid", None)
        return records

    # -- streaming reads (export, alerts) -------------------------------------------
    @staticmethod
    def _range(column: str, outlet: str | None, since: datetime | None, until: datetime | None):
        codec.require_str("outlet", outlet, optional=True)
        clauses, params = ["1"], []
        if outlet is not None:
            clauses.append("outlet = ?")
            params.append(outlet)
        if since is not None:
            clauses.append(f"{column} >= ?")
            params.append(codec.iso(since))
        if until is not None:
            clauses.append(f"{column} < ?")
            params.append(codec.iso(until))
        return " AND ".join(clauses), params

    def iter_changes(
        self,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        batch: int = 500,
    ) -> Iterator[Record]:
        where, params = self._range("detected", outlet, since, until)
        after: tuple[str, int] | None = None
        while True:
            # Keyset paging on the detected index: no cursor stays open between batches,
            # so writers are never held up and memory holds one batch.
            sql, extra = f"SELECT * FROM changes WHERE {where}", []
            if after is not None:
                # A row value, not an OR: SQLite then seeks in the index instead of
                # scanning it from the start on every page.
                sql += " AND (detected, rowid) > (?, ?)"
                extra = [after[0], after[1]]
            sql += " ORDER BY detected, rowid LIMIT ?"
            rows = self._guarded_all(sql, [*params, *extra, batch])
            for row in rows:
                yield self._change(row)
            if len(rows) < batch:
                return
            after = (rows[-1]["detected"], rows[-1]["rowid"])

    def iter_versions(
        self,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        batch: int = 200,
    ) -> Iterator[Record]:
        where, params = self._range("fetched", outlet, since, until)
        after: tuple[str, int] | None = None
        while True:
            sql, extra = f"SELECT {VERSION_COLUMNS} FROM versions WHERE {where}", []
            if after is not None:
                sql += " AND (url, number) > (?, ?)"
                extra = [after[0], after[1]]
            sql += " ORDER BY url, number LIMIT ?"
            rows = self._guarded_all(sql, [*params, *extra, batch])
            for row in rows:
                yield codec.unpack_text(from_row("versions", row))
            if len(rows) < batch:
                return
            after = (rows[-1]["url"], rows[-1]["number"])

    def _guarded_all(self, sql: str, params: list[Any]) -> list[sqlite3.Row]:
        try:
            return self._all(sql, params)
        except sqlite3.Error as exc:
            raise self.translate(exc) from exc

    @guarded
    def gone_articles(self, since: datetime) -> list[Record]:
        rows = self._all(
            "SELECT * FROM articles WHERE status = 'gone' AND last_checked >= ? "
            "ORDER BY last_checked",
            (codec.iso(since),),
        )
        return [self._article(row) for row in rows]

    # -- alerts ----------------------------------------------------------------------
    @staticmethod
    def _alert(row: sqlite3.Row) -> Record:
        record = from_row("alerts", row)
        record.pop("rowid", None)
        for name in ("sent", "next_try", "error"):
            record.setdefault(name, None)
        return record

    @guarded
    def claim_alert(
        self, key: str, destination: str, url: str, now: datetime, lease: float
    ) -> Record | None:
        for name, value in (("key", key), ("destination", destination), ("url", url)):
            codec.require_str(name, value)
        stale = codec.iso(now - timedelta(seconds=lease))
        with self._write() as conn:
            row = conn.execute(
                "SELECT * FROM alerts WHERE key = ? AND destination = ?", (key, destination)
            ).fetchone()
            if row is None:
                record = {"key": key, "destination": destination, "url": url,
                          "status": "sending", "attempts": 0, "claimed": codec.utc(now),
                          "sent": None, "next_try": None, "error": None}  # fmt: skip
                self._insert(conn, "alerts", to_row("alerts", record), "INSERT")
                return record
            free = (row["status"] == "failed" and (row["next_try"] or "") <= codec.iso(now)) or (
                row["status"] == "sending" and (row["claimed"] or "") <= stale
            )
            if not free:
                return None
            conn.execute(
                "UPDATE alerts SET status = 'sending', claimed = ? WHERE rowid = ?",
                (codec.iso(now), row["rowid"]),
            )
            found = conn.execute("SELECT * FROM alerts WHERE rowid = ?", (row["rowid"],))
            return self._alert(found.fetchone())

    @guarded
    def finish_alert(self, key: str, destination: str, fields: Record) -> None:
        codec.require_str("key", key)
        codec.require_str("destination", destination)
        current = self.get_alert(key, destination)
        if current is None:
            raise StoreError(f"no alert {key} for {destination} to finish")
        record = {**current, **codec.normalise(fields)}
        record["attempts"] = (current.get("attempts") or 0) + 1
        row = to_row("alerts", record)
        with self._write() as conn:
            sets = ", ".join(f"{name} = ?" for name in row)
            conn.execute(
                f"UPDATE alerts SET {sets} WHERE key = ? AND destination = ?",
                [*row.values(), key, destination],
            )

    @guarded
    def get_alert(self, key: str, destination: str) -> Record | None:
        codec.require_str("key", key)
        codec.require_str("destination", destination)
        row = self._one(
            "SELECT * FROM alerts WHERE key = ? AND destination = ?", (key, destination)
        )
        return None if row is None else self._alert(row)

    @guarded
    def list_alerts(
        self, destination: str | None = None, status: str | None = None, limit: int = 100
    ) -> list[Record]:
        clauses, params = ["1"], []
        for name, value in (("destination", destination), ("status", status)):
            codec.require_str(name, value, optional=True)
            if value is not None:
                clauses.append(f"{name} = ?")
                params.append(value)
        sql = f"SELECT * FROM alerts WHERE {' AND '.join(clauses)} "
        sql += "ORDER BY claimed DESC, rowid DESC LIMIT ?"
        return [self._alert(row) for row in self._all(sql, [*params, limit])]
