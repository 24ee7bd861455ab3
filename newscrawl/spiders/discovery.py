"""Finding new article URLs in an outlet's news sitemaps, RSS/Atom feeds and fronts."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from newscrawl.middlewares.deltafetch import article_key
from newscrawl.threads import in_thread


class DiscoveryMixin:
    """Reads ``sitemap_paths``, ``feed_paths`` and ``front_paths`` under ``site`` and
    requests the article URLs found there that the store does not track yet. Which URLs
    are articles is the outlet spider's ``article_path`` / ``live_path`` /
    ``excluded_path``."""

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

    async def discovered(self, urls: Iterable[str]) -> AsyncIterator[scrapy.Request]:
        """Requests for the article URLs among ``urls`` that the store does not track."""
        candidates = list(dict.fromkeys(u.split("#")[0] for u in urls if self.is_article_url(u)))
        known = await in_thread(self._known_urls, candidates)
        for url in candidates:
            if url in known:
                continue
            self.crawler.stats.inc_value("newscrawl/discovered")
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.article_failed,
                meta={"deltafetch_key": article_key(url), "newscrawl_url": url},
            )

    def _known_urls(self, urls: list[str]) -> set[str]:
        return {url for url in urls if self.store.get_article(url) is not None}

    def closed(self, reason: str) -> None:
        if self.store is not None:
            self.store.close()

    async def parse_sitemap(self, response: Response) -> AsyncIterator[scrapy.Request]:
        entries = list(Sitemap(response.body)) if response.body.strip() else []
        nested = [e["loc"] for e in entries if "loc" in e and e["loc"].endswith(".xml")]
        for loc in nested:
            yield self.listing_request(urljoin(response.url, loc), self.parse_sitemap)
        async for request in self.discovered(
            urljoin(response.url, e["loc"]) for e in entries if "loc" in e
        ):
            yield request

    async def parse_feed(self, response: Response) -> AsyncIterator[scrapy.Request]:
        feed = feedparser.parse(response.body)
        links = [urljoin(response.url, e.get("link", "")) for e in feed.entries if e.get("link")]
        async for request in self.discovered(links):
            yield request

    async def parse_front(self, response: Response) -> AsyncIterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        links = [response.urljoin(href) for href in response.css("a::attr(href)").getall()]
        async for request in self.discovered(links):
            yield request
