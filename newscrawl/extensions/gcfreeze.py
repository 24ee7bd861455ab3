"""Move everything built during start-up out of the garbage collector's sight."""

from __future__ import annotations

import gc

from scrapy import signals
from scrapy.crawler import Crawler


class FreezeStartup:
    """At ``engine_started``, collect once and ``gc.freeze()`` what is left: the modules,
    settings, compiled selectors and store handles live for the whole crawl, and without
    this every collection of the oldest generation walks them all again."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FreezeStartup:
        extension = cls()
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        return extension

    def engine_started(self) -> None:
        gc.collect()
        gc.freeze()
