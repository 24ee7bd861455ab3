"""What the store-writing pipelines share: opening the store, and retrying it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import reactor, task

from newscrawl.clock import clock_from_settings
from newscrawl.outlets import Extractor, NotAnArticle, get_extractor
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


class StorePipeline:
    """Base of the pipelines that read and write the store.

    The crawl's one store (``newscrawl.store.shared``) is taken in ``open_spider``; if
    it cannot be opened, the crawl stops at once (``CloseSpider``) with a message naming
    the URI. Every store call runs in a thread
    and is retried ``NEWSCRAWL_STORE_RETRIES`` times when the store is unreachable;
    after that the item is dropped with an error, the crawl is closed with reason
    ``store_unavailable`` and, since nothing about the check was recorded, the next run
    checks the article again."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.uri = resolve_store_uri(settings=settings)
        self.retries = settings.getint("NEWSCRAWL_STORE_RETRIES")
        self.retry_delay = settings.getfloat("NEWSCRAWL_STORE_RETRY_DELAY")
        self.clock = clock_from_settings(settings)
        self.store: Store | None = None
        self._extractors: dict[str, Extractor] = {}

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

    async def call(self, func: Callable[..., T], *args: Any, url: str = "") -> T:
        """``func(*args)`` off the reactor, retried while the store is unreachable."""
        delay = self.retry_delay
        for attempt in range(self.retries + 1):
            try:
                return await in_thread(func, *args)
            except StoreUnavailable as exc:
                if attempt == self.retries:
                    self._give_up(exc, url)
                logger.warning("store unreachable (%s); retrying in %.1fs", exc, delay)
                await maybe_deferred_to_future(task.deferLater(reactor, delay, lambda: None))
                delay *= 2
        raise AssertionError("unreachable")

    def _give_up(self, exc: StoreError, url: str) -> None:
        self.stats.inc_value("newscrawl/errors/store_unavailable")
        logger.error(
            "store lost after %d retries (%s): the check of %s was NOT recorded and will be "
            "redone by the next run; closing the crawl",
            self.retries,
            exc,
            url,
        )
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="store_unavailable"))
        raise DropItem(f"not stored, store unavailable: {url}") from exc

    def extractor(self, outlet: str) -> Extractor:
        if outlet not in self._extractors:
            self._extractors[outlet] = get_extractor(outlet)
        return self._extractors[outlet]

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
