"""The base spider: discovery, due re-checks and response handling shared by every outlet.

An outlet spider only states its crawl strategy: its site, where to discover articles
and which URL paths are articles. Extraction lives in ``newscrawl.outlets``."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from newscrawl.clock import Clock, clock_from_settings
from newscrawl.items import ArticleItem, CheckItem
from newscrawl.middlewares.deltafetch import article_key
from newscrawl.outlets import NotAnArticle, get_extractor
from newscrawl.store import Store, StoreError, open_store, resolve_store_uri
from newscrawl.threads import in_thread

GONE_STATUSES = (404, 410)


def parse_flag(value: Any, default: bool) -> bool:
    """A spider argument or setting read as a boolean (``1``/``0``, ``true``/``false``)."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"expected 0 or 1, got {value!r}")


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """``"i/n"`` as ``(i, n)`` with ``0 <= i < n``; None when unset."""
    if not value:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not match or not 0 <= int(match[1]) < int(match[2]):
        raise ValueError(f"shard must look like i/n with 0 <= i < n, got {value!r}")
    return int(match[1]), int(match[2])


def looks_truncated(body: bytes) -> bool:
    """True when an HTML body ends before its closing ``</html>``: a cut-off download
    would otherwise look like an article that lost its last paragraphs."""
    return b"</html" not in body[-8192:].lower()


class NewsSpider(scrapy.Spider):
    """Discovers new articles of one outlet and re-checks the ones that are due.

    Spider arguments: ``urls`` (comma-separated article URLs to check now, skipping
    discovery), ``discover=0|1``, ``recheck=0|1``, ``site`` (root URL to discover from,
    e.g. a local replay), ``shard=i/n`` (re-check only this share of due articles)."""

    site: str = ""
    """Root URL of the outlet (``https://www.theguardian.com``)."""
    sitemap_paths: tuple[str, ...] = ()
    feed_paths: tuple[str, ...] = ()
    front_paths: tuple[str, ...] = ()
    article_path: re.Pattern[str] = re.compile(r"(?!)")
    """Matches the path of an article URL."""
    live_path: re.Pattern[str] = re.compile(r"(?!)")
    """Matches the path of a live blog (tracked only with NEWSCRAWL_TRACK_LIVE)."""
    excluded_path: re.Pattern[str] = re.compile(r"(?!)")
    """Matches paths that are never articles (video, galleries...)."""

    def __init__(
        self,
        *args: Any,
        urls: str | None = None,
        discover: str | None = None,
        recheck: str | None = None,
        site: str | None = None,
        shard: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.urls = [u.strip() for u in (urls or "").split(",") if u.strip()]
        self.discover_arg = discover
        self.recheck_arg = recheck
        if site:
            self.site = site.rstrip("/")
        self.shard = parse_shard(shard)
        self.extractor = get_extractor(self.outlet)

    @property
    def outlet(self) -> str:
        return self.name

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.clock = clock_from_settings(settings)
        spider.store_uri = resolve_store_uri(settings=settings)
        spider.track_live = settings.getbool("NEWSCRAWL_TRACK_LIVE")
        spider.max_due = settings.getint("NEWSCRAWL_MAX_DUE")
        spider.do_discover = not spider.urls and parse_flag(
            spider.discover_arg, settings.getbool("NEWSCRAWL_DISCOVER")
        )
        spider.do_recheck = not spider.urls and parse_flag(
            spider.recheck_arg, settings.getbool("NEWSCRAWL_RECHECK")
        )
        return spider

    clock: Clock
    store_uri: str
    store: Store | None = None

    # -- start -----------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        try:
            self.store = await in_thread(open_store, self.store_uri)
        except StoreError as exc:
            self.logger.error("cannot open the store: %s", exc)
            raise CloseSpider("store_unavailable") from exc
        store = self.store
        for url in self.urls:
            article = await in_thread(store.get_article, url)
            yield self.article_request(url, article)
        if self.do_recheck:
            due = await in_thread(
                store.due_articles, self.outlet, self.clock(), self.max_due, self.shard
            )
            self.crawler.stats.set_value("newscrawl/due", len(due))
            for article in due:
                self.crawler.stats.inc_value("newscrawl/rechecks")
                yield self.article_request(article["url"], article)
        if self.do_discover:
            for request in self.discovery_requests():
                yield request

    def discovery_requests(self) -> Iterator[scrapy.Request]:
        for path in self.sitemap_paths:
            yield scrapy.Request(self.site + path, callback=self.parse_sitemap)
        for path in self.feed_paths:
            yield scrapy.Request(self.site + path, callback=self.parse_feed)
        for path in self.front_paths:
            yield scrapy.Request(self.site + path, callback=self.parse_front)

    def article_request(self, url: str, article: dict[str, Any] | None) -> scrapy.Request:
        """A check of a known (or explicitly named) article: never skipped by deltafetch,
        never dropped as a duplicate, conditional when validators are stored."""
        headers = {}
        if article and article.get("etag"):
            headers["If-None-Match"] = article["etag"]
        if article and article.get("last_modified"):
            headers["If-Modified-Since"] = article["last_modified"]
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            headers=headers,
            dont_filter=True,
            priority=10,
            meta={"deltafetch_enabled": False, "newscrawl_url": url},
        )

    # -- discovery -------------------------------------------------------------------
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
            yield scrapy.Request(urljoin(response.url, loc), callback=self.parse_sitemap)
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
        if not isinstance(response, scrapy.http.TextResponse):
            return
        links = [response.urljoin(href) for href in response.css("a::attr(href)").getall()]
        async for request in self.discovered(links):
            yield request

    # -- articles --------------------------------------------------------------------
    def check(self, response: Response | None, url: str, result: str, detail: str) -> CheckItem:
        self.crawler.stats.inc_value(f"newscrawl/{result}")
        headers = response.headers if response is not None else {}
        return CheckItem(
            url=url,
            outlet=self.outlet,
            result=result,
            http_status=response.status if response is not None else None,
            detail=detail,
            fetched=self.clock(),
            etag=_header(headers, b"ETag"),
            last_modified=_header(headers, b"Last-Modified"),
        )

    def parse_article(self, response: Response) -> Iterator[Any]:
        url = response.meta.get("newscrawl_url", response.url)
        self.crawler.stats.inc_value("newscrawl/pages")
        if response.status == 304:
            yield self.check(response, url, "not_modified", "HTTP 304")
            return
        if response.status in GONE_STATUSES:
            yield self.check(response, url, "gone", f"HTTP {response.status}")
            return
        body = response.body
        if not body.strip():
            yield self.check(response, url, "failed", "empty body")
            return
        if looks_truncated(body):
            yield self.check(response, url, "failed", "truncated body (no closing </html>)")
            return
        try:
            fields = self.extractor.extract(body, response.url)
        except NotAnArticle as exc:
            yield self.check(response, url, "not_article", exc.reason)
            return
        if fields["is_live"] and not self.track_live:
            yield self.check(response, url, "not_article", "live blog (NEWSCRAWL_TRACK_LIVE off)")
            return
        fields.pop("url", None)
        yield ArticleItem(
            url=url,
            response_url=response.url,
            outlet=self.outlet,
            raw_html=body,
            fetched=self.clock(),
            http_status=response.status,
            etag=_header(response.headers, b"ETag"),
            last_modified=_header(response.headers, b"Last-Modified"),
            **fields,
        )

    def article_failed(self, failure: Failure) -> Iterator[CheckItem]:
        request = failure.request
        url = request.meta.get("newscrawl_url", request.url)
        response = failure.value.response if failure.check(HttpError) else None
        detail = f"HTTP {response.status}" if response is not None else failure.type.__name__
        self.crawler.stats.inc_value(f"newscrawl/errors/{failure.type.__name__}")
        self.logger.warning("check of %s failed: %s", url, detail)
        yield self.check(response, url, "failed", detail)


def _header(headers: Any, name: bytes) -> str | None:
    value = headers.get(name) if headers else None
    return value.decode("latin-1") if value else None
