"""``scrapy crawl`` that exits non-zero when a crawl had to stop for lack of its store."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler

from newscrawl.extensions.outcome import fetched_nothing

# Close reasons after which checks were left unrecorded: cron and Scrapyd should see a
# failure, not a finished job.
FAILURE_REASONS = frozenset({"store_unavailable"})


class Command(ScrapyCrawlCommand):
    """Scrapy's ``crawl``; exit status 1 when the crawl closed for a reason in
    ``FAILURE_REASONS`` (its log says which checks will be redone) or fetched nothing
    because every request failed with a download error or a server error (5xx)."""

    crawler: Crawler | None = None

    def _create_crawler(self, spname: str) -> Crawler:
        self.crawler = super()._create_crawler(spname)
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        stats = self.crawler.stats if self.crawler is not None else None
        if stats is not None and stats.get_value("finish_reason") in FAILURE_REASONS:
            self.exitcode = 1
        if stats is not None and fetched_nothing(stats.get_stats()):
            self.exitcode = 1  # the network, DNS or the site is down: not a success
