"""The spider: due re-checks and response handling shared by every outlet.

An outlet's declaration states its crawl strategy (its site, where to discover articles
and which URL paths are articles); ``newscrawl.spiders.loader`` makes one subclass per
declared outlet. Extraction lives in ``newscrawl.outlets``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.exceptions import CloseSpider, DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.clock import Clock, clock_from_settings
from newscrawl.items import ArticleItem, CheckItem
from newscrawl.outlets import NotAnArticle, PageUnreadable, get_extractor
from newscrawl.outlets.common import decode_html, http_charset
from newscrawl.outlets.declarations import Outlet
from newscrawl.spiders.arguments import parse_flag, parse_shard
from newscrawl.spiders.backlog import DUE_BATCH, Backlog
from newscrawl.spiders.discovery import DiscoveryMixin
from newscrawl.spiders.samepage import extraction_key, page_digest
from newscrawl.spiders.truncation import truncation
from newscrawl.store import Store, StoreError, resolve_store_uri, shared
from newscrawl.threads import in_thread

GONE_STATUSES = (404, 410)


class NewsSpider(DiscoveryMixin, scrapy.Spider):
    """Discovers new articles of one outlet and re-checks the ones that are due.

    Spider arguments: ``urls`` (comma-separated article URLs to check now, skipping
    discovery), ``discover=0|1``, ``recheck=0|1``, ``site`` (root URL to discover from,
    e.g. a local replay), ``shard=i/n`` (re-check only this share of due articles)."""

    site: str = ""
    """Root URL of the outlet (``https://www.theguardian.com``)."""

    declaration: Outlet | None = None
    """The outlet's declaration; None for a spider class written in Python."""

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
        self.extractor = (
            self.declaration.build_extractor() if self.declaration else get_extractor(self.outlet)
        )

    @property
    def outlet(self) -> str:
        return self.name

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.clock = clock_from_settings(settings)
        spider.store_uri = resolve_store_uri(settings=settings)
        spider.backlog = Backlog(crawler)
        spider.track_live = settings.getbool("NEWSCRAWL_TRACK_LIVE")
        spider.max_due = settings.getint("NEWSCRAWL_MAX_DUE")
        spider.max_text = settings.getint("NEWSCRAWL_MAX_TEXT")
        spider.max_size = settings.getint("DOWNLOAD_MAXSIZE")
        declared = spider.declaration
        spider.extraction_key = extraction_key(
            spider.extractor.ident,
            (declared.body_selectors, declared.drop_selectors) if declared else (),
            spider.track_live,
            spider.max_text,
        )
        spider.do_discover = not spider.urls and parse_flag(
            spider.discover_arg, settings.getbool("NEWSCRAWL_DISCOVER"), "spider argument discover"
        )
        spider.do_recheck = not spider.urls and parse_flag(
            spider.recheck_arg, settings.getbool("NEWSCRAWL_RECHECK"), "spider argument recheck"
        )
        return spider

    clock: Clock
    store_uri: str
    extraction_key: bytes = b""
    max_text: int = 0
    max_size: int = 0
    store: Store | None = None
    backlog: Backlog

    # -- start -----------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        try:
            self.store = await in_thread(shared.acquire, self.crawler, self.store_uri)
            articles = [(url, await in_thread(self.store.get_article, url)) for url in self.urls]
            due = None
            if self.do_recheck:
                due = self.store.due_batches(
                    self.outlet, self.clock(), self.max_due, self.shard, DUE_BATCH
                )
        except StoreError as exc:
            # Without the store the run cannot know what is due: fail it, loudly.
            self.logger.error("cannot read the store: %s", exc)
            raise CloseSpider("store_unavailable") from exc
        for url, article in articles:
            yield self.article_request(url, article)
        self.crawler.stats.set_value("newscrawl/due", 0)
        # The due queue is read a batch at a time, and the next batch only once the
        # scheduler has sent most of the last one on: memory stays flat however many
        # articles are due.
        while due is not None:
            await self.backlog.below(DUE_BATCH)
            try:
                batch = await in_thread(next, due, None)
            except StoreError as exc:
                self.logger.error("cannot read the store: %s", exc)
                raise CloseSpider("store_unavailable") from exc
            if batch is None:
                break
            self.crawler.stats.inc_value("newscrawl/due", len(batch))
            for article in batch:
                self.crawler.stats.inc_value("newscrawl/rechecks")
                yield self.article_request(article["url"], article)
        if self.do_discover:
            for request in self.discovery_requests():
                yield request

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
            meta={
                "deltafetch_enabled": False,
                "newscrawl_url": url,
                "newscrawl_digest": article.get("page_digest") if article else None,
            },
        )

    def closed(self, reason: str) -> None:
        if self.store is not None:
            self.store = None
            shared.release(self.crawler, self.store_uri)

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
            self.crawler.stats.inc_value("newscrawl/errors/empty_body")
            yield self.check(response, url, "failed", "empty body")
            return
        digest = page_digest(
            body, response.headers.get(b"Content-Type"), response.url, self.extraction_key
        )
        if digest == response.meta.get("newscrawl_digest"):
            # The very page of the last fetch: it would extract to the same fields.
            self.crawler.stats.inc_value("newscrawl/same_page")
            yield self.check(response, url, "not_modified", "the same page as the last fetch")
            return
        cut = truncation(body, response.flags)
        if cut:
            self.crawler.stats.inc_value("newscrawl/errors/truncated_body")
            yield self.check(response, url, "failed", cut)
            return
        try:
            page = decode_html(body, http_charset(response.headers.get(b"Content-Type")))
            fields = self.extractor.extract(page, response.url)
        except PageUnreadable as exc:
            yield self.check(response, url, "refused", exc.reason)
            return
        except NotAnArticle as exc:
            yield self.check(response, url, "not_article", exc.reason)
            return
        if fields["is_live"] and not self.track_live:
            yield self.check(response, url, "not_article", "live blog (NEWSCRAWL_TRACK_LIVE off)")
            return
        size = text_size(fields)
        if self.max_text and size > self.max_text:
            detail = (
                f"article text of {size} characters is over NEWSCRAWL_MAX_TEXT ({self.max_text})"
            )
            yield self.check(response, url, "refused", detail)
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
            page_digest=digest,
            **fields,
        )

    def article_failed(self, failure: Failure) -> Iterator[CheckItem]:
        request = failure.request
        url = request.meta.get("newscrawl_url", request.url)
        response = failure.value.response if failure.check(HttpError) else None
        oversize = self.oversize(failure)
        if oversize:
            self.logger.warning("check of %s refused: %s", url, oversize)
            yield self.check(None, url, "refused", oversize)
            return
        detail = f"HTTP {response.status}" if response is not None else failure.type.__name__
        self.crawler.stats.inc_value(f"newscrawl/errors/{failure.type.__name__}")
        self.logger.warning("check of %s failed: %s", url, detail)
        yield self.check(response, url, "failed", detail)

    def oversize(self, failure: Failure) -> str | None:
        """The reason a download was refused for its size, or None for other failures.
        Scrapy cancels a download past ``DOWNLOAD_MAXSIZE`` bytes, and ignores a response
        whose body passes it while being decompressed (a gzip bomb)."""
        if failure.check(DownloadCancelledError) and self.max_size:
            return f"page larger than DOWNLOAD_MAXSIZE ({self.max_size} bytes)"
        if failure.check(IgnoreRequest) and "DOWNLOAD_MAXSIZE" in str(failure.value):
            return f"page larger than DOWNLOAD_MAXSIZE ({self.max_size} bytes) once decompressed"
        return None


def text_size(fields: dict[str, Any]) -> int:
    """Characters of text a version would keep: headline, standfirst, body, corrections."""
    parts = [fields.get("title"), fields.get("standfirst"), *(fields.get("paragraphs") or [])]
    parts += [str(c) for c in fields.get("corrections") or []]
    return sum(len(p) for p in parts if p)


def _header(headers: Any, name: bytes) -> str | None:
    value = headers.get(name) if headers else None
    return value.decode("latin-1") if value else None
