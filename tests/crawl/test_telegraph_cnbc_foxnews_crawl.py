"""Real `scrapy crawl telegraph|cnbc|foxnews` runs against a local site of each outlet's real
corpus pages, found through its declared news sitemap, feeds and fronts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newscrawl.outlets import get_extractor
from newscrawl.outlets.declarations import builtin_outlets
from newscrawl.store import open_store
from tests.crawl.conftest import Page, later, news_sitemap, rss
from tests.crawl.test_guardian_crawl import assert_clean


@dataclass(frozen=True)
class Case:
    outlet: str
    articles: tuple[str, ...]
    """Corpus pages, served at their real paths: every article URL shape of the outlet."""
    never: tuple[str, ...]
    """Video, live, gallery, podcast and section URLs the sitemap, feeds and fronts link."""


CASES = [
    Case(
        "telegraph",
        (
            "pages/telegraph/fundus--TheTelegraph_2024_09_17.html",  # /<section>/<date>/<slug>/
            "pages/telegraph/readability--telegraph.html",  # 2017 /news/<date>/<slug>/
            "pages/telegraph/newspaper--telegraph.co.uk2.html",  # /<sections>/<id>/<Slug>.html
            "pages/telegraph/fundus--TheTelegraph_2023_08_30.html",  # /recommended/<s>/<slug>/
        ),
        (
            "/news/2024/09/16/watch-starmer-conference-speech/",
            "/politics/2024/09/16/labour-conference-live-starmer-speech/",
            "/news/pictures/2024/09/16/pictures-of-the-day/",
            "/podcasts/2024/09/16/daily-t-starmer-gifts/",
            "/sport/",
        ),
    ),
    Case(
        "cnbc",
        (
            "pages/cnbc/fundus--fa3bffc7-CNBC.html",  # /<yyyy>/<mm>/<dd>/<slug>.html
            "pages/cnbc/postlight--www.cnbc.com.html",  # the same, 2016
            "pages/cnbc/goose3--test_cnbc1.html",  # /id/<digits>, 2011
        ),
        (
            "/video/2023/04/28/sec-crypto-regulation-legislation.html",
            "/2023/04/28/stock-market-today-live-updates.html",
            "/select/best-credit-cards-2023/",
            "/podcast/squawk-pod/",
            "/investing/",
        ),
    ),
    Case(
        "foxnews",
        (
            "pages/foxnews/fundus--FoxNews_2023_04_28.html",  # /<section>/<slug>
            "pages/foxnews/fundus--fa3bffc7-FoxNews.html",  # /<section>/<slug>
            "pages/foxnews/goose3--test_foxNews.html",  # /<section>/<date>/<slug>/, 2010
        ),
        (
            "/video/6325678901112",
            "/live-news/house-china-committee-hearing",
            "/photos/house-china-committee-hearing-photos",
            "/podcasts/fox-news-rundown-china-committee",
            "/sports",
            "/category/politics/house-of-representatives",
        ),
    ),
]


def _page(corpus: Path, outlet: str, name: str) -> Page:
    html = (corpus / name).read_bytes()
    url = json.loads((corpus / name).with_suffix(".json").read_text("utf-8"))["url"]
    return Page(urlsplit(url).path, html, get_extractor(outlet).extract(html, url)["title"])


@pytest.mark.parametrize("case", CASES, ids=[c.outlet for c in CASES])
def test_discovery_from_declared_sources_then_an_edit(site, crawl, sqlite_uri, corpus, case):
    outlet = builtin_outlets()[case.outlet]
    pages = [_page(corpus, case.outlet, name) for name in case.articles]
    for page in pages:
        site.set(page.path, page.html)
    for path in case.never:
        site.set(path, "<html><head><title>not an article</title></head><body></body></html>")
    # Each declared source lists some of the articles and some of the URLs never followed.
    paths, never = [p.path for p in pages], list(case.never)
    sources = [*outlet.news_sitemaps, *outlet.feeds, *outlet.fronts]
    assert len(sources) >= len(paths)
    for index, source in enumerate(sources):
        listed = [paths[index % len(paths)], *never]
        if source in outlet.news_sitemaps:
            body, kind = news_sitemap(site.url, listed), "application/xml"
        elif source in outlet.feeds:
            body, kind = rss(site.url, listed), "application/rss+xml"
        else:
            links = "".join(f'<a href="{p}">x</a>' for p in listed)
            body, kind = f"<html><body>{links}</body></html>", "text/html"
        site.set(source, body, content_type=kind)

    result = crawl(f"site={site.url}", spider=case.outlet)

    assert result.returncode == 0, result.log[-3000:]
    assert_clean(result)
    with open_store(sqlite_uri) as store:
        assert store.count_articles(case.outlet) == len(pages)
        for page in pages:
            article = store.get_article(site.url + page.path)
            assert article["outlet"] == case.outlet
            assert article["title"] == page.title
            assert article["version_count"] == 1
    assert all(site.hits[p] == 1 for p in paths)
    assert all(site.hits[s] == 1 for s in sources)
    assert not [p for p in case.never if site.hits[p]]

    # The newsroom rewrites a headline: the re-check stores version 2 and a typed change.
    page = pages[0]
    edited = page.html.replace(page.title.encode(), b"A headline rewritten after publication")
    assert edited != page.html
    site.set(page.path, edited)
    result = crawl("discover=0", now=later(31), spider=case.outlet)
    assert result.returncode == 0, result.log[-3000:]
    assert_clean(result)
    with open_store(sqlite_uri) as store:
        url = site.url + page.path
        assert store.get_article(url)["version_count"] == 2
        assert store.latest_version(url)["title"] == "A headline rewritten after publication"
        assert "headline" in store.get_change(url, 2)["kinds"]
        assert store.get_article(site.url + pages[1].path)["version_count"] == 1
