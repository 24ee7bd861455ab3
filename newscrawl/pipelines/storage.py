"""What the store-writing pipelines share: opening the store, and retrying it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import reactor, task
from twisted.internet.defer import Deferred

from newscrawl.clock import clock_from_settings
from newscrawl.outlets import Extractor, NotAnArticle
from newscrawl.outlets.declarations import load_outlets
from newscrawl.store import (
    Record,
    Store,
    StoreError,
    StoreUnavailable,
    resolve_store_uri,
    shared,
)
from newscrawl.threads import in_thread

logger = logging.getLogger(__name__)
T = TypeVar("T")


# Close reasons, and the stats that say the store was given up on in this run.
LOST = {"store_unavailable": "unreachable", "store_failed": "unwritable"}


class StoreLost(Exception):
    """The store was given up on earlier in this run: nothing more is written."""


class StorePipeline:
    """Base of the pipelines that read and write the store.

    The crawl's one store (``newscrawl.store.shared``) is taken in ``open_spider``; if
    it cannot be opened, the crawl stops at once (``CloseSpider``) with a message naming
    the URI. Every store call runs in a thread.

    - An unreachable store (``StoreUnavailable``) is retried ``NEWSCRAWL_STORE_RETRIES``
      times; the first item that exhausts its retries closes the crawl with reason
      ``store_unavailable``.
    - A store that answers but cannot write (read-only file, disk full, damaged file)
      closes the crawl at once with reason ``store_failed``: retrying cannot help.

    From then on every item of the run, in flight or still to come, is dropped without
    touching the store and logged as not recorded. Since nothing about those checks was
    recorded (a due article keeps its ``next_check``, a new one is not remembered by
    deltafetch), the next run does them again. Both reasons make ``scrapy crawl`` exit 1."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.uri = resolve_store_uri(settings=settings)
        self.retries = settings.getint("NEWSCRAWL_STORE_RETRIES")
        self.retry_delay = settings.getfloat("NEWSCRAWL_STORE_RETRY_DELAY")
        self.clock = clock_from_settings(settings)
        self.store: Store | None = None
        self._outage: list[Deferred[None]] | None = None  # items waiting on a probe
        self.outlets = load_outlets(settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    async def open_spider(self) -> None:
        try:
            self.store = await in_thread(shared.acquire, self.crawler, self.uri)
        except StoreError as exc:
            logger.error("newscrawl cannot start: %s", exc)
            raise CloseSpider("store_unavailable") from exc

    async def close_spider(self) -> None:
        if self.store is not None:
            self.store = None
            await in_thread(shared.release, self.crawler, self.uri)

    def lost(self) -> bool:
        """Whether a pipeline of this crawl has given up on the store (shared through
        the crawl's stats, which every pipeline of the crawl sees)."""
        return any(self.stats.get_value(f"newscrawl/errors/{reason}") for reason in LOST)

    async def call(self, func: Callable[..., T], *args: Any, url: str = "") -> T:
        """``func(*args)`` off the reactor, retried while the store is unreachable.

        One item at a time probes an unreachable store; the others wait for its verdict
        instead of retrying (and warning) on their own, so an outage costs one item's
        retries, and the run ends as soon as that item gives up."""
        failures = 0
        while True:
            if self._outage is not None:
                waiter: Deferred[None] = Deferred()
                self._outage.append(waiter)
                await maybe_deferred_to_future(waiter)
            try:
                return await in_thread(self._unless_lost, func, *args)
            except StoreLost:
                self._not_recorded(url)
            except StoreUnavailable as exc:
                failures += 1
                if failures > self.retries or self.lost():
                    self._give_up("store_unavailable", exc, url)
                if self._outage is None:
                    await self._probe(exc, url)
            except StoreError as exc:
                self._give_up("store_failed", exc, url)

    async def _probe(self, exc: StoreError, url: str) -> None:
        """Ping the store with growing delays until it answers (return: the caller tries
        again) or the retries are spent (give up); then release the waiting items."""
        self._outage = []
        delay = self.retry_delay
        try:
            for _ in range(self.retries):
                logger.warning("store unreachable (%s); retrying in %.1fs", exc, delay)
                await maybe_deferred_to_future(task.deferLater(reactor, delay, lambda: None))
                delay *= 2
                try:
                    await in_thread(self._ping)
                    return
                except StoreUnavailable as again:
                    exc = again
                except StoreError as broken:
                    self._give_up("store_failed", broken, url)
            self._give_up("store_unavailable", exc, url)
        finally:
            waiting, self._outage = self._outage, None
            for waiter in waiting:
                waiter.callback(None)

    def _ping(self) -> None:
        assert self.store is not None
        self.store.ping()

    def _unless_lost(self, func: Callable[..., T], *args: Any) -> T:
        # Checked in the worker thread, so calls queued behind a dead store's timeouts
        # do not each wait for their own timeout once the run has given up.
        if self.lost():
            raise StoreLost
        return func(*args)

    def _give_up(self, reason: str, exc: StoreError, url: str) -> None:
        if self.lost():
            self._not_recorded(url)
        self.stats.inc_value(f"newscrawl/errors/{reason}")
        tried = f"after {self.retries} retries " if reason == "store_unavailable" else ""
        logger.error(
            "store %s %s(%s): the check of %s was NOT recorded and will be redone by the "
            "next run; closing the crawl",
            LOST[reason],
            tried,
            exc,
            url,
        )
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))
        raise DropItem(f"not stored, store {LOST[reason]}: {url}", log_level="DEBUG") from exc

    def _not_recorded(self, url: str) -> None:
        self.stats.inc_value("newscrawl/not_recorded")
        logger.error(
            "the check of %s was NOT recorded (the store was lost earlier in this run); "
            "the next run redoes it",
            url,
        )
        raise DropItem(f"not stored, store lost: {url}", log_level="DEBUG")

    def extractor(self, outlet: str) -> Extractor:
        """The extractor of a stored version's outlet (declared, per-host, or a module)."""
        return self.outlets.extractor(outlet)

    def current_fields(self, store: Store, version: Record) -> Record:
        """A stored version as the current extractor sees it: re-extracted from its raw
        HTML when an older extractor produced it, so an upgrade makes no fake diff."""
        extractor = self.extractor(version["outlet"])
        if version.get("extractor") == extractor.ident:
            return version
        html = store.raw_html(version["url"], version["number"])
        if not html:
            return version
        try:
            fields = extractor.extract(html, version["url"])
        except NotAnArticle:
            return version
        fields.pop("url", None)
        return {**version, **fields}
