"""Real `scrapy crawl nytimes` and `scrapy crawl washingtonpost` runs against local sites of
their real pages: discovery from the outlets' feeds, news sitemaps and fronts, then an edit."""

from __future__ import annotations

import gzip

from newscrawl.outlets import get_extractor
from newscrawl.store import open_store
from tests.crawl.conftest import later, load_page, news_sitemap, rss
from tests.crawl.test_guardian_crawl import assert_clean

# Real NYT pages of four templates, served at their real paths.
NYT_ARTICLES = [
    "pages/nytimes/wpp--bb9d6bc4-khaled-meshal-the-leader-of-hamas-vacates-damascus.html",  # 2012
    "pages/nytimes/readability--nytimes-1.html",  # story-body-text, 2017
    "pages/nytimes/wpp--ignoring-deadlines-2021.html",  # section[name=articleBody]
    "pages/nytimes/postlight--www.nytimes.com--feature.html",  # /interactive/ feature
]
NYT_NEVER = [
    "/video/world/middleeast/100000004000000/gaza-strip.html",
    "/slideshow/2016/09/15/arts/design/museum-slideshow.html",
    "/section/world",
    "/live/2020/08/27/us/rnc-live-updates",
    "/podcasts/the-daily/convention.html",
]
# Real Post pages: 2014, 2015, 2018 (articleBody) and a /news/<blog>/wp/ column.
WAPO_ARTICLES = [
    "pages/washingtonpost/wpp--pentagon-confirms-al-shabab-leader-killed.html",
    "pages/washingtonpost/readability--wapo-1.html",
    "pages/washingtonpost/wpp--trump-kim-summit.html",
    "pages/washingtonpost/postlight--www.washingtonpost.com.html",
]
WAPO_NEVER = [
    "/video/politics/trump-kim-summit/2018/06/12/ff43465a-6dba-11e8-bf86-a2351b5ece99_video.html",
    "/photography/2018/06/12/scenes-from-singapore/",
    "/politics/",
    "/podcasts/post-reports/the-summit/",
]


def _links(paths: list[str]) -> str:
    return "<html><body>" + "".join(f'<a href="{p}">x</a>' for p in paths) + "</body></html>"


def _stored(sqlite_uri, site, outlet, pages):
    with open_store(sqlite_uri) as store:
        assert store.count_articles(outlet) == len(pages)
        for page in pages:
            url = site.url + page.path
            article = store.get_article(url)
            assert article["outlet"] == outlet
            assert article["title"] == page.title
            assert article["version_count"] == 1
            assert store.latest_version(url)["extractor"] == get_extractor(outlet).ident


def _edit_is_stored(site, crawl, sqlite_uri, outlet, page, new_title):
    edited = page.html.replace(page.title.encode(), new_title.encode())
    assert edited != page.html
    site.set(page.path, edited)
    result = crawl("discover=0", now=later(31), spider=outlet)
    assert result.returncode == 0
    assert_clean(result)
    with open_store(sqlite_uri) as store:
        url = site.url + page.path
        assert store.get_article(url)["version_count"] == 2
        assert store.latest_version(url)["title"] == new_title
        assert "headline" in store.get_change(url, 2)["kinds"]


def test_nytimes_discovery_from_feed_and_gzipped_news_sitemap_then_an_edit(
    site, crawl, sqlite_uri, corpus
):
    pages = [load_page(corpus, name) for name in NYT_ARTICLES]
    for page in pages:
        site.set(page.path, page.html)
    for path in NYT_NEVER:
        site.set(path, _links([pages[0].path]))
    feed = rss(site.url, [pages[0].path, pages[1].path, NYT_NEVER[0], NYT_NEVER[1]])
    site.set("/services/xml/rss/nyt/HomePage.xml", feed, content_type="application/rss+xml")
    # The NYT serves its news sitemap as a gzip file.
    sitemap = news_sitemap(site.url, [pages[2].path, pages[3].path, *NYT_NEVER[2:]])
    site.set(
        "/sitemaps/new/news.xml.gz",
        gzip.compress(sitemap.encode()),
        content_type="application/octet-stream",
    )

    result = crawl(f"site={site.url}", spider="nytimes")

    assert result.returncode == 0
    assert_clean(result)
    _stored(sqlite_uri, site, "nytimes", pages)
    assert all(site.hits[p.path] == 1 for p in pages)
    assert all(site.hits[path] == 0 for path in NYT_NEVER)

    _edit_is_stored(site, crawl, sqlite_uri, "nytimes", pages[1], "Sudan Sanctions Stay")


def test_washingtonpost_discovery_from_news_sitemap_and_fronts_then_an_edit(
    site, crawl, sqlite_uri, corpus
):
    pages = [load_page(corpus, name) for name in WAPO_ARTICLES]
    for page in pages:
        site.set(page.path, page.html)
    for path in WAPO_NEVER:
        site.set(path, _links([pages[0].path]))
    site.set(
        "/arcio/news-sitemap/",
        news_sitemap(site.url, [pages[0].path, WAPO_NEVER[0]]),
        content_type="application/xml",
    )
    # Its robots.txt disallows /pb/, where its old site feeds were: never read.
    site.set("/pb/national/?resType=rss", rss(site.url, [pages[1].path]))
    site.set("/politics/", _links([pages[1].path, WAPO_NEVER[1]]))
    site.set("/", _links([pages[2].path, pages[3].path, WAPO_NEVER[2], WAPO_NEVER[3]]))

    result = crawl(f"site={site.url}", spider="washingtonpost")

    assert result.returncode == 0
    assert_clean(result)
    _stored(sqlite_uri, site, "washingtonpost", pages)
    assert all(site.hits[p.path] == 1 for p in pages)
    assert all(site.hits[path] == 0 for path in WAPO_NEVER[:2] + WAPO_NEVER[3:])
    assert site.hits["/"] == site.hits["/politics/"] == 1
    assert site.hits["/pb/national/?resType=rss"] == 0

    _edit_is_stored(site, crawl, sqlite_uri, "washingtonpost", pages[2], "Trump and Kim part")
