"""Store contract: article events listed across articles, newest first (both backends)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newscrawl.store import Store
from tests.store.samples import T0, URL

OTHER = "https://www.example.org/other"
QUIET = "https://www.example.org/quiet"


@pytest.fixture
def eventful(store: Store) -> Store:
    store.upsert_article(URL, "example", {"title": "Minister resigns"})
    store.upsert_article(OTHER, "other", {"title": "Weather"})
    store.upsert_article(QUIET, "other", {"title": "Nothing happens"})
    store.add_event(URL, "flipflop", "returned to the text of version 1", T0)
    store.add_event(OTHER, "failed", "HTTP 503", T0 + timedelta(minutes=1))
    store.add_event(
        OTHER, "redirected", "to https://www.example.org/new", T0 + timedelta(minutes=2)
    )
    store.add_event(URL, "gone", "HTTP 410", T0 + timedelta(minutes=3))
    return store


def summary(events: list[dict]) -> list[tuple[str, str]]:
    return [(e["kind"], e["outlet"]) for e in events]


def test_list_events_newest_first_with_article_fields(eventful: Store) -> None:
    events = eventful.list_events()
    assert summary(events) == [
        ("gone", "example"),
        ("redirected", "other"),
        ("failed", "other"),
        ("flipflop", "example"),
    ]
    assert events[0] == {
        "url": URL,
        "outlet": "example",
        "title": "Minister resigns",
        "time": T0 + timedelta(minutes=3),
        "kind": "gone",
        "detail": "HTTP 410",
    }


def test_list_events_filters_and_pages(eventful: Store) -> None:
    wanted = ("gone", "redirected", "flipflop")
    assert summary(eventful.list_events(kinds=wanted)) == [
        ("gone", "example"),
        ("redirected", "other"),
        ("flipflop", "example"),
    ]
    assert summary(eventful.list_events(kinds=wanted, outlet="other")) == [("redirected", "other")]
    assert summary(eventful.list_events(kinds=["gone"], skip=0, limit=1)) == [("gone", "example")]
    assert summary(eventful.list_events(kinds=wanted, skip=1, limit=1)) == [("redirected", "other")]
    assert eventful.list_events(kinds=wanted, limit=0) == []
    assert eventful.list_events(kinds=[]) == []
    assert eventful.list_events(kinds=["reextracted"]) == []
    assert eventful.list_events(outlet="nowhere") == []


def test_list_events_on_an_empty_store(store: Store) -> None:
    assert store.list_events() == []


@pytest.mark.parametrize("bad", [{"$ne": None}, 3, ["gone"]])
def test_list_events_rejects_operators(eventful: Store, bad: object) -> None:
    with pytest.raises(ValueError):
        eventful.list_events(outlet=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        eventful.list_events(kinds=[bad])  # type: ignore[list-item]
