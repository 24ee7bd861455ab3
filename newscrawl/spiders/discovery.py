"""Finding new article URLs in an outlet's news sitemaps, RSS/Atom feeds and fronts."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from newscrawl.middlewares.deltafetch import article_key
from newscrawl.signals import SOURCES, Signal, Trust, announces_change, feed_signal, sitemap_signal
from newscrawl.spiders.feeds import feed_entries
from newscrawl.threads import in_thread

# Tracked articles looked up in the store per query when a listing is read.
LOOKUP_BATCH = 500


class DiscoveryMixin:
    """Reads ``sitemap_paths``, ``feed_paths`` and ``front_paths`` under ``site`` and
    requests the article URLs found there that the store does not track yet. Which URLs
    are articles is the outlet spider's ``article_path`` / ``live_path`` /
    ``excluded_path``.

    A tracked article whose sitemap ``<lastmod>`` or feed ``<updated>`` /
    ``dc:modified`` is later than its last check, and that is not due anyway, is
    re-checked now, as many as the outlet's trust in that source allows
    (``newscrawl.signals.Trust``; ``NEWSCRAWL_SIGNALS`` switches this off). Each batch
    of entries costs one store lookup."""

    site: str
    sitemap_paths: tuple[str, ...] = ()
    feed_paths: tuple[str, ...] = ()
    front_paths: tuple[str, ...] = ()
    article_path: re.Pattern[str] = re.compile(r"(?!)")
    """Matches the path of an article URL."""
    live_path: re.Pattern[str] = re.compile(r"(?!)")
    """Matches the path of a live blog (tracked only with NEWSCRAWL_TRACK_LIVE)."""
    excluded_path: re.Pattern[str] = re.compile(r"(?!)")
    """Matches paths that are never articles (video, galleries...)."""
    # Provided by the spider: whether live blogs are tracked, the open store, the crawler,
    # and the callbacks that handle an article response or failure.
    track_live: bool
    store: Any
    crawler: Any
    parse_article: Any
    article_failed: Any
    clock: Any
    outlet: str
    article_request: Any

    def discovery_requests(self) -> Iterator[scrapy.Request]:
        for path in self.sitemap_paths:
            yield self.listing_request(self.site + path, self.parse_sitemap)
        for path in self.feed_paths:
            yield self.listing_request(self.site + path, self.parse_feed)
        for path in self.front_paths:
            yield self.listing_request(self.site + path, self.parse_front)

    def listing_request(self, url: str, callback: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.listing_failed)

    def listing_failed(self, failure: Failure) -> None:
        """A sitemap, feed or front that could not be fetched: one warning line, no
        traceback (the crawl summary says when the whole network is down)."""
        response = failure.value.response if failure.check(HttpError) else None
        kind = f"HTTP {response.status}" if response is not None else failure.type.__name__
        self.crawler.stats.inc_value(f"newscrawl/errors/{failure.type.__name__}")
        self.logger.warning("discovery from %s failed: %s", failure.request.url, kind)

    def is_article_url(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(self.site).netloc:
            return False
        path = parts.path
        if self.excluded_path.search(path):
            return False
        if self.live_path.search(path):
            return self.track_live
        return bool(self.article_path.search(path))

    async def discovered(
        self, urls: Iterable[str], signals: dict[str, Signal] | None = None
    ) -> AsyncIterator[scrapy.Request]:
        """Requests for the article URLs among ``urls`` that the store does not track,
        and re-checks of tracked ones whose entry in ``signals`` announces a change."""
        candidates = list(dict.fromkeys(u.split("#")[0] for u in urls if self.is_article_url(u)))
        announced = {u.split("#")[0]: s for u, s in (signals or {}).items()}
        # A sitemap may list 50,000 URLs: the store's records of its tracked ones are
        # read a batch at a time, never all at once.
        for start in range(0, len(candidates), LOOKUP_BATCH):
            batch = candidates[start : start + LOOKUP_BATCH]
            known = await in_thread(self.store.get_articles, batch)
            for url in batch:
                if url in known:
                    signal = announced.get(url)
                    if signal is not None:
                        request = await self.signal_request(known[url], signal)
                        if request is not None:
                            yield request
                    continue
                self.crawler.stats.inc_value("newscrawl/discovered")
                yield scrapy.Request(
                    url,
                    callback=self.parse_article,
                    errback=self.article_failed,
                    meta={"deltafetch_key": article_key(url), "newscrawl_url": url},
                )

    async def signal_request(self, article: dict[str, Any], signal: Signal) -> Any:
        """A re-check of ``article`` now, if ``signal`` announces a change the schedule
        would not catch in this run and the outlet's source still has allowance."""
        settings = self.crawler.settings
        if not settings.getbool("NEWSCRAWL_SIGNALS", True):
            return None
        now = self.clock()
        url = article["url"]
        due_now = article.get("next_check") is not None and article["next_check"] <= now
        if due_now or not announces_change(article, signal, now):
            return None  # due anyway, or nothing new since the last check
        if not hasattr(self, "_signal_budget"):
            state = await in_thread(self.store.outlet_state, self.outlet)
            trust = Trust(
                state,
                strikes=settings.getint("NEWSCRAWL_SIGNAL_STRIKES", 3),
                cap=settings.getint("NEWSCRAWL_SIGNAL_CAP", 100),
                retry=timedelta(seconds=settings.getfloat("NEWSCRAWL_SIGNAL_RETRY", 7 * 86400)),
            )
            if not hasattr(self, "_signal_budget"):  # another callback may have won the race
                self._signal_budget = {source: trust.allowance(source, now) for source in SOURCES}
                self._signalled: set[str] = set()
        if url in self._signalled:
            return None
        stats = self.crawler.stats
        if self._signal_budget[signal.source] <= 0:
            stats.inc_value(f"newscrawl/signals/{signal.source}_ignored")
            return None
        self._signal_budget[signal.source] -= 1
        self._signalled.add(url)
        stats.inc_value(f"newscrawl/signals/{signal.source}")
        request = self.article_request(url, article)
        request.meta["newscrawl_signal"] = {
            "source": signal.source,
            "element": signal.element,
            "modified": signal.modified,
            "detail": signal.describe(),
        }
        return request

    def closed(self, reason: str) -> None:
        if self.store is not None:
            self.store.close()

    async def parse_sitemap(self, response: Response) -> AsyncIterator[scrapy.Request]:
        body = response.body
        if gzip_magic_number(response):
            # A .xml.gz sitemap served as a file, not with Content-Encoding (the NYT's).
            body = gunzip(body, max_size=self.max_size or 0)
        entries = list(Sitemap(body)) if body.strip() else []
        nested = [
            e["loc"] for e in entries if "loc" in e and e["loc"].endswith((".xml", ".xml.gz"))
        ]
        for loc in nested:
            yield self.listing_request(urljoin(response.url, loc), self.parse_sitemap)
        located = [(urljoin(response.url, e["loc"]), e) for e in entries if "loc" in e]
        signals = {url: sitemap_signal(e) for url, e in located}
        found = {url: signal for url, signal in signals.items() if signal is not None}
        async for request in self.discovered((url for url, _ in located), found):
            yield request

    async def parse_feed(self, response: Response) -> AsyncIterator[scrapy.Request]:
        entries = feed_entries(response.body)
        linked = [(urljoin(response.url, e["link"]), e) for e in entries if e.get("link")]
        signals = {url: feed_signal(e) for url, e in linked}
        found = {url: signal for url, signal in signals.items() if signal is not None}
        async for request in self.discovered((url for url, _ in linked), found):
            yield request

    async def parse_front(self, response: Response) -> AsyncIterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        links = [response.urljoin(href) for href in response.css("a::attr(href)").getall()]
        async for request in self.discovered(links):
            yield request
