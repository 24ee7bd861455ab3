"""scrapy-deltafetch, adapted so that an article counts as seen only once it is stored."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy_deltafetch import DeltaFetch
from w3lib.url import canonicalize_url

from newscrawl.items import CheckItem
from newscrawl.middlewares.keydb import KeyDB


def article_key(url: str) -> str:
    """The deltafetch key of an article URL: canonical form, without fragment."""
    return canonicalize_url(url)


class ArticleDeltaFetch(DeltaFetch):
    """Skips discovered requests whose key is already in the deltafetch database.

    Unlike the stock middleware, a key is recorded when an item has passed every
    pipeline (``item_scraped``), not when the callback yields it, and only when the
    store tracks its URL: the pipelines drop what could not be stored (store down
    mid-crawl) and mark a check of a page the store does not track (``tracked=False``:
    a discovered page that was a 404 or not yet an article), so such pages are
    discovered, and fetched, again by the next run.
    Re-checks set ``deltafetch_enabled = False`` and are never skipped."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleDeltaFetch:
        middleware = super().from_crawler(crawler)
        middleware.crawler = crawler
        crawler.signals.connect(middleware.item_scraped, signal=signals.item_scraped)
        return middleware

    def spider_opened(self, spider: Any) -> None:
        """Opens the keys in SQLite (``KeyDB``) rather than ``dbm``, whose fallback
        ``dbm.dumb`` reads its whole index on every open; same file name as before."""
        folder = Path(self.dir)
        folder.mkdir(parents=True, exist_ok=True)
        reset = self.reset or getattr(spider, "deltafetch_reset", False)
        self.db = KeyDB(folder / f"{spider.name}.db", "n" if reset else "c")

    def item_scraped(self, item: Any, response: Response) -> None:
        request = response.request
        if request is None or not self._is_enabled_for_request(request):
            return
        if isinstance(item, CheckItem) and not item.get("tracked"):
            return
        self.db[self._get_key(request)] = str(time.time())
        self.stats.inc_value("deltafetch/stored")

    def _skip(self, request: Request) -> bool:
        if self._is_enabled_for_request(request) and self._get_key(request) in self.db:
            self.stats.inc_value("deltafetch/skipped")
            return True
        return False

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        for entry in result:
            if isinstance(entry, Request) and self._skip(entry):
                continue
            yield entry

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for entry in result:
            if isinstance(entry, Request) and self._skip(entry):
                continue
            yield entry
