"""Record each crawl run (when, where, what it found, what went wrong) in the store."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Mapping
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newscrawl.clock import Clock, clock_from_settings
from newscrawl.extensions.outcome import fetched_nothing
from newscrawl.store import Record, Store, StoreError, resolve_store_uri, shared

logger = logging.getLogger(__name__)

# Run record field <- crawler stats key.
COUNTERS = {
    "pages": "newscrawl/pages",
    "discovered": "newscrawl/discovered",
    "rechecks": "newscrawl/rechecks",
    "new_articles": "newscrawl/articles_new",
    "new_versions": "newscrawl/versions_new",
    "unchanged": "newscrawl/unchanged",
    "not_modified": "newscrawl/not_modified",
    "not_articles": "newscrawl/not_article",
    "gone": "newscrawl/gone",
    "failed_checks": "newscrawl/failed",
    "flipflops": "newscrawl/flipflops",
    "suspects": "newscrawl/suspect",
}


def error_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """Errors by kind from crawler stats: newscrawl's own kinds, ERROR log lines
    (``log``), download exceptions (``download/<ExceptionName>``) and requests given up
    after their retries (``retry_exhausted``). Keys never contain dots (MongoDB)."""
    errors: dict[str, int] = {}
    for key, value in stats.items():
        if key.startswith("newscrawl/errors/"):
            errors[key.removeprefix("newscrawl/errors/").replace(".", "_")] = int(value)
        elif key.startswith("downloader/exception_type_count/"):
            name = key.rsplit("/", 1)[1].rsplit(".", 1)[-1]
            errors[f"download/{name}"] = errors.get(f"download/{name}", 0) + int(value)
    if stats.get("log_count/ERROR"):
        errors["log"] = int(stats["log_count/ERROR"])
    if stats.get("retry/max_reached"):
        errors["retry_exhausted"] = int(stats["retry/max_reached"])
    return errors


def run_status(reason: str, counts: Mapping[str, int], errors: Mapping[str, int]) -> str:
    """ "finished" for a run that ended normally and fetched something (or had nothing to
    fetch and no errors); "failed" when it was stopped (store unreachable, shutdown,
    error limit) or when every request errored."""
    if reason != "finished":
        return "failed"
    if errors.get("log", 0) and not counts.get("pages", 0):
        return "failed"
    return "finished"


def job_id(spider: Spider) -> str:
    """The Scrapyd job id (``_job`` spider argument, ``SCRAPY_JOB``) or a fresh uuid."""
    return str(getattr(spider, "_job", None) or os.environ.get("SCRAPY_JOB") or uuid.uuid4().hex)


class RunLog:
    """Writes a run record (``newscrawl.store.base``) when the spider opens and completes
    it when the spider closes. A store that cannot be reached is logged, never fatal:
    the crawl itself reports that failure."""

    def __init__(self, crawler: Crawler, store_uri: str, clock: Clock) -> None:
        self.crawler = crawler
        self.store_uri = store_uri
        self.clock = clock
        self.node = socket.gethostname()
        self.run: Record | None = None
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLog:
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_RUNLOG_ENABLED", True):
            raise NotConfigured("NEWSCRAWL_RUNLOG_ENABLED is off")
        ext = cls(crawler, resolve_store_uri(settings=settings), clock_from_settings(settings))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.run = {
            "id": job_id(spider),
            "outlet": spider.name,
            "node": self.node,
            "started": self.clock(),
            "finished": None,
            "status": "running",
        }
        self._save(self.run)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.run is None:
            return
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        counts = {field: int(stats.get(key, 0)) for field, key in COUNTERS.items()}
        errors = error_counts(stats)
        problem = fetched_nothing(stats)
        self.run.update(counts)
        self.run.update(
            finished=self.clock(),
            errors=errors,
            reason=reason,
            status="failed" if problem else run_status(reason, counts, errors),
            problem=problem,
        )
        self._save(self.run)
        if self.store is not None:
            self.store = None
            shared.release(self.crawler, self.store_uri)

    def _save(self, run: Record) -> None:
        # The crawl's shared store, held from the first save to the last so that the
        # run log opens it at most once (again only if it could not be reached).
        try:
            if self.store is None:
                self.store = shared.acquire(self.crawler, self.store_uri)
            self.store.record_run(dict(run))
        except StoreError as exc:
            logger.error("run %s not recorded in %s: %s", run["id"], self.store_uri, exc)
        except Exception:  # a run record is never worth stopping the crawl for
            logger.exception("run %s not recorded in %s", run["id"], self.store_uri)
