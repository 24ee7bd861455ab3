"""Store contract: batch article lookups, change ages and per-outlet state (both backends)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from newscrawl.store import Store
from tests.store.samples import T0, change


def test_get_articles_answers_a_batch_in_one_call(store: Store) -> None:
    for i in range(3):
        store.upsert_article(f"https://e.com/{i}", "example", {"title": f"T{i}"})
    urls = [f"https://e.com/{i}" for i in range(5)] + ["https://e.com/0"]
    found = store.get_articles(urls)
    assert sorted(found) == ["https://e.com/0", "https://e.com/1", "https://e.com/2"]
    assert found["https://e.com/1"]["title"] == "T1"
    assert found["https://e.com/1"] == store.get_article("https://e.com/1")
    assert store.get_articles([]) == {}


def test_get_articles_beyond_one_query_chunk(store: Store) -> None:
    urls = [f"https://e.com/{i}" for i in range(1200)]
    for url in urls[::100]:
        store.upsert_article(url, "example", {})
    assert sorted(store.get_articles(urls)) == sorted(urls[::100])


def test_get_articles_rejects_operators(store: Store) -> None:
    with pytest.raises(ValueError):
        store.get_articles([{"$ne": ""}])  # type: ignore[list-item]


def test_change_ages_give_publication_and_detection(store: Store) -> None:
    published = "2024-05-01T08:00:00+00:00"
    store.upsert_article("https://e.com/a", "example", {"published": published, "first_seen": T0})
    store.upsert_article("https://e.com/b", "example", {"first_seen": T0})
    store.upsert_article("https://e.com/c", "other", {"first_seen": T0})
    store.add_change(change(2, url="https://e.com/a", minutes=30))
    store.add_change(change(3, url="https://e.com/a", minutes=90))
    store.add_change(change(2, url="https://e.com/b", minutes=60))
    store.add_change({**change(2, url="https://e.com/c", minutes=5), "outlet": "other"})
    ages = store.change_ages("example")
    assert [(a["url"], a["detected"]) for a in ages] == [
        ("https://e.com/a", T0 + timedelta(minutes=90)),
        ("https://e.com/b", T0 + timedelta(minutes=60)),
        ("https://e.com/a", T0 + timedelta(minutes=30)),
    ]
    assert ages[0]["published"] == published and ages[0]["first_seen"] == T0
    assert ages[1]["published"] is None
    assert len(store.change_ages("example", limit=2)) == 2
    assert store.change_ages("nobody") == []


def test_outlet_state_starts_empty_then_sets_and_counts(store: Store) -> None:
    assert store.outlet_state("example") == {"outlet": "example"}
    store.update_outlet_state("example", {"sitemap_last_wrong": T0}, {"sitemap_wrong": 1})
    store.update_outlet_state("example", {"sitemap_streak": 0}, {"sitemap_wrong": 2})
    state = store.outlet_state("example")
    assert state == {
        "outlet": "example",
        "sitemap_last_wrong": T0,
        "sitemap_streak": 0,
        "sitemap_wrong": 3,
    }
    assert store.outlet_state("other") == {"outlet": "other"}
    with pytest.raises(ValueError):
        store.update_outlet_state("example", {"outlet": "x"})
    with pytest.raises(ValueError):
        store.update_outlet_state("example", {}, {"n": "1"})
    with pytest.raises(ValueError):
        store.outlet_state({"$ne": ""})  # type: ignore[arg-type]


def test_outlet_state_increments_are_atomic(store: Store) -> None:
    def bump() -> None:
        for _ in range(20):
            store.update_outlet_state("example", {}, {"feed_right": 1})

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.outlet_state("example")["feed_right"] == 80
