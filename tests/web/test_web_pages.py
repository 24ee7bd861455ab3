"""The HTML pages: latest changes, article history, versions, outlets, search."""

from __future__ import annotations

from newscrawl.store import open_store
from newscrawl.web.db import get_store
from tests.web.sample import GUARDIAN, HOSTILE, LONG, P5, T0


def text(response) -> str:
    return response.get_data(as_text=True)


def test_home_lists_latest_changes_newest_first(client):
    page = text(client.get("/"))
    assert "Latest changes" in page
    first = page.index("version 4 → 5")
    assert first < page.index("version 2 → 3") < page.index("version 1 → 2")
    # The day's trivial change (3 → 4) is folded below the others of its card.
    assert page.index("version 1 → 2") < page.index("version 3 → 4")
    assert f'href="/article?url={GUARDIAN}"' in page
    assert "Minister resigns over expenses row." in page
    assert "2024-03-01 11:20 UTC" in page
    assert 'class="badge sig-substantive"' in page


def test_home_pages(client):
    first, second = text(client.get("/")), text(client.get("/?page=2"))
    assert 'rel="next" href="/?page=2"' in first
    assert 'rel="prev"' in second and 'rel="next" href="/?page=3"' in second
    last = text(client.get("/?page=4"))
    assert 'rel="next"' not in last
    assert "No changes" in text(client.get("/?page=50"))


def test_home_filters(client):
    page = text(client.get("/?outlet=guardian&significance=substantive"))
    # Both substantive changes of the article were found the same day: one card.
    assert page.count('class="change"') == 1 and page.count('class="card-change"') == 2
    assert "Live: day" not in page
    corrected = text(client.get("/?kind=correction"))
    assert corrected.count('class="change"') == 1 and "correction note added" in corrected
    assert "No changes match these filters" in text(client.get("/?outlet=nowhere"))
    assert 'value="guardian" selected' in page


def test_article_page_reads_like_news_sniffer(client):
    page = text(client.get("/article", query_string={"url": GUARDIAN}))
    assert "This article is from the source ‘" in page
    assert "published on 2024-03-01 08:30 UTC and first seen on" in page
    assert "The article has changed <strong>4</strong> times" in page
    assert f'<a class="ext" href="{GUARDIAN}"' in page
    assert "RSS feed of changes" in page
    assert "won’t be checked again" not in page
    for n in range(1, 6):
        assert f"Version {n}</span>" in page
    assert "1 paragraph moved" in page
    assert "flipflop" in page and "1 flip-flop" in page
    assert '<span class="kind ev-flipflop">Headline flip-flop</span>' in page


def test_article_gone_is_not_checked_again(client):
    page = text(client.get("/article", query_string={"url": HOSTILE}))
    assert "won’t be checked again for changes (the page is gone)" in page
    assert "HTTP 410" in page and '<span class="kind ev-gone">Taken down</span>' in page


def test_article_long_history_pages(client):
    first = text(client.get("/article", query_string={"url": LONG}))
    assert "Version 12</span>" in first and "Version 8</span>" in first
    assert "Version 7</span>" not in first and "Page 1 of 3" in first
    third = text(client.get("/article", query_string={"url": LONG, "page": 3}))
    assert "Version 2</span>" in third and "Version 1</span>" in third
    assert "First version seen." in third
    assert client.get("/article", query_string={"url": LONG, "page": 4}).status_code == 404


def test_version_page_and_plain_text(client):
    page = text(client.get("/version", query_string={"url": GUARDIAN, "n": 5}))
    assert "Version 5 of 5" in page and f"<p>{P5}</p>" in page
    assert "This article was amended" in page
    plain = client.get("/version", query_string={"url": GUARDIAN, "n": 5, "format": "txt"})
    assert plain.mimetype == "text/plain"
    body = text(plain)
    assert body.startswith("Minister resigns over expenses row.\n")
    assert f"\n\n{P5}\n" in body and "<p>" not in body


def test_outlets_health(client):
    page = text(client.get("/outlets"))
    assert 'href="/outlet/guardian"' in page and 'href="/outlet/bbc"' in page
    assert "no runs recorded" in page  # bbc never ran
    outlet = text(client.get("/outlet/guardian"))
    assert "Articles tracked</dt><dd>1</dd>" in outlet
    assert "Changes found</dt><dd>4</dd>" in outlet
    assert "Last successful crawl" in outlet and "none recorded" not in outlet
    assert "timeout: 1" in outlet


def test_search_titles_and_text(client):
    page = text(client.get("/search", query_string={"q": "MINISTER"}))
    assert f'href="/article?url={GUARDIAN}"' in page
    added = text(client.get("/search", query_string={"q": "fight to"}))
    assert "No headline contains" in added
    assert "Headline rewritten" in added
    assert "Search" in text(client.get("/search"))


def test_not_found(client):
    for path, query in (
        ("/article", {"url": "https://example.com/nope"}),
        ("/version", {"url": GUARDIAN, "n": 9}),
        ("/diff", {"url": GUARDIAN, "from": 1, "to": 9}),
        ("/diff", {"url": "https://example.com/nope", "to": 2}),
        ("/outlet/nowhere", {}),
        ("/no-such-page", {}),
    ):
        response = client.get(path, query_string=query)
        assert response.status_code == 404, path
        assert "Not found" in text(response)


def test_article_without_versions(app, client):
    url = "https://example.com/just-discovered"
    with open_store(app.config["STORE_URI"]) as store:
        store.upsert_article(url, "guardian", {"first_seen": T0})
    page = text(client.get("/article", query_string={"url": url}))
    assert "It has not changed since newscrawl first saw it" in page
    assert "Version 1" not in page and "Compare" not in page


def test_one_store_serves_every_request(app, client):
    assert client.get("/").status_code == 200
    with app.app_context():
        first = get_store()
    assert client.get("/outlets").status_code == 200
    with app.app_context():
        assert get_store() is first
