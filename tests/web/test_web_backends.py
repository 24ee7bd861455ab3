"""The main routes over each store backend (SQLite and MongoDB)."""

from __future__ import annotations

import feedparser

from tests.web.sample import GUARDIAN, LONG


def test_main_routes_on_every_backend(any_client):
    client = any_client
    home = client.get("/").get_data(as_text=True)
    assert "version 4 → 5" in home and 'rel="next"' in home
    assert (
        client.get("/?outlet=guardian&kind=correction")
        .get_data(as_text=True)
        .count('class="change"')
        == 1
    )
    article = client.get("/article", query_string={"url": LONG, "page": 3})
    assert "Page 3 of 3" in article.get_data(as_text=True)
    stored = client.get("/diff", query_string={"url": GUARDIAN, "from": 1, "to": 2})
    assert "<ins>resigns</ins>" in stored.get_data(as_text=True)
    fresh = client.get("/diff", query_string={"url": GUARDIAN, "from": 1, "to": 5})
    assert "compared on request" in fresh.get_data(as_text=True)
    assert client.get("/version", query_string={"url": GUARDIAN, "n": 3}).status_code == 200
    assert "Changes found</dt><dd>4</dd>" in client.get("/outlet/guardian").get_data(as_text=True)
    search = client.get("/api/search", query_string={"q": "fight to"}).get_json()
    assert [c["to_version"] for c in search["changes"]] == [2]
    feed = feedparser.parse(client.get("/feeds/changes.atom").data)
    assert not feed.bozo and len(feed.entries) == 5
    assert client.get("/article", query_string={"url": "https://x.test/"}).status_code == 404


def test_new_views_on_every_backend(any_client):
    client = any_client
    home = client.get("/").get_data(as_text=True)
    assert "would <ins>fight to </ins>clear her name." in home
    assert "4 changes on 2024-03-01" in home and "Taken down" in home
    assert "HTTP 410" in client.get("/?event=gone").get_data(as_text=True)
    flagged = client.get("/?uncorrected=1").get_data(as_text=True)
    assert "Live: day" in flagged and "Minister resigns" not in flagged
    assert "Headline flip-flop" in client.get("/outlet/guardian").get_data(as_text=True)
    raw = client.get("/raw", query_string={"url": GUARDIAN, "n": 2})
    assert raw.status_code == 200 and raw.headers["Content-Security-Policy"].startswith("sandbox")
    entries = feedparser.parse(client.get("/feeds/outlet/guardian.atom").data).entries
    assert "<ins" in entries[-1].content[0].value
    events = client.get("/api/events").get_json()["events"]
    assert [e["kind"] for e in events] == ["gone", "flipflop"]
