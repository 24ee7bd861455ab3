"""How the MongoDB store lists article events across articles, newest first.

Each event is also a document of the ``events`` collection, keyed by (url, seq), seq
being its place in the article's own ``events`` list. A page reads each kind asked for
from its own index range (at most ``skip + limit`` documents) and merges them, so it
costs its size whatever the store holds. A database written before that collection gets
its events copied in when a crawl (or anything that may write) first opens it; the
``meta`` collection records that, and until then readers scan the articles instead.

Adding an event takes two writes (the article's list, then the ``events`` document). A
note in ``events_pending`` covers the gap: written before, deleted after, so a writer
that dies between the two leaves it, and the next one to open the store files that
article's events again (``file_pending``)."""

from __future__ import annotations

import heapq
import itertools
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from pymongo import ASCENDING, DESCENDING, UpdateOne
from pymongo.database import Database

from newscrawl.store.base import Record

NEWEST = [("time", DESCENDING), ("url", DESCENDING), ("seq", DESCENDING)]
INDEXES: list[tuple[list[tuple[str, int]], bool]] = [
    ([("url", ASCENDING), ("seq", ASCENDING)], True),
    (NEWEST, False),
    ([("outlet", ASCENDING), *NEWEST], False),
    ([("kind", ASCENDING), *NEWEST], False),
    ([("outlet", ASCENDING), ("kind", ASCENDING), *NEWEST], False),
]
MARK = {"_id": "events"}
BATCH = 500
PENDING = "events_pending"
# A note this old belongs to a writer that died: a live one deletes its note within the
# two writes it covers.
STALE = timedelta(minutes=1)


def keep(url: str, outlet: str, seq: int, event: Record) -> UpdateOne:
    """The write that files one event; writing it twice leaves one document. (An
    inserted document takes ``url`` and ``seq`` from the filter.)"""
    document = {k: v for k, v in event.items() if k not in ("url", "seq")}
    document["outlet"] = outlet
    return UpdateOne({"url": url, "seq": seq}, {"$setOnInsert": document}, upsert=True)


def begin(db: Database[Record], url: str) -> str:
    """Note that an event of ``url`` is being added; returns the note's id for ``done``."""
    note = uuid.uuid4().hex
    db[PENDING].insert_one({"_id": note, "url": url, "since": datetime.now(UTC)})
    return note


def done(db: Database[Record], note: str) -> None:
    db[PENDING].delete_one({"_id": note})


def file_pending(db: Database[Record], stale: timedelta = STALE) -> int:
    """File every event of the articles that writers which died left noted (notes older
    than ``stale``); returns how many notes were settled. Safe to repeat."""
    notes = list(db[PENDING].find({"since": {"$lt": datetime.now(UTC) - stale}}))
    if not notes:
        return 0
    wanted = {"_id": 0, "url": 1, "outlet": 1, "events": 1}
    urls = list({note["url"] for note in notes})
    ops = [
        keep(article["url"], article["outlet"], seq, event)
        for article in db["articles"].find({"url": {"$in": urls}}, wanted)
        for seq, event in enumerate(article.get("events") or [])
    ]
    for start in range(0, len(ops), BATCH):
        db["events"].bulk_write(ops[start : start + BATCH], ordered=False)
    db[PENDING].delete_many({"_id": {"$in": [note["_id"] for note in notes]}})
    return len(notes)


def copied(db: Database[Record]) -> bool:
    return db["meta"].find_one(MARK) is not None


def copy_article_events(db: Database[Record]) -> None:
    """File every event of every article (once per database; safe to repeat, and to run
    beside a crawl adding events)."""
    if copied(db):
        return
    ops: list[UpdateOne] = []
    wanted = {"_id": 0, "url": 1, "outlet": 1, "events": 1}
    for article in db["articles"].find({"events.0": {"$exists": True}}, wanted):
        for seq, event in enumerate(article["events"]):
            ops.append(keep(article["url"], article["outlet"], seq, event))
        if len(ops) >= BATCH:
            db["events"].bulk_write(ops, ordered=False)
            ops = []
    if ops:
        db["events"].bulk_write(ops, ordered=False)
    db["meta"].update_one(MARK, {"$set": {"copied": datetime.now(UTC)}}, upsert=True)


def page(
    db: Database[Record], kinds: list[str] | None, outlet: str | None, skip: int, limit: int
) -> list[Record]:
    """One page of events from the ``events`` collection, with each article's title."""
    base: Record = {} if outlet is None else {"outlet": outlet}
    queries = [base] if kinds is None else [{**base, "kind": k} for k in dict.fromkeys(kinds)]
    streams = [
        list(db["events"].find(q, {"_id": 0}).sort(NEWEST).limit(skip + limit)) for q in queries
    ]
    merged: Iterator[Record] = heapq.merge(
        *streams, key=lambda e: (e["time"], e["url"], e["seq"]), reverse=True
    )
    found = list(itertools.islice(merged, skip, skip + limit))
    urls = list({e["url"] for e in found})
    titles = {
        a["url"]: a.get("title")
        for a in db["articles"].find({"url": {"$in": urls}}, {"_id": 0, "url": 1, "title": 1})
    }
    return [
        {
            "url": e["url"],
            "outlet": e["outlet"],
            "title": titles.get(e["url"]),
            **{k: v for k, v in e.items() if k not in ("url", "outlet", "seq")},
        }
        for e in found
    ]


def scan(
    db: Database[Record], kinds: list[str] | None, outlet: str | None, skip: int, limit: int
) -> list[Record]:
    """The same page read from the articles' own event lists (before the copy)."""
    articles: Record = {"events.0": {"$exists": True}}
    events: Record = {}
    if outlet is not None:
        articles["outlet"] = outlet
    if kinds is not None:
        articles["events.kind"] = {"$in": kinds}
        events["events.kind"] = {"$in": kinds}
    pipeline: list[Record] = [
        {"$match": articles},
        {"$project": {"_id": 0, "url": 1, "outlet": 1, "title": 1, "events": 1}},
        {"$unwind": {"path": "$events", "includeArrayIndex": "index"}},
        {"$match": events},
        {"$sort": {"events.time": -1, "url": -1, "index": -1}},
        {"$skip": skip},
        {"$limit": limit},
    ]
    return [
        {"url": d["url"], "outlet": d["outlet"], "title": d.get("title"), **d["events"]}
        for d in db["articles"].aggregate(pipeline)
    ]
