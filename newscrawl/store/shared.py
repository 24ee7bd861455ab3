"""One store per crawl: the spider, the pipelines and the run log share one open store."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from scrapy.crawler import Crawler

from newscrawl.store import Store, open_store

ATTRIBUTE = "newscrawl_stores"


@dataclass
class _Holder:
    lock: threading.Lock = field(default_factory=threading.Lock)
    store: Store | None = None
    users: int = 0


def acquire(crawler: Crawler, uri: str) -> Store:
    """The crawl's store for ``uri``, opened (and integrity-checked) by the first caller;
    every caller calls ``release`` once when done with it. Safe from any thread; a
    failed open raises ``StoreError`` and leaves the next caller to try again."""
    holders: dict[str, _Holder] = crawler.__dict__.setdefault(ATTRIBUTE, {})
    holder = holders.setdefault(uri, _Holder())
    with holder.lock:
        if holder.store is None:
            holder.store = open_store(uri)
            if crawler.stats is not None:
                crawler.stats.inc_value("newscrawl/store_opens")
        holder.users += 1
        return holder.store


def release(crawler: Crawler, uri: str) -> None:
    """One user is done with the store; the last one closes it."""
    holder = crawler.__dict__.get(ATTRIBUTE, {}).get(uri)
    if holder is None:
        return
    with holder.lock:
        holder.users -= 1
        if holder.users <= 0 and holder.store is not None:
            store, holder.store, holder.users = holder.store, None, 0
            store.close()
