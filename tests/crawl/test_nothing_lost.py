"""Nothing lost for good: change records repaired whatever the next response, and
discovered pages remembered only once the store tracks them."""

from __future__ import annotations

import sqlite3

import pytest

from newscrawl.store import open_store
from newscrawl.store.sqlite_schema import sqlite_path
from tests.crawl.conftest import later, news_sitemap


def edited(html: bytes, title: str) -> bytes:
    assert title.encode() in html
    return html.replace(title.encode(), b"A headline rewritten after publication")


def test_a_lost_change_record_is_repaired_by_a_304(site, pages, crawl, sqlite_uri):
    """Reproduces: a crawl stores version 2 and dies before its change record; the outlet
    answers 304 to every later conditional re-check, so the record was never written."""
    page = pages[0]
    url = site.url + page.path
    site.set(page.path, page.html)
    assert crawl(f"urls={url}").returncode == 0
    site.set(page.path, edited(page.html, page.title))
    assert crawl(f"urls={url}", now=later(31)).returncode == 0
    # The state a crash between the two writes leaves: version 2 without its record.
    with sqlite3.connect(sqlite_path(sqlite_uri)) as db:
        db.execute("DELETE FROM changes")
    with open_store(sqlite_uri) as store:
        assert store.versions_missing_change(url) == [2]

    result = crawl("discover=0", now=later(62))

    assert result.returncode == 0, result.log[-3000:]
    assert site.request_headers[page.path][-1].get("If-None-Match")
    with open_store(sqlite_uri) as store:
        assert store.versions_missing_change(url) == []
        assert store.get_change(url, 2)["kinds"] == ["headline"]
        assert store.get_article(url)["change_count"] == 1
        assert store.get_article(url)["checks"] == 3


PLACEHOLDERS = {
    "a 404": {"status": 404, "body": b"<html><body>Not found</body></html>"},
    "a coming-soon page": {
        "body": b"<html><head><title>Coming soon</title></head>"
        b"<body><p>Coming soon.</p></body></html>"
    },
}


@pytest.mark.parametrize("first", PLACEHOLDERS)
def test_a_page_that_was_not_yet_an_article_is_fetched_again(site, pages, crawl, sqlite_uri, first):
    """Reproduces: deltafetch remembered a discovered URL whose first fetch was a 404 or
    not an article, though nothing was stored, so the article was never fetched again."""
    page = pages[0]
    site.set("/sitemaps/news.xml", news_sitemap(site.url, [page.path]), content_type="text/xml")
    site.set(page.path, **PLACEHOLDERS[first])
    assert crawl(f"site={site.url}").returncode == 0
    with open_store(sqlite_uri) as store:
        assert store.get_article(site.url + page.path) is None

    site.set(page.path, page.html)
    assert crawl(f"site={site.url}", now=later(10)).returncode == 0

    assert site.hits[page.path] == 2
    with open_store(sqlite_uri) as store:
        assert store.get_article(site.url + page.path)["title"] == page.title
        assert store.get_article(site.url + page.path)["version_count"] == 1
    # Once stored, discovery skips it again.
    assert crawl(f"site={site.url}", now=later(20)).returncode == 0
    assert site.hits[page.path] == 2
