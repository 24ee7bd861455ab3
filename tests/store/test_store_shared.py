"""One store per crawl: opened by the first user, closed by the last, reopened after."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from newscrawl.store import StoreError, shared


def test_one_open_store_for_every_user(tmp_path: Path) -> None:
    crawler = get_crawler(Spider)
    crawler.stats.open_spider()
    uri = f"sqlite:///{tmp_path}/one.db"
    first = shared.acquire(crawler, uri)
    second = shared.acquire(crawler, uri)
    assert first is second
    first.upsert_article("https://e.com/a", "example", {})
    shared.release(crawler, uri)
    assert second.get_article("https://e.com/a") is not None  # still open for the other
    shared.release(crawler, uri)
    with pytest.raises(StoreError, match="closed"):
        second.ping()
    again = shared.acquire(crawler, uri)  # a later user opens it anew
    assert again is not first and again.get_article("https://e.com/a") is not None
    shared.release(crawler, uri)
    assert crawler.stats.get_value("newscrawl/store_opens") == 2
    shared.release(crawler, "sqlite:///never-acquired.db")  # nothing held: no error


def test_a_failed_open_is_retried_by_the_next_user(tmp_path: Path) -> None:
    crawler = get_crawler(Spider)
    crawler.stats.open_spider()
    (tmp_path / "dir.db").mkdir()
    uri = f"sqlite:///{tmp_path}/dir.db"
    with pytest.raises(StoreError, match="directory"):
        shared.acquire(crawler, uri)
    (tmp_path / "dir.db").rmdir()
    store = shared.acquire(crawler, uri)
    store.ping()
    shared.release(crawler, uri)
    assert crawler.stats.get_value("newscrawl/store_opens") == 1
