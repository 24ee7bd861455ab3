"""News sitemap and RSS feeds: valid, and listing what has been published so far."""

from __future__ import annotations

from datetime import datetime

import feedparser
import pytest
from lxml import etree

from newscrawl.replay import ReplayServer
from tests.replay.conftest import request, step

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
FEEDS = (
    "uk",
    "world",
    "us-news",
    "politics",
    "business",
    "environment",
    "us",
    "au",
    "international",
)


def test_news_sitemap_is_a_valid_google_news_sitemap(demo_server: ReplayServer) -> None:
    reply = request(demo_server.base_url + "/sitemaps/news.xml")
    assert reply.status == 200 and "xml" in reply.headers["content-type"]
    root = etree.fromstring(reply.body)
    assert root.tag == f"{SM}urlset"
    urls = root.findall(f"{SM}url")
    assert len(urls) == 4
    for url in urls:
        assert url.findtext(f"{SM}loc").startswith(demo_server.base_url + "/")
        news = url.find(f"{NEWS}news")
        assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Guardian"
        assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
        published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
        assert published.isoformat() == "2024-05-01T08:00:00+00:00"
        assert news.findtext(f"{NEWS}title")


@pytest.mark.parametrize("feed", FEEDS)
def test_rss_feeds_parse_cleanly(demo_server: ReplayServer, feed: str) -> None:
    reply = request(f"{demo_server.base_url}/{feed}/rss")
    assert reply.status == 200
    parsed = feedparser.parse(reply.body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    for entry in parsed.entries:
        assert entry.link.startswith(demo_server.base_url + "/")
        assert entry.published_parsed is not None


def test_feeds_list_section_or_all(demo_server: ReplayServer) -> None:
    def links(feed: str) -> set[str]:
        return {
            e.link
            for e in feedparser.parse(request(f"{demo_server.base_url}/{feed}/rss").body).entries
        }

    everything = links("uk")
    assert len(everything) == 4 and links("international") == everything
    assert {u.split("/")[3] for u in links("business")} == {"business"}
    assert len(links("business")) == 2
    assert len(links("politics")) == 1
    assert links("world") == set()


def test_feeds_follow_headline_rewrites_and_takedowns(demo_server: ReplayServer) -> None:
    step(demo_server)  # step 1: the economy headline is rewritten
    titles = [
        e.title
        for e in feedparser.parse(request(demo_server.base_url + "/business/rss").body).entries
    ]
    assert "UK economy unexpectedly shrinks by 0.3% as strikes and rain hit spending" in titles
    step(demo_server, to=5)  # the RBS story is deleted
    root = etree.fromstring(request(demo_server.base_url + "/sitemaps/news.xml").body)
    locs = [u.findtext(f"{SM}loc") for u in root.findall(f"{SM}url")]
    assert len(locs) == 3 and not any("anger-grows-rbs" in u for u in locs)
