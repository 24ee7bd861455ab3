"""The RunLog extension writes run records to a real SQLite store when signals fire."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newscrawl.extensions.outcome import fetched_nothing
from newscrawl.extensions.runlog import RunLog, error_counts, run_status
from newscrawl.store import open_store

NOW = "2024-05-01T12:00:00+00:00"


class GuardianSpider(Spider):
    name = "guardian"


def make(tmp_path: Path, **settings: object) -> tuple[RunLog, Crawler, str]:
    uri = f"sqlite:///{tmp_path / 'runs.db'}"
    crawler = get_crawler(
        GuardianSpider, {"NEWSCRAWL_STORE": uri, "NEWSCRAWL_NOW": NOW, **settings}
    )
    ext = RunLog.from_crawler(crawler)
    return ext, crawler, uri


def open_spider(crawler: Crawler, **kwargs: str) -> Spider:
    spider = GuardianSpider.from_crawler(crawler, **kwargs)
    crawler.signals.send_catch_log(signals.spider_opened, spider=spider)
    return spider


def runs(uri: str) -> list[dict]:
    with open_store(uri) as store:
        return store.list_runs()


def test_opened_run_is_recorded_as_running(tmp_path):
    _, crawler, uri = make(tmp_path)
    open_spider(crawler, _job="job-17")
    [run] = runs(uri)
    assert run["id"] == "job-17"
    assert run["outlet"] == "guardian"
    assert run["status"] == "running"
    assert run["started"] == datetime(2024, 5, 1, 12, tzinfo=UTC)
    assert run["node"] == socket.gethostname()


def test_closed_run_carries_the_crawl_stats(tmp_path):
    _, crawler, uri = make(tmp_path)
    spider = open_spider(crawler, _job="job-1")
    stats = {
        "newscrawl/pages": 12,
        "newscrawl/articles_new": 4,
        "newscrawl/versions_new": 6,
        "newscrawl/unchanged": 3,
        "newscrawl/not_modified": 2,
        "newscrawl/not_article": 1,
        "newscrawl/errors/extract": 2,
        "log_count/ERROR": 3,
        "downloader/exception_type_count/twisted.internet.error.TimeoutError": 5,
        "retry/max_reached": 1,
    }
    for key, value in stats.items():
        crawler.stats.set_value(key, value)
    crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="finished")
    [run] = runs(uri)
    assert run["id"] == "job-1"
    assert run["status"] == "finished"
    assert run["finished"] == datetime(2024, 5, 1, 12, tzinfo=UTC)
    assert (run["pages"], run["new_articles"], run["new_versions"]) == (12, 4, 6)
    assert (run["unchanged"], run["not_modified"], run["not_articles"]) == (3, 2, 1)
    assert run["errors"] == {
        "extract": 2,
        "log": 3,
        "download/TimeoutError": 5,
        "retry_exhausted": 1,
    }


def test_a_stopped_crawl_is_failed(tmp_path):
    _, crawler, uri = make(tmp_path)
    spider = open_spider(crawler, _job="job-2")
    crawler.stats.set_value("newscrawl/pages", 3)
    crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="shutdown")
    [run] = runs(uri)
    assert (run["status"], run["reason"]) == ("failed", "shutdown")


def test_a_run_that_fetched_nothing_is_failed_and_says_why(tmp_path):
    _, crawler, uri = make(tmp_path)
    spider = open_spider(crawler, _job="job-3")
    dns = "downloader/exception_type_count/scrapy.exceptions.CannotResolveHostError"
    crawler.stats.set_value(dns, 4)
    crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="finished")
    [run] = runs(uri)
    assert (run["status"], run["reason"]) == ("failed", "finished")
    assert run["problem"] == fetched_nothing({dns: 4})
    assert "host name not found (DNS): 4 attempts" in run["problem"]


@pytest.mark.parametrize(
    ("reason", "pages", "log_errors", "expected"),
    [
        ("finished", 5, 0, "finished"),
        ("finished", 5, 2, "finished"),
        ("finished", 0, 0, "finished"),
        ("finished", 0, 4, "failed"),
        ("store_unavailable: cannot connect", 0, 1, "failed"),
        ("closespider_errorcount", 9, 50, "failed"),
    ],
)
def test_run_status(reason, pages, log_errors, expected):
    errors = {"log": log_errors} if log_errors else {}
    assert run_status(reason, {"pages": pages}, errors) == expected


def test_error_keys_hold_no_dots():
    errors = error_counts(
        {
            "downloader/exception_type_count/twisted.web._newclient.ResponseNeverReceived": 2,
            "downloader/exception_type_count/builtins.OSError": 1,
            "newscrawl/errors/store.write": 1,
        }
    )
    assert errors == {"download/ResponseNeverReceived": 2, "download/OSError": 1, "store_write": 1}


def test_job_id_from_scrapy_job_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRAPY_JOB", "env-job")
    _, crawler, uri = make(tmp_path)
    open_spider(crawler)
    assert [run["id"] for run in runs(uri)] == ["env-job"]


def test_job_id_is_fresh_without_scrapyd(tmp_path, monkeypatch):
    monkeypatch.delenv("SCRAPY_JOB", raising=False)
    for _ in range(2):
        _, crawler, uri = make(tmp_path)
        open_spider(crawler)
    ids = {run["id"] for run in runs(uri)}
    assert len(ids) == 2


def test_disabled_by_setting(tmp_path):
    crawler = get_crawler(GuardianSpider, {"NEWSCRAWL_RUNLOG_ENABLED": False})
    with pytest.raises(NotConfigured):
        RunLog.from_crawler(crawler)


def test_unreachable_store_is_logged_not_raised(tmp_path, caplog):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the store's directory should be")
    crawler = get_crawler(GuardianSpider, {"NEWSCRAWL_STORE": f"sqlite:///{blocker}/runs.db"})
    ext = RunLog.from_crawler(crawler)
    spider = GuardianSpider.from_crawler(crawler, _job="job-3")
    with caplog.at_level(logging.ERROR, logger="newscrawl.extensions.runlog"):
        ext.spider_opened(spider)
        ext.spider_closed(spider, "finished")
    assert [r.message for r in caplog.records if "job-3 not recorded" in r.message]
