"""Real `scrapy crawl guardian` runs against a local site of real Guardian pages."""

from __future__ import annotations

import json
import socket

from newscrawl.store import open_store
from tests.crawl.conftest import LIVE_BLOG, START, later, load_page, news_sitemap, rss


def publish(site, pages, sitemap=None, feed=None):
    for page in pages:
        site.set(page.path, page.html)
    site.set("/sitemaps/news.xml", news_sitemap(site.url, sitemap or []), content_type="text/xml")
    site.set("/uk/rss", rss(site.url, feed or []), content_type="application/rss+xml")


def assert_clean(result):
    assert "Traceback" not in result.log, result.log[-4000:]
    assert "Warning:" not in result.log, result.log[-4000:]
    assert "] ERROR:" not in result.log, result.log[-4000:]
    assert "] WARNING:" not in result.log, result.log[-4000:]


def article_hits(site, pages):
    return sum(site.hits[p.path] for p in pages)


def test_discovery_stores_one_version_per_article(site, pages, crawl, sqlite_uri):
    front = "".join(f'<a href="{p.path}">x</a>' for p in pages[3:])
    front += '<a href="/video/2026/nov/01/a-video">v</a><a href="/uk/sport">s</a>'
    site.set("/uk", f"<html><body>{front}</body></html>")
    sitemap = [p.path for p in pages[:2]] + ["/world/gallery/2026/nov/01/pictures"]
    publish(site, pages, sitemap=sitemap, feed=[pages[2].path, pages[0].path])

    result = crawl(f"site={site.url}")

    assert result.returncode == 0
    assert_clean(result)
    # The spider, both pipelines and the run log share one store, opened once.
    assert "'newscrawl/store_opens': 1," in result.log
    with open_store(sqlite_uri) as store:
        assert store.count_articles("guardian") == len(pages)
        for page in pages:
            article = store.get_article(site.url + page.path)
            assert article["title"] == page.title
            assert article["version_count"] == 1
            assert article["next_check"] == later(30)
            assert store.latest_version(site.url + page.path)["number"] == 1
            assert store.raw_html(site.url + page.path, 1) == page.html
    assert site.hits["/video/2026/nov/01/a-video"] == 0
    assert site.hits["/world/gallery/2026/nov/01/pictures"] == 0
    assert all(site.hits[p.path] == 1 for p in pages)


def test_known_articles_are_not_fetched_again_by_discovery(site, pages, crawl, sqlite_uri):
    publish(site, pages, sitemap=[p.path for p in pages])
    assert crawl(f"site={site.url}").returncode == 0
    result = crawl(f"site={site.url}", now=later(5))
    assert result.returncode == 0
    assert_clean(result)
    assert all(site.hits[p.path] == 1 for p in pages)


def test_due_articles_are_rechecked_conditionally(site, pages, crawl, sqlite_uri):
    publish(site, pages[:2], sitemap=[p.path for p in pages[:2]])
    assert crawl(f"site={site.url}").returncode == 0

    assert crawl("discover=0", now=later(20)).returncode == 0
    assert article_hits(site, pages[:2]) == 2  # not due yet

    result = crawl("discover=0", now=later(31))
    assert result.returncode == 0
    assert_clean(result)
    assert article_hits(site, pages[:2]) == 4
    for page in pages[:2]:
        sent = site.request_headers[page.path][-1]
        assert sent.get("If-None-Match", "").startswith('"')
    with open_store(sqlite_uri) as store:
        for page in pages[:2]:
            article = store.get_article(site.url + page.path)
            assert article["version_count"] == 1
            assert article["checks"] == 2
            assert article["interval"] == 30 * 60 * 1.2
            assert article["next_check"] == later(31 + 36)


def test_an_edit_makes_a_version_and_a_change_record(site, pages, crawl, sqlite_uri):
    page = pages[0]
    publish(site, [page], sitemap=[page.path])
    assert crawl(f"site={site.url}").returncode == 0

    old_headline = page.title.encode()
    edited = page.html.replace(old_headline, b"A rewritten headline about the economy")
    assert edited != page.html
    site.set(page.path, edited)
    result = crawl("recheck=1", "discover=0", now=later(31))
    assert result.returncode == 0
    assert_clean(result)
    with open_store(sqlite_uri) as store:
        url = site.url + page.path
        assert store.get_article(url)["version_count"] == 2
        assert store.latest_version(url)["title"] == "A rewritten headline about the economy"
        change = store.get_change(url, 2)
        assert change["from_version"] == 1
        assert "headline" in change["kinds"]
        assert store.get_article(url)["next_check"] == later(31 + 30)


def test_gone_articles_are_recorded_and_not_checked_again(site, pages, crawl, sqlite_uri):
    publish(site, pages[:2], sitemap=[p.path for p in pages[:2]])
    assert crawl(f"site={site.url}").returncode == 0
    site.set(pages[0].path, "<html>gone</html>", status=410)
    site.set(pages[1].path, "<html>not found</html>", status=404)

    result = crawl("discover=0", now=later(31))
    assert result.returncode == 0
    assert "Traceback" not in result.log
    with open_store(sqlite_uri) as store:
        for page, status in ((pages[0], 410), (pages[1], 404)):
            article = store.get_article(site.url + page.path)
            assert article["status"] == "gone"
            assert article["next_check"] is None
            assert article["version_count"] == 1
            assert article["events"][-1]["kind"] == "gone"
            assert article["events"][-1]["detail"] == f"HTTP {status}"
        assert store.due_articles("guardian", later(10_000)) == []


def test_server_errors_timeouts_and_truncation_are_failed_checks(site, pages, crawl, sqlite_uri):
    publish(site, pages[:3], sitemap=[p.path for p in pages[:3]])
    assert crawl(f"site={site.url}").returncode == 0
    site.set(pages[0].path, pages[0].html, status=503)
    site.set(pages[1].path, pages[1].html, delay=3)
    site.set(pages[2].path, pages[2].html, truncate=True, etag=False)

    result = crawl("discover=0", now=later(31), DOWNLOAD_TIMEOUT=1)
    assert result.returncode == 0
    assert "Traceback" not in result.log
    with open_store(sqlite_uri) as store:
        for page in pages[:3]:
            article = store.get_article(site.url + page.path)
            assert article["version_count"] == 1, page.path
            assert article["failures"] == 1, (page.path, article["events"], result.log[-6000:])
            assert article["events"][-1]["kind"] == "failed"
            assert article["next_check"] is not None
            assert article["next_check"] <= later(31 + 30)
        details = {store.get_article(site.url + p.path)["events"][-1]["detail"] for p in pages[:3]}
    assert "HTTP 503" in details
    assert any("Timeout" in d or "timeout" in d for d in details), details

    # The faults clear: the next due run checks them again and loses nothing.
    for page in pages[:3]:
        site.set(page.path, page.html)
    assert crawl("discover=0", now=later(31 + 31)).returncode == 0
    with open_store(sqlite_uri) as store:
        for page in pages[:3]:
            article = store.get_article(site.url + page.path)
            assert article["failures"] == 0
            assert article["version_count"] == 1


def test_truncated_first_fetch_never_becomes_a_version(site, pages, crawl, sqlite_uri):
    page = pages[0]
    site.set(page.path, page.html[: len(page.html) // 2], etag=False)
    result = crawl(f"urls={site.url}{page.path}")
    assert result.returncode == 0
    with open_store(sqlite_uri) as store:
        article = store.get_article(site.url + page.path)
        assert article["version_count"] == 0
        assert "truncated" in article["events"][-1]["detail"]
        assert store.latest_version(site.url + page.path) is None


def test_urls_argument_checks_any_host_and_skips_discovery(site, pages, crawl, sqlite_uri):
    publish(site, pages[:2], sitemap=[pages[1].path])
    result = crawl(f"urls={site.url}{pages[0].path}", f"site={site.url}")
    assert result.returncode == 0
    assert site.hits["/sitemaps/news.xml"] == 0
    with open_store(sqlite_uri) as store:
        assert store.get_article(site.url + pages[0].path)["version_count"] == 1
        assert store.get_article(site.url + pages[1].path) is None


def test_redirects_are_followed_and_the_final_url_recorded(site, pages, crawl, sqlite_uri):
    page = pages[0]
    site.set("/old/2026/nov/01/moved", "", status=301, headers={"Location": page.path})
    site.set(page.path, page.html)
    result = crawl(f"urls={site.url}/old/2026/nov/01/moved")
    assert result.returncode == 0
    with open_store(sqlite_uri) as store:
        article = store.get_article(site.url + "/old/2026/nov/01/moved")
        assert article["response_url"] == site.url + page.path
        assert article["version_count"] == 1
        assert article["events"][-1]["kind"] == "redirected"


def test_robots_txt_is_obeyed(site, pages, crawl, sqlite_uri):
    site.set("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    publish(site, pages[:1], sitemap=[pages[0].path])
    assert crawl(f"site={site.url}").returncode == 0
    assert site.hits["/sitemaps/news.xml"] == 0
    assert site.hits[pages[0].path] == 0


def test_unreachable_store_stops_the_crawl_at_once(site, pages, crawl):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    uri = f"mongodb://127.0.0.1:{port}/newscrawl"
    publish(site, pages[:1], sitemap=[pages[0].path])
    result = crawl(f"site={site.url}", store=uri)
    assert result.returncode == 1
    assert uri.split("//")[1].split("/")[0] in result.log
    assert "store_unavailable" in result.log
    assert site.hits[pages[0].path] == 0
    assert result.log.count("Traceback") <= 1


def test_clock_is_frozen_for_the_run(site, pages, crawl, sqlite_uri):
    publish(site, pages[:1], sitemap=[pages[0].path])
    assert crawl(f"site={site.url}").returncode == 0
    with open_store(sqlite_uri) as store:
        version = store.latest_version(site.url + pages[0].path)
        assert version["fetched"] == START


def test_live_blogs_are_tracked_only_when_asked(site, corpus, crawl, sqlite_uri):
    live = load_page(corpus, LIVE_BLOG)
    publish(site, [live], sitemap=[live.path])
    assert crawl(f"site={site.url}").returncode == 0
    assert site.hits[live.path] == 0
    assert crawl(f"site={site.url}", NEWSCRAWL_TRACK_LIVE=1, DELTAFETCH_RESET=1).returncode == 0
    with open_store(sqlite_uri) as store:
        version = store.latest_version(site.url + live.path)
        assert version["is_live"] is True
        assert version["title"] == live.title


def test_items_can_be_exported_as_a_feed(site, pages, crawl, tmp_path):
    page = pages[1]
    site.set(page.path, page.html)
    export = tmp_path / "items.jsonl"
    feeds = json.dumps({str(export): {"format": "jsonlines"}})
    result = crawl(f"urls={site.url}{page.path}", FEEDS=feeds)
    assert result.returncode == 0
    assert_clean(result)
    (item,) = [json.loads(line) for line in export.read_text().splitlines()]
    assert item["title"] == page.title
    assert item["raw_html"] == page.html.decode("utf-8")
