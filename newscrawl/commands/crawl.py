"""``scrapy crawl`` with exit statuses cron and Scrapyd can act on."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from newscrawl.extensions.outcome import fetched_nothing

logger = logging.getLogger(__name__)

# Close reasons after which checks were left unrecorded: cron and Scrapyd should see a
# failure, not a finished job.
FAILURE_REASONS = frozenset({"store_unavailable", "store_failed"})
USAGE_ERRORS = (ValueError, UsageError)


class Command(ScrapyCrawlCommand):
    """Scrapy's ``crawl``, with three exit statuses:

    - 0: the crawl ran;
    - 1: it closed for a reason in ``FAILURE_REASONS`` (its log says which checks will
      be redone), it fetched nothing because every request failed with a download
      error or a server error (5xx), or it could not start for another reason (logged
      with its traceback);
    - 2: a spider argument or setting is invalid: one error line, no traceback."""

    crawler: Crawler | None = None

    def _create_crawler(self, spname: str) -> Crawler:
        self.crawler = super()._create_crawler(spname)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)  # Scrapy's own usage errors
            return
        assert self.crawler_process
        errors: list[BaseException] = []
        running = self.crawler_process.crawl(self._create_crawler(args[0]), **opts.spargs)
        _collect_error(running, errors)
        self.crawler_process.start()
        if errors and not self._started():
            self.exitcode = self._setup_failed(errors[0])
            return
        if errors:
            logger.error("the crawl failed", exc_info=errors[0])
        if errors or self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        stats = self.crawler.stats if self._started() else None
        if stats is not None and stats.get_value("finish_reason") in FAILURE_REASONS:
            self.exitcode = 1
        if stats is not None and fetched_nothing(stats.get_stats()):
            self.exitcode = 1  # the network, DNS or the site is down: not a success

    def _started(self) -> bool:
        """Whether the crawl got as far as opening its spider."""
        try:
            stats = self.crawler.stats if self.crawler is not None else None
        except RuntimeError:  # Crawler.stats is set only once the settings were applied
            return False
        return stats is not None and stats.get_value("start_time") is not None

    @staticmethod
    def _setup_failed(error: BaseException) -> int:
        if isinstance(error, USAGE_ERRORS):
            print(f"scrapy crawl: error: bad spider argument or setting: {error}", file=sys.stderr)
            return 2
        logger.error("the crawl could not start", exc_info=error)
        return 1


def _collect_error(running: Any, errors: list[BaseException]) -> None:
    """Keep the exception that ends ``running`` (a Task or a Deferred) in ``errors``,
    marking it handled so that neither asyncio nor Twisted prints it a second time."""
    if isinstance(running, asyncio.Future):

        def done(task: asyncio.Future[Any]) -> None:
            if not task.cancelled() and task.exception() is not None:
                errors.append(task.exception())  # type: ignore[arg-type]

        running.add_done_callback(done)
    elif isinstance(running, Deferred):

        def failed(failure: Failure) -> None:
            errors.append(failure.value)

        running.addErrback(failed)
