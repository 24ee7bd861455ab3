"""Real `scrapy crawl reuters|apnews|cnn` runs against local sites of each outlet's real
pages, found through its news sitemap and fronts, then a re-check that stores an edit."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from newscrawl.outlets import get_extractor
from newscrawl.outlets.declarations import builtin_outlets
from newscrawl.store import open_store
from tests.crawl.conftest import later, load_page, news_sitemap
from tests.crawl.test_guardian_crawl import assert_clean
from tests.extraction.groundtruth import outlet_pages


@dataclass(frozen=True)
class Outlet:
    name: str
    sitemap: str
    front: str
    in_sitemap: tuple[str, ...]
    on_front: tuple[str, ...]
    never: tuple[str, ...]
    """Video, live, gallery and section pages linked from the front: never fetched."""
    edit: tuple[bytes, bytes]
    """A sentence of the first page and its edited form."""


OUTLETS = [
    Outlet(
        "reuters",
        "/arc/outboundfeeds/news-sitemap-index/?outputType=xml",
        "/world/",
        ("pages/reuters/fundus--Reuters_2023_05_16.html",),  # 2021 template
        (
            "pages/reuters/postlight--www.reuters.com.html",  # 2018, /article/...-idUS...
            "pages/reuters/postlight--widerimage.reuters.com--1589559956882.html",  # /story/
        ),
        (
            "/video/watch/idOV123456789RTRMADP",
            "/pictures/floods-in-nepal-2023-04-25/",
            "/world/live/",
            "/lifestyle/",
        ),
        (b"flight carrying 167 passengers", b"flight carrying 176 passengers"),
    ),
    Outlet(
        "apnews",
        "/news-sitemap-content.xml",
        "/world-news",
        (
            "pages/apnews/fundus--APNews_2023_04_28.html",
            "pages/apnews/fundus--6008cccd-APNews_2023_07_11.html",
        ),
        ("pages/apnews/fundus--80112df5-APNews.html", "pages/apnews/fundus--fa3bffc7-APNews.html"),
        (
            "/video/mexico-economy-3cc842471fb9df42315d658d88c8403a",
            "/gallery/nashville-vigil-3dfb2fcbb22ff8638074fd90c7b266fd",
            "/hub/mexico",
            "/live/nashville-school-shooting-updates",
        ),
        (b"grew by 1.1% in the first quarter", b"grew by 1.4% in the first quarter"),
    ),
    Outlet(
        "cnn",
        "/sitemaps/cnn/news.xml",
        "/politics",
        (
            "pages/cnn/newspaper4k--cnn_001.html",  # 2023
            "pages/cnn/postlight--www.cnn.com.html",  # 2016 story in the 2022 template
        ),
        (
            "pages/cnn/newspaper--cnn_article.html",  # 2013
            "pages/cnn/postlight--money.cnn.com.html",  # money.cnn.com
            "pages/cnn/readability--cnn.html",
        ),
        (
            "/videos/politics/2023/11/06/alito-prelogar-analysis.cnn",
            "/2023/11/06/politics/gallery/supreme-court-justices/index.html",
            "/politics/live-news/supreme-court-arguments-11-06-23/index.html",
            "/2023/11/06/politics/live-news/supreme-court/index.html",
        ),
        (b"cool words from a transcript", b"warm words from a transcript"),
    ),
]


@pytest.mark.parametrize("outlet", OUTLETS, ids=[o.name for o in OUTLETS])
def test_discovery_from_sitemap_and_front_then_an_edit(site, crawl, sqlite_uri, corpus, outlet):
    mapped = [load_page(corpus, name) for name in outlet.in_sitemap]
    fronted = [load_page(corpus, name) for name in outlet.on_front]
    pages = mapped + fronted
    for page in pages:
        site.set(page.path, page.html)
    for path in outlet.never:
        site.set(path, "<html><head><title>Not an article</title></head><body>x</body></html>")
    site.set(
        outlet.sitemap,
        news_sitemap(site.url, [p.path for p in mapped] + [outlet.never[0]]),
        content_type="application/xml",
    )
    links = "".join(f'<a href="{p}">x</a>' for p in [*(p.path for p in fronted), *outlet.never])
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
    assert {path: site.hits[path] for path in outlet.never} == dict.fromkeys(outlet.never, 0)
    assert site.hits[outlet.sitemap] == site.hits[outlet.front] == 1

    # The newsroom edits a sentence of the first page: the re-check stores version 2.
    page = pages[0]
    old, new = outlet.edit
    assert old in page.html
    site.set(page.path, page.html.replace(old, new))
    result = crawl("discover=0", now=later(31), spider=outlet.name)
    assert result.returncode == 0
    assert_clean(result)
    with open_store(sqlite_uri) as store:
        url = site.url + page.path
        assert store.get_article(url)["version_count"] == 2
        change = store.get_change(url, 2)
        assert "body" in change["kinds"]
        assert any(new.decode() in (e.get("new") or "") for e in change["edits"])
        assert store.get_article(site.url + pages[1].path)["version_count"] == 1


# Links of each outlet that discovery must never follow as articles (real URL shapes).
NOT_ARTICLE_URLS = {
    "reuters": [
        "https://www.reuters.com/video/watch/idOV123456789RTRMADP",
        "https://www.reuters.com/pictures/floods-in-nepal-2023-04-25/",
        "https://www.reuters.com/world/",
        "https://www.reuters.com/markets/quote/LART.NS",
        "https://www.reuters.com/authors/gopal-sharma/",
    ],
    "apnews": [
        "https://apnews.com/video/mexico-economy-3cc842471fb9df42315d658d88c8403a",
        "https://apnews.com/gallery/photos-nashville-vigil-3dfb2fcbb22ff8638074fd90c7b266fd",
        "https://apnews.com/hub/mexico",
        "https://apnews.com/live/nashville-school-shooting-updates",
        "https://apnews.com/world-news",
    ],
    "cnn": [
        "https://www.cnn.com/videos/politics/2023/11/06/alito-prelogar-analysis.cnn",
        "https://www.cnn.com/2023/11/06/politics/gallery/supreme-court-justices/index.html",
        "https://edition.cnn.com/politics/live-news/supreme-court-11-06-23/index.html",
        "https://www.cnn.com/audio/podcasts/axe-files/episodes/02",
        "https://www.cnn.com/politics",
    ],
}


@pytest.mark.parametrize("outlet", sorted(NOT_ARTICLE_URLS))
def test_every_corpus_article_url_is_an_article_and_no_other(corpus, outlet):
    declared = builtin_outlets()[outlet]
    urls = [page.url for page in outlet_pages(corpus, outlet)]
    hosts = set(declared.hosts)

    def article(url: str) -> bool:
        path = urlsplit(url).path
        return bool(
            declared.article_pattern.search(path)
            and not declared.excluded_pattern.search(path)
            and not declared.live_pattern.search(path)
        )

    assert {urlsplit(u).hostname for u in urls} <= hosts
    assert [u for u in urls if not article(u)] == []
    assert [u for u in NOT_ARTICLE_URLS[outlet] if article(u)] == []
