"""The viewer under one hostile article: lists stay small, live diffs stay bounded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newscrawl.store import open_store
from newscrawl.web import create_app
from newscrawl.web.db import close_store
from tests.web.sample import T0, add_article

HUGE = "https://www.example.com/news/huge"
MARK = "Zebulon"


def huge_versions(count: int, words: int) -> list[dict]:
    """Versions sharing a long unchanged text (in every change's ``sides``, never in its
    added or removed words), each with one edited paragraph."""
    shared = [f"{MARK} paragraph {j} " + "filler " * 30 for j in range(words // 32)]
    return [
        {"title": f"Huge page, take {i + 1}", "paragraphs": [*shared, f"Edit number {i}."]}
        for i in range(count)
    ]


@pytest.fixture
def huge_client(sqlite_uri: str):
    with open_store(sqlite_uri) as store:
        add_article(store, HUGE, "example", huge_versions(3, 12_000), T0, timedelta(hours=1))
    app = create_app({"STORE_URI": sqlite_uri, "TESTING": True, "LIVE_DIFF_MAX_WORDS": 20_000})
    with app.test_client() as client:
        yield client
    close_store(app)


@pytest.mark.parametrize(
    "path, query",
    [
        ("/", {}),
        ("/api/changes", {}),
        ("/article", {"url": HUGE}),
        ("/feeds/changes.rss", {}),
        ("/feeds/article.atom", {"url": HUGE}),
        ("/search", {"q": "Huge"}),
    ],
)
def test_lists_do_not_ship_the_full_sides_of_changes(huge_client, path, query):
    """Reproduces issue 13: every list decoded and shipped each change's full ``sides``
    and ``edits`` (the words of both versions): /api/changes returned 153 MB."""
    reply = huge_client.get(path, query_string=query)
    assert reply.status_code == 200
    assert reply.data.count(MARK.encode()) == 0
    assert len(reply.data) < 100_000


def test_the_article_api_lists_changes_without_their_sides(huge_client):
    data = huge_client.get("/api/article", query_string={"url": HUGE}).get_json()
    assert [c["to_version"] for c in data["changes"]] == [3, 2]
    assert all(not {"sides", "edits"} & set(c) for c in data["changes"])


def test_a_live_diff_over_the_limit_is_refused_with_a_reason(huge_client):
    """Reproduces issue 13: a live diff of any two versions had no bound. Two versions of
    24,000 words together pass the limit of 20,000: a 413 that says what to do."""
    for path in ("/diff", "/api/diff"):
        reply = huge_client.get(path, query_string={"url": HUGE, "from": 1, "to": 3})
        assert reply.status_code == 413
        assert b"too large to compare" in reply.data
    # Consecutive versions have a stored change record: shown whatever their size.
    stored = huge_client.get("/api/diff", query_string={"url": HUGE, "from": 1, "to": 2})
    assert stored.status_code == 200 and stored.get_json()["stored"] is True
