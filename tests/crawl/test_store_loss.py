"""A store lost in the middle of a crawl: nothing is silently dropped, the next run catches up."""

from __future__ import annotations

import resource
import subprocess
import sys
import time

from pymongo import MongoClient

from newscrawl.store import open_store
from tests.conftest import REPO, SecantusServer, with_database
from tests.crawl.conftest import START, later, news_sitemap

FULL_AT = 1_500_000  # bytes: a few versions fit in the store's files, then the disk is full


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
    # The stored articles are not fetched again, unless the store went away between an
    # article's version and the rest of its check: deltafetch never remembered that check,
    # so the rerun redoes it (and finds the text unchanged, version_count 1 above).
    assert all(site.hits[page.path] in (1, 2) for page in pages[:2])
    assert all(site.hits[page.path] == 2 for page in pages[2:])


def many_articles(site, pages, count: int, delay: float = 0) -> list[str]:
    """``count`` article paths serving the real pages in turn; the first two at once, the
    rest after ``delay`` seconds."""
    paths = [f"/world/2026/nov/02/story-{i}" for i in range(count)]
    for i, path in enumerate(paths):
        site.set(path, pages[i % len(pages)].html, delay=0 if i < 2 else delay)
    site.set("/sitemaps/news.xml", news_sitemap(site.url, paths), content_type="text/xml")
    return paths


def test_a_store_down_for_good_gives_up_on_the_first_item_out_of_retries(site, pages, tmp_path):
    """Reproduces: with MongoDB gone for good, every in-flight item ran its own retries
    (hundreds of warnings, minutes) before the run exited 1. Now the first item that
    exhausts its retries ends the run: no retry after it, the others are dropped at once
    as not recorded."""
    paths = many_articles(site, pages, 24, delay=3)
    server = SecantusServer()
    uri = with_database(server.uri, "newscrawl")
    crawl = subprocess.Popen(
        crawl_command(site.url, uri, str(tmp_path / "deltafetch"), START.isoformat()),
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
        server.stop()
    log, _ = crawl.communicate(timeout=300)

    assert crawl.returncode == 1, log[-3000:]
    lines = log.splitlines()
    # A server stopped mid-reply may also answer with an error: then the store is
    # "unwritable" and given up on at once.
    signs = ("store unreachable after 2 retries", "store unwritable")
    gave_up = [i for i, line in enumerate(lines) if any(sign in line for sign in signs)]
    assert len(gave_up) == 1, log[-5000:]
    assert not [line for line in lines[gave_up[0] :] if "retrying in" in line]
    # The item that gave up, and those that waited for its verdict, are named; requests
    # not yet downloaded are simply not made (deltafetch has not remembered them).
    named = [p for p in paths[2:] if f"the check of {site.url}{p} was NOT recorded" in log]
    assert len(named) >= 2, log[-5000:]
    assert "Traceback" not in log
    # One probe per store-writing pipeline, each with its 2 retries.
    assert sum("retrying in" in line for line in lines) <= 2 * 2


def limit_file_size(limit: int):
    """For ``preexec_fn``: files the crawl writes cannot grow past ``limit`` bytes, as on
    a disk that fills up mid-crawl (Python ignores SIGXFSZ, so writes fail instead)."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_store_that_becomes_unwritable_stops_the_run_and_the_next_run_redoes_it(
    site, pages, tmp_path
):
    """Reproduces: an SQLite store that could no longer be written mid-crawl (disk full)
    ended the run with exit 0 after a traceback per item, some items stored and the
    others lost for good."""
    paths = many_articles(site, pages, 12)
    uri = f"sqlite:///{tmp_path}/newscrawl.db"
    open_store(uri).close()
    deltafetch = str(tmp_path / "deltafetch")
    first = subprocess.run(
        crawl_command(site.url, uri, deltafetch, START.isoformat()),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        preexec_fn=limit_file_size(FULL_AT),
    )
    log = first.stderr + first.stdout

    assert first.returncode == 1, log[-3000:]
    assert "store_failed" in log
    assert sum("store unwritable" in line for line in log.splitlines()) == 1, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    with open_store(uri) as store:
        kept = [p for p in paths if (store.get_article(site.url + p) or {}).get("version_count")]
    assert 0 < len(kept) < len(paths), log[-3000:]
    for path in set(paths) - set(kept):
        assert f"the check of {site.url}{path} was NOT recorded" in log, log[-3000:]

    second = subprocess.run(
        crawl_command(site.url, uri, deltafetch, later(5).isoformat()),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert second.returncode == 0, second.stderr[-3000:]
    with open_store(uri) as store:
        assert store.count_articles("guardian") == len(paths)
        for path in paths:
            assert store.get_article(site.url + path)["version_count"] == 1
