"""Store contract: streaming reads of changes, versions and takedowns (both backends)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newscrawl.store import Store
from tests.store.samples import T0, URL, change, version

OTHER = "https://www.example.org/other"


@pytest.fixture
def filled(store: Store) -> Store:
    for minutes, url, outlet in ((0, URL, "example"), (5, OTHER, "other")):
        for i in range(4):
            store.add_version(url, version(f"{url}-{i}", minutes=minutes + i, outlet=outlet))
            if i:
                store.add_change(change(i + 1, url=url, minutes=minutes + i) | {"outlet": outlet})
    return store


def test_iter_changes_oldest_first_in_small_batches(filled: Store) -> None:
    found = list(filled.iter_changes(batch=2))
    assert len(found) == 6
    times = [c["detected"] for c in found]
    assert times == sorted(times)
    assert found[0] == filled.get_change(URL, 2)


def test_iter_changes_by_outlet_and_time(filled: Store) -> None:
    assert {c["url"] for c in filled.iter_changes(outlet="other", batch=1)} == {OTHER}
    since, until = T0 + timedelta(minutes=2), T0 + timedelta(minutes=7)
    found = list(filled.iter_changes(since=since, until=until, batch=1))
    # Half-open: detected at ``until`` (OTHER v3, minute 7) is left out.
    assert [(c["url"], c["to_version"]) for c in found] == [(URL, 3), (URL, 4), (OTHER, 2)]
    assert list(filled.iter_changes(outlet="nobody")) == []


def test_iter_versions_by_url_and_number_without_raw_html(filled: Store) -> None:
    found = list(filled.iter_versions(batch=3))
    assert [(v["url"], v["number"]) for v in found] == sorted(
        (u, n) for u in (URL, OTHER) for n in range(1, 5)
    )
    assert all("raw_html" not in v for v in found)
    assert found[0] == filled.get_version(found[0]["url"], 1)
    mine = list(filled.iter_versions(outlet="example", since=T0 + timedelta(minutes=1)))
    assert [v["number"] for v in mine] == [2, 3, 4]
    assert list(filled.iter_versions(until=T0)) == []


def test_streams_are_iterators_not_lists(filled: Store) -> None:
    # Memory staying flat is measured by the export benchmark; here: nothing is a list.
    for stream in (filled.iter_changes(batch=1), filled.iter_versions(batch=1)):
        assert iter(stream) is stream and not isinstance(stream, list)
        assert next(stream)["url"]


def test_gone_articles_since(store: Store) -> None:
    store.upsert_article(URL, "example", {})
    store.upsert_article(OTHER, "other", {})
    store.update_article(URL, {"status": "gone", "next_check": None, "last_checked": T0})
    store.update_article(OTHER, {"last_checked": T0})
    assert [a["url"] for a in store.gone_articles(T0)] == [URL]
    assert store.gone_articles(T0 + timedelta(seconds=1)) == []
