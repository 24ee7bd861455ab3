"""A real `scrapy crawl bbc` run against a local site of real BBC News pages."""

from __future__ import annotations

from newscrawl.outlets import get_extractor
from newscrawl.store import open_store
from tests.crawl.conftest import later, load_page, rss
from tests.crawl.test_guardian_crawl import assert_clean

# Real BBC pages of three templates, served at their real paths.
ARTICLES = [
    "pages/bbc/wpp--cden3j9d1r7o.html",  # /news/articles/<id>, current template
    "pages/bbc/wpp--54528983.html",  # /news/health-<digits>, 2020 template
    "pages/bbc/wpp--31014941.html",  # story-body__inner, 2015
    "pages/bbc/readability--bbc-1.html",  # story-body__inner, 2015 (bbc.com)
]
VIDEO = "pages/bbc/wpp--61896381.html"  # /news/av/...: never an article


def test_bbc_discovery_from_feeds_and_front_then_an_edit(site, crawl, sqlite_uri, corpus):
    pages = [load_page(corpus, name) for name in ARTICLES]
    video = load_page(corpus, VIDEO)
    for page in [*pages, video]:
        site.set(page.path, page.html)
    site.set(
        "/news/rss.xml",
        rss(site.url, [pages[0].path, pages[1].path, video.path]),
        content_type="application/rss+xml",
    )
    site.set("/news/world/rss.xml", rss(site.url, [pages[2].path]), content_type="text/xml")
    front = f'<a href="{pages[3].path}">x</a><a href="{pages[0].path}#comments">again</a>'
    front += '<a href="/sport/cricket/articles/c4n1l6wx98go">s</a><a href="/news/live/uk-1">l</a>'
    site.set("/news", f"<html><body>{front}</body></html>")

    result = crawl(f"site={site.url}", spider="bbc")

    assert result.returncode == 0
    assert_clean(result)
    with open_store(sqlite_uri) as store:
        assert store.count_articles("bbc") == len(pages)
        for page in pages:
            url = site.url + page.path
            article = store.get_article(url)
            assert article["outlet"] == "bbc"
            assert article["title"] == page.title
            assert article["version_count"] == 1
            assert store.raw_html(url, 1) == page.html
            assert store.latest_version(url)["extractor"] == get_extractor("bbc").ident
    assert all(site.hits[p.path] == 1 for p in pages)
    for never in (video.path, "/sport/cricket/articles/c4n1l6wx98go", "/news/live/uk-1"):
        assert site.hits[never] == 0
    assert site.hits["/news/rss.xml"] == site.hits["/news"] == 1

    # The newsroom rewrites a headline: the re-check stores version 2 and a typed change.
    page = pages[0]
    edited = page.html.replace(page.title.encode(), b"Mexico storm death toll rises")
    assert edited != page.html
    site.set(page.path, edited)
    result = crawl("discover=0", now=later(31), spider="bbc")
    assert result.returncode == 0
    assert_clean(result)
    with open_store(sqlite_uri) as store:
        url = site.url + page.path
        assert store.get_article(url)["version_count"] == 2
        assert store.latest_version(url)["title"] == "Mexico storm death toll rises"
        assert "headline" in store.get_change(url, 2)["kinds"]
        assert store.get_article(site.url + pages[1].path)["version_count"] == 1
