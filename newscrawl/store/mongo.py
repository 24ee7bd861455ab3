"""The MongoDB backend: collections ``articles``, ``versions``, ``changes``, ``runs``,
``alerts``, ``outlets``, ``events``, ``events_pending`` and ``meta``."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from bson import Binary
from pymongo import ASCENDING, DESCENDING, MongoClient, ReturnDocument
from pymongo.collection import Collection
from pymongo.cursor import Cursor
from pymongo.errors import (
    ConfigurationError,
    ConnectionFailure,
    DuplicateKeyError,
    OperationFailure,
    ProtocolError,
    PyMongoError,
)

from newscrawl.store import codec, mongo_events, pages
from newscrawl.store.base import (
    LIST_OMITS,
    Record,
    Store,
    StoreCorrupt,
    StoreError,
    StoreUnavailable,
)

DEFAULT_DATABASE = "newscrawl"
MAX_ATTEMPTS = 100  # add_version retries; each one means another writer just won a number

INDEXES: dict[str, list[tuple[list[tuple[str, int]], bool]]] = {
    "articles": [
        ([("url", ASCENDING)], True),
        ([("outlet", ASCENDING), ("next_check", ASCENDING)], False),
    ],
    "versions": [
        ([("url", ASCENDING), ("number", ASCENDING)], True),
        ([("url", ASCENDING), ("fingerprint", ASCENDING)], False),
    ],
    "changes": [
        ([("url", ASCENDING), ("to_version", ASCENDING)], True),
        ([("detected", DESCENDING)], False),
        ([("outlet", ASCENDING), ("detected", DESCENDING)], False),
    ],
    "runs": [
        ([("id", ASCENDING)], True),
        ([("outlet", ASCENDING), ("started", DESCENDING)], False),
    ],
    "alerts": [
        ([("key", ASCENDING), ("destination", ASCENDING)], True),
        ([("claimed", DESCENDING)], False),
    ],
    "outlets": [([("outlet", ASCENDING)], True)],
    "events": mongo_events.INDEXES,
}
NO_ID = {"_id": 0}
NO_HTML = {"_id": 0, "raw_html": 0}
ADVICE = "start MongoDB or set NEWSCRAWL_STORE=sqlite:///newscrawl.db"

T = TypeVar("T")


def _reason(exc: Exception) -> str:
    # Server-selection errors append a long topology description; the first part says it.
    return str(exc).split(", Timeout:")[0].split(", Topology Description:")[0][:300]


def guarded(method: Callable[..., T]) -> Callable[..., T]:
    """Turn lost connections into StoreUnavailable and other driver errors into StoreError."""

    @functools.wraps(method)
    def wrapper(self: MongoStore, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except (ConnectionFailure, ProtocolError) as exc:  # a reply cut short: the same
            raise StoreUnavailable(
                f"lost the connection to MongoDB at {codec.mask_uri(self.uri)} "
                f"({_reason(exc)}): {ADVICE}"
            ) from exc
        except PyMongoError as exc:
            raise StoreError(f"MongoDB at {codec.mask_uri(self.uri)}: {_reason(exc)}") from exc

    return wrapper


def _translated(self: MongoStore, cursor: Cursor[Record]) -> Iterator[Record]:
    """Iterate a cursor, turning driver errors into store errors (a generator runs after
    ``guarded`` has returned, so it needs its own translation)."""

    @guarded
    def following(store: MongoStore) -> Record | None:
        return next(cursor, None)

    with cursor:
        while (record := following(self)) is not None:
            yield record


def _range(field: str, outlet: str | None, since: datetime | None, until: datetime | None):
    codec.require_str("outlet", outlet, optional=True)
    query: Record = {} if outlet is None else {"outlet": outlet}
    bounds = {}
    if since is not None:
        bounds["$gte"] = codec.utc(since)
    if until is not None:
        bounds["$lt"] = codec.utc(until)
    if bounds:
        query[field] = bounds
    return query


def _literal(query: str) -> dict[str, str]:
    """A case-insensitive regex matching ``query`` as plain text."""
    return {"$regex": re.escape(query), "$options": "i"}


class MongoStore(Store):
    """Articles, versions and changes in a MongoDB database (default name ``newscrawl``)."""

    def __init__(self, uri: str, timeout_ms: int = 3000, read_only: bool = False) -> None:
        """``read_only``: a reader that may lack the right to create indexes (a
        read-only MongoDB user) opens the store anyway; crawls create them."""
        self.uri = uri
        masked = codec.mask_uri(uri)
        try:
            self._client: MongoClient[Record] = MongoClient(
                uri,
                serverSelectionTimeoutMS=timeout_ms,
                connectTimeoutMS=timeout_ms,
                tz_aware=True,
                tzinfo=UTC,
                appname="newscrawl",
            )
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(f"bad MongoDB URI {masked}: {exc}") from exc
        db = self._client.get_default_database(DEFAULT_DATABASE)
        self.articles: Collection[Record] = db["articles"]
        self.versions: Collection[Record] = db["versions"]
        self.changes: Collection[Record] = db["changes"]
        self.runs: Collection[Record] = db["runs"]
        self.alerts: Collection[Record] = db["alerts"]
        self.outlet_states: Collection[Record] = db["outlets"]
        self.events: Collection[Record] = db["events"]
        self._db = db
        self._events_copied = False
        try:
            self._client.admin.command("ping")
            for name, indexes in INDEXES.items():
                for keys, unique in indexes:
                    try:
                        db[name].create_index(keys, unique=unique)
                    except OperationFailure:
                        if not read_only:
                            raise
            if not read_only:
                mongo_events.copy_article_events(db)
                mongo_events.file_pending(db)
        except ConnectionFailure as exc:
            self._client.close()
            raise StoreUnavailable(
                f"cannot reach MongoDB at {masked} ({_reason(exc)}): {ADVICE}"
            ) from exc
        except PyMongoError as exc:
            self._client.close()
            raise StoreError(f"cannot open MongoDB at {masked}: {_reason(exc)}") from exc

    # -- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        self._client.close()

    @guarded
    def ping(self) -> None:
        self._client.admin.command("ping")

    # -- articles --------------------------------------------------------------------
    @guarded
    def upsert_article(self, url: str, outlet: str, fields: Record) -> tuple[Record, bool]:
        codec.require_str("url", url)
        codec.require_str("outlet", outlet)
        changes = codec.article_changes(outlet, fields)
        fresh = codec.new_article(url, outlet, fields, datetime.now(UTC))
        on_insert = {k: v for k, v in fresh.items() if k not in changes and k != "url"}
        update = {"$set": changes, "$setOnInsert": on_insert}
        try:
            result = self.articles.update_one({"url": url}, update, upsert=True)
        except DuplicateKeyError:
            # Two writers inserted the same new article; ours lost, so it now exists.
            result = self.articles.update_one({"url": url}, update, upsert=True)
        article = self.get_article(url)
        assert article is not None
        return article, result.upserted_id is not None

    @guarded
    def get_article(self, url: str) -> Record | None:
        codec.require_str("url", url)
        return self.articles.find_one({"url": url}, NO_ID)

    @guarded
    def update_article(self, url: str, fields: Record, inc: Record | None = None) -> None:
        codec.require_str("url", url)
        fields = codec.normalise(fields)
        for key in ("url", "shard", "_id"):
            if key in fields:
                raise ValueError(f"{key} cannot be changed")
        for key, amount in (inc or {}).items():
            if not isinstance(amount, int | float) or isinstance(amount, bool):
                raise ValueError(f"inc[{key!r}] must be a number")
        update = {op: value for op, value in (("$set", fields), ("$inc", inc)) if value}
        if update:
            self.articles.update_one({"url": url}, update)

    @guarded
    def add_event(
        self, url: str, kind: str, detail: str, time: datetime, version: int | None = None
    ) -> None:
        codec.require_str("url", url)
        event = codec.new_event(kind, detail, time, version)
        note = mongo_events.begin(self._db, url)  # covers a death between the writes
        # The event's place in the article's list comes back from the same atomic update
        # (an expression in the projection: MongoDB 4.4 or newer).
        article = self.articles.find_one_and_update(
            {"url": url},
            {"$push": {"events": event}},
            projection={"_id": 0, "outlet": 1, "count": {"$size": "$events"}},
            return_document=ReturnDocument.AFTER,
        )
        if article is not None:
            seq = article["count"] - 1
            self.events.bulk_write([mongo_events.keep(url, article["outlet"], seq, event)])
        mongo_events.done(self._db, note)

    def _due_query(self, outlet: str, now: datetime, batch: int) -> Cursor[Record]:
        codec.require_str("outlet", outlet)
        # Only the two indexed fields go to the server: every planner then walks the
        # (outlet, next_check) index in sort order. Status and shard are checked here, as
        # some servers (SecantusDB) fall back to a collection scan or a slow hinted plan
        # when the filter has fields outside the index.
        query = {"outlet": outlet, "next_check": {"$lte": codec.utc(now)}}
        return self.articles.find(query, NO_ID).sort("next_check", ASCENDING).batch_size(batch)

    @guarded
    def due_articles(
        self,
        outlet: str,
        now: datetime,
        limit: int | None = None,
        shard: tuple[int, int] | None = None,
    ) -> list[Record]:
        codec.check_shard(shard)
        wanted = float("inf") if limit is None else limit
        found: list[Record] = []
        if wanted <= 0:
            return found
        batch = 1000 if limit is None else min(1000, limit * (shard[1] if shard else 1))
        with self._due_query(outlet, now, batch) as cursor:
            for article in cursor:
                if article.get("status") != "active":
                    continue  # retired and gone articles normally have no next_check at all
                if shard is not None and article.get("shard", 0) % shard[1] != shard[0]:
                    continue
                found.append(article)
                if len(found) >= wanted:
                    break
        return found

    def due_batches(
        self,
        outlet: str,
        now: datetime,
        limit: int | None = None,
        shard: tuple[int, int] | None = None,
        size: int = 500,
    ) -> Iterator[list[Record]]:
        codec.require_str("outlet", outlet)
        codec.check_shard(shard)
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
        # One server cursor read a batch at a time. An article re-checked meanwhile has
        # its next_check moved past ``now``, out of the scanned index range: no repeat.
        left = float("inf") if limit is None else limit
        if left <= 0:
            return
        cursor = self._open_due(outlet, now, size)
        try:
            while left > 0:
                batch = self._next_due(cursor, shard, int(min(size, left)))
                if not batch:
                    return
                left -= len(batch)
                yield batch
        finally:
            cursor.close()

    @guarded
    def _open_due(self, outlet: str, now: datetime, size: int) -> Cursor[Record]:
        return self._due_query(outlet, now, size)

    @guarded
    def _next_due(
        self, cursor: Cursor[Record], shard: tuple[int, int] | None, size: int
    ) -> list[Record]:
        batch: list[Record] = []
        for article in cursor:
            if article.get("status") != "active":
                continue
            if shard is not None and article.get("shard", 0) % shard[1] != shard[0]:
                continue
            batch.append(article)
            if len(batch) >= size:
                break
        return batch

    @guarded
    def get_articles(self, urls: Iterable[str]) -> dict[str, Record]:
        wanted = list(urls)
        for url in wanted:
            codec.require_str("url", url)
        wanted = list(dict.fromkeys(wanted))
        if not wanted:
            return {}
        found = self.articles.find({"url": {"$in": wanted}}, NO_ID)
        return {article["url"]: article for article in found}

    def watched_articles(self) -> list[Record]:
        cursor = self.articles.find({"watched": True}, NO_ID)
        return list(cursor.sort([("first_seen", ASCENDING), ("url", ASCENDING)]))

    @guarded
    def count_articles(self, outlet: str | None = None) -> int:
        codec.require_str("outlet", outlet, optional=True)
        return self.articles.count_documents({} if outlet is None else {"outlet": outlet})

    # -- versions --------------------------------------------------------------------
    @guarded
    def latest_version(self, url: str) -> Record | None:
        codec.require_str("url", url)
        found = self.versions.find_one({"url": url}, NO_HTML, sort=[("number", DESCENDING)])
        return None if found is None else codec.unpack_text(found)

    @guarded
    def get_version(self, url: str, number: int) -> Record | None:
        codec.require_str("url", url)
        codec.require_int("number", number)
        found = self.versions.find_one({"url": url, "number": number}, NO_HTML)
        return None if found is None else codec.unpack_text(found)

    @guarded
    def list_versions(self, url: str, skip: int = 0, limit: int | None = None) -> list[Record]:
        codec.require_str("url", url)
        if limit == 0:
            return []
        cursor = self.versions.find({"url": url}, NO_HTML).sort("number", ASCENDING).skip(skip)
        return [codec.unpack_text(v) for v in (cursor if limit is None else cursor.limit(limit))]

    @guarded
    def find_version_by_fingerprint(self, url: str, fingerprint: str) -> Record | None:
        codec.require_str("url", url)
        codec.require_str("fingerprint", fingerprint)
        query = {"url": url, "fingerprint": fingerprint}
        found = self.versions.find_one(query, NO_HTML, sort=[("number", ASCENDING)])
        return None if found is None else codec.unpack_text(found)

    @guarded
    def add_version(self, url: str, version: Record) -> tuple[int, bool]:
        codec.require_str("url", url)
        record, raw = codec.split_version(url, version)
        if raw is not None:
            record["raw_html"] = Binary(pages.encode(raw, self._base(url)))
        if record.get("outlet") is None:
            owner = self.articles.find_one({"url": url}, {"outlet": 1})
            record["outlet"] = owner["outlet"] if owner else None
        for _ in range(MAX_ATTEMPTS):
            latest = self.versions.find_one(
                {"url": url}, {"number": 1, "fingerprint": 1}, sort=[("number", DESCENDING)]
            )
            if latest is not None and latest["fingerprint"] == record["fingerprint"]:
                # Maybe our own write, whose reply (and count update) a dropped connection
                # lost: bring the count up to date, so that a retry completes it.
                self._count_version(url, latest["number"])
                return latest["number"], False
            number = 1 if latest is None else latest["number"] + 1
            document = {"url": url, "outlet": record["outlet"], "number": number, **record}
            try:
                self.versions.insert_one(document)
            except DuplicateKeyError:
                continue  # another writer took this number: read the latest again
            self._count_version(url, number)
            return number, True
        raise StoreError(f"could not number a new version of {url} after {MAX_ATTEMPTS} tries")

    def _count_version(self, url: str, number: int) -> None:
        # $max: idempotent, and right when two writers finish out of order.
        self.articles.update_one({"url": url}, {"$max": {"version_count": number}})

    def _base(self, url: str) -> pages.Base | None:
        """The page a new version of ``url`` is stored against (a stored version never
        changes, so a writer racing this one cannot spoil it)."""
        latest = self.versions.find_one(
            {"url": url}, {"number": 1, "raw_html": 1}, sort=[("number", DESCENDING)]
        )
        if latest is None or latest.get("raw_html") is None:
            return None
        blob = (latest["number"], bytes(latest["raw_html"]))
        return pages.base_for(blob, lambda number: self._blob(url, number))

    def _blob(self, url: str, number: int) -> bytes | None:
        found = self.versions.find_one({"url": url, "number": number}, {"raw_html": 1})
        if found is None or found.get("raw_html") is None:
            return None
        return bytes(found["raw_html"])

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
            raise StoreCorrupt(
                f"MongoDB at {codec.mask_uri(self.uri)}: the stored page of version {number} "
                f"of {url} cannot be read ({exc})"
            ) from exc

    # -- changes ---------------------------------------------------------------------
    @guarded
    def add_change(self, change: Record) -> bool:
        url, to_version = change.get("url"), change.get("to_version")
        codec.require_str("url", url)
        codec.require_int("to_version", to_version)
        document = codec.normalise({k: v for k, v in change.items() if k != "_id"})
        try:
            self.changes.insert_one(document)
        except DuplicateKeyError:
            return False
        # $max with a fresh count: right even when two writers finish out of order.
        count = self.changes.count_documents({"url": url})
        self.articles.update_one({"url": url}, {"$max": {"change_count": count}})
        return True

    @guarded
    def get_change(self, url: str, to_version: int) -> Record | None:
        codec.require_str("url", url)
        codec.require_int("to_version", to_version)
        return self.changes.find_one({"url": url, "to_version": to_version}, NO_ID)

    @guarded
    def versions_missing_change(self, url: str) -> list[int]:
        codec.require_str("url", url)
        have = set(self.changes.distinct("to_version", {"url": url}))
        numbers = self.versions.find({"url": url, "number": {"$gt": 1}}, {"number": 1})
        return sorted(n for n in (d["number"] for d in numbers) if n not in have)

    @staticmethod
    def _change_filter(**filters: str | None) -> Record:
        query: Record = {}
        for name, value in filters.items():
            codec.require_str(name, value, optional=True)
            if value is None:
                continue
            if name == "kind":
                query["kinds"] = value
            elif name == "query":
                fields = ("title", "added_text", "removed_text")
                query["$or"] = [{field: _literal(value)} for field in fields]
            else:
                query[name] = value
        return query

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
        if limit == 0:
            return []
        found = self._change_filter(
            url=url, outlet=outlet, significance=significance, kind=kind, query=query
        )
        if uncorrected is not None:
            found["uncorrected"] = bool(uncorrected)
        fields = NO_ID if full else {**NO_ID, **dict.fromkeys(LIST_OMITS, 0)}
        cursor = self.changes.find(found, fields).sort([("detected", DESCENDING)])
        return list(cursor.skip(skip).limit(limit))

    @guarded
    def count_changes(self, outlet: str | None = None, url: str | None = None) -> int:
        return self.changes.count_documents(self._change_filter(outlet=outlet, url=url))

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
        if not self._events_copied:
            self._events_copied = mongo_events.copied(self._db)
        read = mongo_events.page if self._events_copied else mongo_events.scan
        return read(self._db, wanted, outlet, skip, limit)

    @guarded
    def change_ages(self, outlet: str, limit: int = 500) -> list[Record]:
        codec.require_str("outlet", outlet)
        if limit <= 0:
            return []
        changes = list(
            self.changes.find({"outlet": outlet}, {"_id": 0, "url": 1, "detected": 1})
            .sort([("detected", DESCENDING)])
            .limit(limit)
        )
        urls = list({change["url"] for change in changes})
        articles = {
            a["url"]: a
            for a in self.articles.find(
                {"url": {"$in": urls}}, {"_id": 0, "url": 1, "published": 1, "first_seen": 1}
            )
        }
        found = []
        for change in changes:
            article = articles.get(change["url"])
            if article is not None:
                found.append(
                    {
                        "url": change["url"],
                        "detected": change.get("detected"),
                        "published": article.get("published"),
                        "first_seen": article.get("first_seen"),
                    }
                )
        return found

    # -- outlet state ----------------------------------------------------------------
    @guarded
    def outlet_state(self, outlet: str) -> Record:
        codec.require_str("outlet", outlet)
        return self.outlet_states.find_one({"outlet": outlet}, NO_ID) or {"outlet": outlet}

    @guarded
    def update_outlet_state(self, outlet: str, fields: Record, inc: Record | None = None) -> None:
        codec.require_str("outlet", outlet)
        fields = codec.normalise(fields)
        for key in ("outlet", "_id"):
            if key in fields:
                raise ValueError(f"{key} cannot be changed")
        for key, amount in (inc or {}).items():
            if not isinstance(amount, int | float) or isinstance(amount, bool):
                raise ValueError(f"inc[{key!r}] must be a number")
        update: Record = {"$setOnInsert": {"outlet": outlet}}
        update.update({op: value for op, value in (("$set", fields), ("$inc", inc)) if value})
        try:
            self.outlet_states.update_one({"outlet": outlet}, update, upsert=True)
        except DuplicateKeyError:
            # Two writers created the same outlet's record; ours lost, so it now exists.
            self.outlet_states.update_one({"outlet": outlet}, update, upsert=True)

    # -- search and health -----------------------------------------------------------
    @guarded
    def search_articles(self, query: str, skip: int = 0, limit: int = 50) -> list[Record]:
        codec.require_str("query", query)
        if limit == 0:
            return []
        cursor = self.articles.find({"title": _literal(query)}, NO_ID)
        cursor = cursor.sort([("last_changed", DESCENDING)]).skip(skip).limit(limit)
        return list(cursor)

    def _count_by_outlet(self, collection: Collection[Record]) -> dict[str, int]:
        groups = collection.aggregate([{"$group": {"_id": "$outlet", "n": {"$sum": 1}}}])
        return {group["_id"]: group["n"] for group in groups}

    @guarded
    def outlet_counts(self) -> tuple[dict[str, int], dict[str, int], list[str]]:
        articles = self._count_by_outlet(self.articles)
        changes = self._count_by_outlet(self.changes)
        return articles, changes, self.runs.distinct("outlet")

    @guarded
    def record_run(self, run: Record) -> None:
        codec.require_str("id", run.get("id"))
        document = codec.normalise({k: v for k, v in run.items() if k != "_id"})
        try:
            self.runs.replace_one({"id": run["id"]}, document, upsert=True)
        except DuplicateKeyError:
            self.runs.replace_one({"id": run["id"]}, document, upsert=True)

    @guarded
    def list_runs(self, outlet: str | None = None, limit: int = 20) -> list[Record]:
        codec.require_str("outlet", outlet, optional=True)
        if limit == 0:
            return []
        cursor = self.runs.find({} if outlet is None else {"outlet": outlet}, NO_ID)
        return list(cursor.sort([("started", DESCENDING)]).limit(limit))

    # -- streaming reads (export, alerts) -------------------------------------------
    def iter_changes(
        self,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        batch: int = 500,
    ) -> Iterator[Record]:
        query = _range("detected", outlet, since, until)
        cursor = self.changes.find(query, NO_ID).sort("detected", ASCENDING).batch_size(batch)
        return _translated(self, cursor)

    def iter_versions(
        self,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        batch: int = 200,
    ) -> Iterator[Record]:
        query = _range("fetched", outlet, since, until)
        order = [("url", ASCENDING), ("number", ASCENDING)]
        cursor = self.versions.find(query, NO_HTML).sort(order).batch_size(batch)
        return map(codec.unpack_text, _translated(self, cursor))

    @guarded
    def gone_articles(self, since: datetime) -> list[Record]:
        query = {"status": "gone", "last_checked": {"$gte": codec.utc(since)}}
        return list(self.articles.find(query, NO_ID).sort("last_checked", ASCENDING))

    # -- alerts ----------------------------------------------------------------------
    @guarded
    def claim_alert(
        self, key: str, destination: str, url: str, now: datetime, lease: float
    ) -> Record | None:
        for name, value in (("key", key), ("destination", destination), ("url", url)):
            codec.require_str(name, value)
        now = codec.utc(now)
        record = {"key": key, "destination": destination, "url": url, "status": "sending",
                  "attempts": 0, "claimed": now, "sent": None, "next_try": None,
                  "error": None}  # fmt: skip
        try:
            self.alerts.insert_one(dict(record))
            return record
        except DuplicateKeyError:
            pass  # known already: take it over only if it is free
        free = {
            "key": key,
            "destination": destination,
            "$or": [
                {"status": "failed", "next_try": {"$lte": now}},
                {"status": "sending", "claimed": {"$lte": now - timedelta(seconds=lease)}},
            ],
        }
        return self.alerts.find_one_and_update(
            free,
            {"$set": {"status": "sending", "claimed": now}},
            projection=NO_ID,
            return_document=ReturnDocument.AFTER,
        )

    @guarded
    def finish_alert(self, key: str, destination: str, fields: Record) -> None:
        codec.require_str("key", key)
        codec.require_str("destination", destination)
        update = {k: v for k, v in codec.normalise(fields).items() if k not in ("_id", "key")}
        result = self.alerts.update_one(
            {"key": key, "destination": destination},
            {"$set": update, "$inc": {"attempts": 1}},
        )
        if result.matched_count == 0:
            raise StoreError(f"no alert {key} for {destination} to finish")

    @guarded
    def get_alert(self, key: str, destination: str) -> Record | None:
        codec.require_str("key", key)
        codec.require_str("destination", destination)
        return self.alerts.find_one({"key": key, "destination": destination}, NO_ID)

    @guarded
    def list_alerts(
        self, destination: str | None = None, status: str | None = None, limit: int = 100
    ) -> list[Record]:
        query: Record = {}
        for name, value in (("destination", destination), ("status", status)):
            codec.require_str(name, value, optional=True)
            if value is not None:
                query[name] = value
        if limit == 0:
            return []
        cursor = self.alerts.find(query, NO_ID).sort("claimed", DESCENDING).limit(limit)
        return list(cursor)
