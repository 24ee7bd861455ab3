"""How many requests wait in the scheduler, so that the due queue is read no faster."""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task

# Due articles read from the store per batch, and the most requests left waiting in the
# scheduler before the next batch is read.
DUE_BATCH = 500


class Backlog:
    """Counts requests between ``request_scheduled`` and leaving the scheduler (reaching
    the downloader, or dropped). Scrapy drains ``start()`` into the scheduler as fast as
    it yields, so without this a crawl holds one Request per due article at once."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.waiting = 0
        crawler.signals.connect(self._scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self._left, signal=signals.request_reached_downloader)
        crawler.signals.connect(self._left, signal=signals.request_dropped)

    def _scheduled(self, **kwargs: Any) -> None:
        self.waiting += 1

    def _left(self, **kwargs: Any) -> None:
        self.waiting -= 1

    async def below(self, limit: int, pause: float = 0.05) -> None:
        """Return once at most ``limit`` requests wait (or the crawl is stopping)."""
        # Imported here: spider modules load before Scrapy installs its reactor.
        from twisted.internet import reactor

        while self.waiting > limit and self.crawler.crawling:
            await maybe_deferred_to_future(task.deferLater(reactor, pause, lambda: None))
