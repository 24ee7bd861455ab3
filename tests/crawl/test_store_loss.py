"""A store lost in the middle of a crawl: nothing is silently dropped, the next run catches up."""

from __future__ import annotations

import subprocess
import sys
import time

from pymongo import MongoClient

from newscrawl.store import open_store
from tests.conftest import REPO, SecantusServer, with_database
from tests.crawl.conftest import START, later, news_sitemap


def crawl_command(site_url: str, store_uri: str, deltafetch: str, now: str) -> list[str]:
    settings = {
        "NEWSCRAWL_STORE": store_uri,
        "NEWSCRAWL_NOW": now,
        "DELTAFETCH_DIR": deltafetch,
        "AUTOTHROTTLE_ENABLED": "0",
        "DOWNLOAD_DELAY": "0",
        "TELNETCONSOLE_ENABLED": "0",
        "NEWSCRAWL_STORE_RETRIES": "2",
        "NEWSCRAWL_STORE_RETRY_DELAY": "0.2",
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "guardian", "-a", f"site={site_url}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def stored_articles(uri: str) -> int:
    client: MongoClient[dict] = MongoClient(uri, serverSelectionTimeoutMS=2000)
    try:
        return client.get_default_database().versions.count_documents({})
    finally:
        client.close()


def test_store_lost_mid_crawl_fails_loudly_and_the_next_run_catches_up(site, pages, tmp_path):
    for page in pages[:2]:
        site.set(page.path, page.html)
    for page in pages[2:]:
        site.set(page.path, page.html, delay=8)  # still downloading when the store dies
    site.set("/sitemaps/news.xml", news_sitemap(site.url, [p.path for p in pages]))
    storage = tmp_path / "mongo-data"
    deltafetch = str(tmp_path / "deltafetch")

    first = SecantusServer(storage=str(storage))
    uri = with_database(first.uri, "newscrawl")
    crawl = subprocess.Popen(
        crawl_command(site.url, uri, deltafetch, START.isoformat()),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while stored_articles(uri) < 2:
            assert time.monotonic() < deadline, "the first two articles were never stored"
            assert crawl.poll() is None, crawl.stdout.read()
            time.sleep(0.2)
    finally:
        first.stop()
    log, _ = crawl.communicate(timeout=120)

    assert crawl.returncode == 1, log[-3000:]
    assert "store_unavailable" in log
    for page in pages[2:]:
        assert f"the check of {site.url}{page.path} was NOT recorded" in log

    second = SecantusServer(storage=str(storage))
    try:
        uri = with_database(second.uri, "newscrawl")
        with open_store(uri) as store:
            assert store.count_articles("guardian") == 2
        rerun = subprocess.run(
            crawl_command(site.url, uri, deltafetch, later(5).isoformat()),
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert rerun.returncode == 0, rerun.stderr[-3000:]
        with open_store(uri) as store:
            assert store.count_articles("guardian") == len(pages)
            for page in pages:
                assert store.get_article(site.url + page.path)["version_count"] == 1
    finally:
        second.stop()
    assert all(site.hits[page.path] == 1 for page in pages[:2])
    assert all(site.hits[page.path] == 2 for page in pages[2:])
