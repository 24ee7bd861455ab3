"""RSS 2.0 and Atom feeds parse back cleanly and link to the diff pages."""

from __future__ import annotations

import feedparser
import pytest

from tests.web.sample import GUARDIAN, HOSTILE, XSS_TITLE


def parse(client, path: str, **query):
    response = client.get(path, query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("fmt, version", [("rss", "rss20"), ("atom", "atom10")])
def test_all_changes_feed(client, fmt, version):
    response, feed = parse(client, f"/feeds/changes.{fmt}")
    assert response.mimetype == f"application/{fmt}+xml"
    assert feed.version == version
    assert len(feed.entries) == 5  # one page
    first = feed.entries[0]
    assert first.title.startswith("Minister resigns over expenses row.: 1 paragraph added")
    assert first.link == f"http://localhost/diff?url={GUARDIAN}&from=4&to=5"
    assert first.published_parsed[:5] == (2024, 3, 1, 11, 20)
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_filtered_changes_feed(client):
    _, feed = parse(client, "/feeds/changes.rss", significance="substantive", outlet="guardian")
    assert len(feed.entries) == 2
    assert all("guardian" in e.summary for e in feed.entries)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_outlet_feed(client, fmt):
    _, feed = parse(client, f"/feeds/outlet/guardian.{fmt}")
    assert len(feed.entries) == 4
    assert all(e.link.startswith(f"http://localhost/diff?url={GUARDIAN}") for e in feed.entries)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_article_feed_with_hostile_text(client, fmt):
    response, feed = parse(client, f"/feeds/article.{fmt}", url=HOSTILE)
    assert len(feed.entries) == 1
    assert feed.entries[0].title.startswith(XSS_TITLE)  # kept as text, escaped in the XML
    assert b"<script>" not in response.data


def test_search_feed(client):
    _, feed = parse(client, "/feeds/search.atom", q="fight to")
    assert [e.title for e in feed.entries] == [
        "Minister resigns over expenses row: Headline rewritten; 1 paragraph edited (+4/-2 words)"
    ]


def test_feed_errors(client):
    assert client.get("/feeds/changes.json").status_code == 404
    assert client.get("/feeds/article.rss", query_string={"url": "nope"}).status_code == 404
    assert client.get("/feeds/search.rss").status_code == 400
    assert client.get("/feeds/changes.rss?outlet[$ne]=x").status_code == 400
