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
    # The takedown (15:00) and the flip-flop (13:00) are newer than any change.
    gone, flipflop, first = feed.entries[:3]
    assert gone.title == f"Taken down: {XSS_TITLE}"
    assert gone.link == f"http://localhost/article?url={HOSTILE}"
    assert gone.published_parsed[:5] == (2024, 3, 1, 15, 0)
    assert "HTTP 410" in gone.summary
    assert flipflop.title == "Headline flip-flop: Minister resigns over expenses row."
    assert first.title.startswith("Minister resigns over expenses row.: 1 paragraph added")
    assert first.link == f"http://localhost/diff?url={GUARDIAN}&from=4&to=5"
    assert first.published_parsed[:5] == (2024, 3, 1, 11, 20)
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert len({e.id for e in feed.entries}) == 5


def test_filtered_changes_feed(client):
    _, feed = parse(client, "/feeds/changes.rss", significance="substantive", outlet="guardian")
    assert len(feed.entries) == 2
    assert all("guardian" in e.summary for e in feed.entries)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_outlet_feed(client, fmt):
    _, feed = parse(client, f"/feeds/outlet/guardian.{fmt}")
    assert len(feed.entries) == 5
    assert feed.entries[0].title.startswith("Headline flip-flop: ")
    changes = feed.entries[1:]
    assert all(e.link.startswith(f"http://localhost/diff?url={GUARDIAN}") for e in changes)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_article_feed_with_hostile_text(client, fmt):
    response, feed = parse(client, f"/feeds/article.{fmt}", url=HOSTILE)
    assert [e.title.split(":")[0] for e in feed.entries] == ["Taken down", XSS_TITLE]
    assert feed.entries[1].title.startswith(XSS_TITLE)  # kept as text, escaped in the XML
    assert b"<script>" not in response.data
    # The snippet's hostile text is escaped inside the entry's HTML, never markup.
    assert "<ins" in feed.entries[1].content[0].value
    assert "&lt;b&gt;&lt;i&gt;unclosed" in feed.entries[1].content[0].value


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


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_entries_show_the_changed_words(client, fmt):
    _, feed = parse(client, f"/feeds/article.{fmt}", url=GUARDIAN)
    by_title = {e.title.split(": ", 1)[1]: e for e in feed.entries if ": " in e.title}
    edited = by_title["Headline rewritten; 1 paragraph edited (+4/-2 words)"]
    # The text summary carries the snippet, with its insertions marked.
    assert "would **fight to** clear her name" in edited.summary
    assert "Headline: Minister ~~under pressure~~ **resigns** over expenses" in edited.summary
    # The HTML content is a compact diff a feed reader shows as such.
    html = edited.content[0].value
    assert ">fight to </ins>clear her name" in html
    assert ">under pressure </del>" in html and "line-through" in html
    added = by_title["1 paragraph added; 1 correction note added (+21/-0 words)"]
    assert "12 claims were under review." in added.content[0].value


def test_filtered_feeds_leave_events_out(client):
    _, feed = parse(client, "/feeds/changes.rss", uncorrected="1")
    assert len(feed.entries) == 5
    assert all("no correction note" in e.content[0].value for e in feed.entries)
    _, feed = parse(client, "/feeds/changes.atom", kind="headline")
    assert not any(e.title.startswith(("Taken down", "Headline flip-flop")) for e in feed.entries)
