"""Real `scrapy crawl` runs of The Independent, RT, The Intercept, The Irish Times and RTÉ
against a local site of their real corpus pages: discovery from each outlet's declared
feed (or front), non-article URLs never fetched, then a re-check that stores an edit."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from newscrawl.outlets import get_extractor
from newscrawl.store import open_store
from tests.crawl.conftest import later, load_page, rss
from tests.crawl.test_guardian_crawl import assert_clean


@dataclass(frozen=True)
class Outlet:
    name: str
    feed: str | None
    """The declared feed the test serves (None: the declared front links the articles)."""
    front: str
    articles: tuple[str, ...]
    never: tuple[str, ...]
    """Linked URLs the spider must not fetch: video, live, podcast, gallery, sections."""


OUTLETS = [
    Outlet(
        "independent",
        "/rss",
        "/",
        (
            "pages/independent/fundus--TheIndependent_2024_11_22.html",  # b<id>, 2024
            # 2014
            "pages/independent/wpp--belgian-man-who-skipped-100-restaurant-bills-is-killed-9081407.html",
            "pages/independent/wpp--lord-burns.html",  # a<id>, 2015
        ),
        (
            "/sport/football/womens-world-cup-england-news-latest-australia-b2392480.html",
            "/tv/news/flood-rescue-b2392481.html",
            "/news/world/gallery/flood-pictures-b2392482.html",
            "/topic/floods",
        ),
    ),
    Outlet(
        "rt",
        "/rss/",
        "/news/",
        ("pages/rt/wpp--338045.html", "pages/rt/wpp--338237.html", "pages/rt/wpp--564427.html"),
        ("/shows/crosstalk/564428-debate/", "/on-air/", "/podcast/564429-x/", "/russia/"),
    ),
    Outlet(
        "theintercept",
        "/feed/?rss",
        "/",
        (
            "pages/theintercept/fundus--TheIntercept_2024_02_28.html",
            "pages/theintercept/fundus--TheIntercept_2023_04_28.html",
            "pages/theintercept/wpp--pentagon-missionary.html",
        ),
        ("/podcasts/2024/02/28/intercepted/", "/video/2024/02/28/gaza/", "/staff/nikitamazurov/"),
    ),
    Outlet(
        "irishtimes",
        None,
        "/",
        ("pages/irishtimes-com/wpp--irishtimestest.html",),
        ("/video/news/2012/08/11/audit-exemption/", "/newspaper/finance/"),
    ),
    Outlet(
        "rte",
        "/feeds/rss/?index=/news/",
        "/news/",
        ("pages/rte-ie/wpp--aer-lingus-repeats-call-to-reject-ryanair-offer-business.html",),
        (
            "/news/video/2012/0718/ryanair-offer.html",
            "/player/ie/show/news-30003245/",
            "/news/business/",
        ),
    ),
]


@pytest.mark.parametrize("outlet", OUTLETS, ids=[o.name for o in OUTLETS])
def test_discovery_then_an_edit(site, crawl, sqlite_uri, corpus, outlet: Outlet) -> None:
    pages = [load_page(corpus, name) for name in outlet.articles]
    for page in pages:
        site.set(page.path, page.html)
    for path in outlet.never:
        site.set(path, "<html><body><h1>not an article</h1></body></html>")
    linked = [p.path for p in pages] + list(outlet.never)
    if outlet.feed:
        site.set(outlet.feed, rss(site.url, linked), content_type="application/rss+xml")
    links = "".join(f'<a href="{path}">x</a>' for path in linked)
    site.set(outlet.front, f"<html><body>{links}</body></html>")

    result = crawl(f"site={site.url}", spider=outlet.name)

    assert result.returncode == 0
    assert_clean(result)
    with open_store(sqlite_uri) as store:
        assert store.count_articles(outlet.name) == len(pages)
        for page in pages:
            url = site.url + page.path
            article = store.get_article(url)
            assert article["outlet"] == outlet.name
            assert article["title"] == page.title
            assert article["version_count"] == 1
            assert store.latest_version(url)["extractor"] == get_extractor(outlet.name).ident
    assert all(site.hits[p.path] == 1 for p in pages)
    assert not [path for path in outlet.never if site.hits[path]]
    if outlet.feed:
        assert site.hits[outlet.feed] == 1

    # The newsroom rewrites the headline: the re-check stores version 2 and a typed change.
    page = pages[0]
    edited = page.html.replace(page.title.encode(), b"A rewritten headline")
    assert edited != page.html
    site.set(page.path, edited)
    result = crawl("discover=0", now=later(31), spider=outlet.name)
    assert result.returncode == 0
    assert_clean(result)
    with open_store(sqlite_uri) as store:
        url = site.url + page.path
        assert store.get_article(url)["version_count"] == 2
        assert store.latest_version(url)["title"] == "A rewritten headline"
        assert "headline" in store.get_change(url, 2)["kinds"]
        for other in pages[1:]:
            assert store.get_article(site.url + other.path)["version_count"] == 1
