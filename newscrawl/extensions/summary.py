"""CrawlSummary: the last thing a crawl logs is what it found, or why it found nothing."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newscrawl.extensions.outcome import fetched_nothing, summary_lines

logger = logging.getLogger(__name__)

# Scrapy's robots.txt middleware logs a traceback with its one error line; for a
# network that is down the line says it all.
QUIET_LOGGERS = ("scrapy.downloadermiddlewares.robotstxt",)
NETWORK_ERRORS = frozenset(
    {
        "CannotResolveHostError",
        "ConnectError",
        "ConnectionRefusedError",
        "ConnectionLost",
        "DNSLookupError",
        "DownloadConnectionRefusedError",
        "DownloadTimeoutError",
        "NoRouteError",
        "TCPTimedOutError",
        "TimeoutError",
        "ResponseNeverReceived",
        "TunnelError",
    }
)


class NoNetworkTraceback(logging.Filter):
    """Drops the traceback (not the line) of a log record about a network error."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and _is_network_error(exc):
            record.exc_info = None
            record.exc_text = None
        return True


def _is_network_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:  # Scrapy wraps Twisted's errors: look down the chain
        if type(seen).__name__ in NETWORK_ERRORS:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class CrawlSummary:
    """Logs a summary when the spider closes (pages, new articles, new versions, changes
    by significance, failures by kind) and, when every request failed with a download
    error or a 5xx, one ERROR line that says so and what to try (``scrapy crawl`` then
    exits 1). Both come after Scrapy's stats dump: the last thing on screen."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.lines: list[str] = []
        self.verdict: str | None = None
        self.filter = NoNetworkTraceback()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        for name in QUIET_LOGGERS:
            logging.getLogger(name).addFilter(self.filter)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        self.lines = summary_lines(spider.name, reason, stats)
        verdict = fetched_nothing(stats)
        self.verdict = f"{spider.name}: {verdict}" if verdict else None

    def engine_stopped(self) -> None:
        for name in QUIET_LOGGERS:
            logging.getLogger(name).removeFilter(self.filter)
        if self.lines:
            logger.info("\n".join(self.lines))
        if self.verdict:
            logger.error(self.verdict)
