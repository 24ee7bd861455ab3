"""The scheduler backlog the spider waits on before reading more of the due queue."""

from __future__ import annotations

from scrapy import Request, Spider, signals
from scrapy.utils.test import get_crawler

from newscrawl.spiders.backlog import Backlog


def test_counts_requests_until_they_leave_the_scheduler() -> None:
    crawler = get_crawler(Spider)
    backlog = Backlog(crawler)
    requests = [Request(f"https://e.com/{i}") for i in range(4)]
    for request in requests:
        crawler.signals.send_catch_log(signals.request_scheduled, request=request, spider=None)
    assert backlog.waiting == 4
    crawler.signals.send_catch_log(
        signals.request_reached_downloader, request=requests[0], spider=None
    )
    crawler.signals.send_catch_log(signals.request_dropped, request=requests[1], spider=None)
    assert backlog.waiting == 2
