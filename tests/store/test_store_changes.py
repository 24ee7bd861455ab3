"""Store contract: change records, their filters and paging, and history() (both backends)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newscrawl.store import Store
from tests.store.samples import T0, URL, change, version

OTHER = "https://www.example.org/other"


def test_add_change_is_idempotent_and_counted(store: Store) -> None:
    store.upsert_article(URL, "example", {})
    record = change(2)
    assert store.add_change(record) is True
    assert store.add_change(record) is False
    assert store.add_change(change(2, summary="a different retry")) is False
    assert store.count_changes() == 1
    stored = store.get_change(URL, 2)
    assert stored is not None
    assert stored == record
    assert store.get_change(URL, 3) is None
    store.add_change(change(3))
    assert store.get_article(URL)["change_count"] == 2  # type: ignore[index]


def test_versions_missing_change(store: Store) -> None:
    for i in range(4):
        store.add_version(URL, version(f"f{i}"))
    store.add_change(change(3))
    assert store.versions_missing_change(URL) == [2, 4]
    store.add_change(change(2))
    store.add_change(change(4))
    assert store.versions_missing_change(URL) == []
    assert store.versions_missing_change(OTHER) == []


@pytest.fixture
def several(store: Store) -> Store:
    """Five changes over two outlets, one minute apart (the last is the newest)."""
    store.add_change(change(2, minutes=1, significance="trivial", kinds=["body"]))
    store.add_change(
        change(3, minutes=2, significance="substantive", kinds=["headline", "body"])
        | {"title": "Minister RESIGNS", "uncorrected": True}
    )
    store.add_change(
        change(4, minutes=3, kinds=["correction"], added_text="costs rose 5% (.*) not $where")
    )
    store.add_change(
        change(2, url=OTHER, minutes=4, significance="substantive", kinds=["byline"])
        | {"outlet": "other", "removed_text": "Ünïcödé Straße", "added_text": ""}
    )
    store.add_change(change(3, url=OTHER, minutes=5) | {"outlet": "other", "title": "Weather"})
    return store


def keys(changes: list[dict]) -> list[tuple[str, int]]:
    return [("o" if c["url"] == OTHER else "e", c["to_version"]) for c in changes]


def test_list_changes_newest_first_and_paged(several: Store) -> None:
    assert keys(several.list_changes()) == [("o", 3), ("o", 2), ("e", 4), ("e", 3), ("e", 2)]
    assert keys(several.list_changes(skip=1, limit=2)) == [("o", 2), ("e", 4)]
    assert keys(several.list_changes(skip=4, limit=10)) == [("e", 2)]
    assert several.list_changes(skip=5) == []
    assert several.list_changes(limit=0) == []


def test_list_changes_filters(several: Store) -> None:
    assert keys(several.list_changes(url=OTHER)) == [("o", 3), ("o", 2)]
    assert keys(several.list_changes(outlet="example")) == [("e", 4), ("e", 3), ("e", 2)]
    assert keys(several.list_changes(significance="substantive")) == [("o", 2), ("e", 3)]
    assert keys(several.list_changes(kind="body")) == [("o", 3), ("e", 3), ("e", 2)]
    assert keys(several.list_changes(kind="byline")) == [("o", 2)]
    assert keys(several.list_changes(outlet="example", significance="substantive")) == [("e", 3)]
    assert several.count_changes() == 5
    assert several.count_changes(outlet="other") == 2
    assert several.count_changes(url=URL) == 3
    assert several.count_changes(outlet="other", url=URL) == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("minister resigns", [("e", 3)]),  # title, any case
        ("(.*)", [("e", 4)]),  # regex metacharacters are literal
        (".*", [("e", 4)]),
        ("$where", [("e", 4)]),
        ("5%", [("e", 4)]),
        ("5_", []),
        ("straße", [("o", 2)]),  # removed text, non-ASCII
        ("ÜNÏCÖDÉ", [("o", 2)]),
        ("new words", [("o", 3), ("e", 3), ("e", 2)]),  # added text
        ("^Weather$", []),
        ("nothing like this", []),
    ],
)
def test_list_changes_query_is_literal_and_case_insensitive(
    several: Store, query: str, expected: list[tuple[str, int]]
) -> None:
    assert keys(several.list_changes(query=query)) == expected


@pytest.mark.parametrize("bad", [{"$ne": None}, {"$regex": ".*"}, 3, ["body"]])
def test_list_changes_rejects_operators(several: Store, bad: object) -> None:
    for name in ("url", "outlet", "significance", "kind", "query"):
        with pytest.raises(ValueError):
            several.list_changes(**{name: bad})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        several.count_changes(outlet=bad)  # type: ignore[arg-type]


def test_history_collects_article_versions_and_changes(store: Store) -> None:
    assert store.history(URL) is None
    store.upsert_article(URL, "example", {"title": "Headline c"})
    for i, fingerprint in enumerate("abc"):
        store.add_version(URL, version(fingerprint, minutes=10 * i))
    store.add_change(change(3, minutes=20))
    store.add_change(change(2, minutes=10))
    history = store.history(URL)
    assert history is not None
    assert history["article"]["title"] == "Headline c"
    assert [v["number"] for v in history["versions"]] == [1, 2, 3]
    assert [c["to_version"] for c in history["changes"]] == [2, 3]
    assert history["changes"][0]["detected"] == T0 + timedelta(minutes=10)
    assert all("raw_html" not in v for v in history["versions"])


def test_list_changes_uncorrected_filter(several: Store) -> None:
    assert keys(several.list_changes(uncorrected=True)) == [("e", 3)]
    assert keys(several.list_changes(uncorrected=True, outlet="other")) == []
    assert len(several.list_changes(uncorrected=False)) == 4
    assert len(several.list_changes(uncorrected=None)) == 5


def test_list_changes_leaves_out_edits_and_sides_unless_asked(store: Store) -> None:
    """Reproduces issue 13: lists decoded every change's full ``sides``/``edits`` (one
    50 MB page made each home page view 5 s and /api/changes 153 MB). Lists carry every
    other field, including ones the store does not know (e.g. a ``snippets`` field)."""
    store.upsert_article(URL, "example", {})
    big = {"rows": [{"op": "insert", "new": "word " * 20_000}]}
    record = change(2, sides=big, edits=[{"kind": "added", "text": "x" * 50_000}])
    store.add_change(record | {"snippets": ["a short snippet"]})
    (listed,) = store.list_changes()
    assert "sides" not in listed and "edits" not in listed
    expected = {k: v for k, v in record.items() if k not in ("sides", "edits")}
    assert listed == expected | {"snippets": ["a short snippet"]}
    for found in (store.list_changes(url=URL), store.list_changes(query="headline")):
        assert [set(c) & {"sides", "edits"} for c in found] == [set()]
    (whole,) = store.list_changes(full=True)
    assert whole["sides"] == big and whole["edits"] == record["edits"]
    assert store.get_change(URL, 2)["sides"] == big  # type: ignore[index]
    assert store.history(URL)["changes"][0]["edits"] == record["edits"]  # type: ignore[index]
