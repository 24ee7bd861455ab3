"""Store contract: versions, their numbering under concurrent writers, raw HTML, big and
unusual text (both backends)."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from datetime import timedelta, timezone

from newscrawl.store import Store
from tests.store.samples import T0, URL, add_same, add_versions, version


def test_versions_numbered_and_read_back_without_raw_html(store: Store) -> None:
    store.upsert_article(URL, "example", {})
    assert store.latest_version(URL) is None
    assert store.add_version(URL, version("a")) == (1, True)
    assert store.add_version(URL, version("b", minutes=5)) == (2, True)
    latest = store.latest_version(URL)
    assert latest is not None and latest["number"] == 2
    assert latest["fingerprint"] == "b" and latest["fetched"] == T0 + timedelta(minutes=5)
    expected = version("a")
    del expected["raw_html"]
    first = store.get_version(URL, 1)
    assert first is not None
    assert {k: first[k] for k in expected} == expected
    assert first["url"] == URL and first["number"] == 1
    assert first["html_bytes"] == len(version("a")["raw_html"])
    for record in [latest, first, *store.list_versions(URL)]:
        assert "raw_html" not in record and "_id" not in record
    assert store.get_version(URL, 3) is None
    assert store.get_article(URL)["version_count"] == 2  # type: ignore[index]


def test_same_fingerprint_as_latest_writes_nothing(store: Store) -> None:
    store.add_version(URL, version("a"))
    assert store.add_version(URL, version("a", minutes=9)) == (1, False)
    assert len(store.list_versions(URL)) == 1
    # A flip-flop back to older text is a new version (the pipeline decides what it means).
    store.add_version(URL, version("b"))
    assert store.add_version(URL, version("a")) == (3, True)
    assert store.find_version_by_fingerprint(URL, "a")["number"] == 1  # type: ignore[index]
    assert store.find_version_by_fingerprint(URL, "zzz") is None


def test_writing_the_latest_text_again_completes_its_version_count(store: Store) -> None:
    """A write whose reply was lost is retried: the version is there, the count may not
    be (MongoDB updates it after the insert). The retry brings the count up to date."""
    store.upsert_article(URL, "example", {})
    store.add_version(URL, version("a"))
    store.add_version(URL, version("b", minutes=5))
    store.update_article(URL, {"version_count": 1})  # as if the count update was cut
    assert store.add_version(URL, version("b", minutes=5)) == (2, False)
    assert store.get_article(URL)["version_count"] == 2  # type: ignore[index]


def test_list_versions_in_order_and_paged(store: Store) -> None:
    for i in range(7):
        store.add_version(URL, version(f"f{i}", minutes=i))
    assert [v["number"] for v in store.list_versions(URL)] == list(range(1, 8))
    assert [v["number"] for v in store.list_versions(URL, skip=2, limit=3)] == [3, 4, 5]
    assert [v["number"] for v in store.list_versions(URL, skip=6)] == [7]
    assert store.list_versions("https://e.com/other") == []


def test_raw_html_round_trips_compressed(store: Store) -> None:
    page = ("<html><body>" + "<p>Paragraph ü ✓</p>" * 2000 + "</body></html>").encode()
    store.add_version(URL, version("a", raw_html=page))
    store.add_version(URL, version("b", raw_html=page.decode()))  # str is stored as UTF-8
    store.add_version(URL, version("c", raw_html=None))
    assert store.raw_html(URL, 1) == page
    assert store.raw_html(URL, 2) == page
    assert store.raw_html(URL, 3) is None
    assert store.raw_html(URL, 4) is None
    assert store.get_version(URL, 1)["html_bytes"] == len(page)  # type: ignore[index]


def test_five_megabyte_article(store: Store) -> None:
    paragraph = "Sentence with words and numbers 12345, repeated at length. " * 20
    paragraphs = [f"{i}: {paragraph}" for i in range(5 * 1024 * 1024 // len(paragraph))]
    raw = os.urandom(1024 * 1024) + "".join(f"<p>{p}</p>" for p in paragraphs).encode()
    assert len(raw) > 5 * 1024 * 1024
    store.add_version(URL, version("big", paragraphs=paragraphs, raw_html=raw))
    stored = store.get_version(URL, 1)
    assert stored is not None and stored["paragraphs"] == paragraphs
    assert store.raw_html(URL, 1) == raw


UNUSUAL = [
    "العربية: تم تعديل العنوان",
    "עברית: הכותרת שונתה",
    "mixed עברית and English ١٢٣",
    "emoji 👩🏽‍🔬🇺🇦🏳️‍🌈 and a 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math letter",
    "combining: e\u0301 a\u0308\u0323 Z\u0335\u0321",
    "controls:\x01\x02\x1b[31m\x7f\u200b\u200e\u202e\ufeff tab\tnewline\ncr\r",
    'quotes " \' \\ backslash and {"$date": "x"} look-alike',
]


def test_unicode_round_trips_exactly(store: Store) -> None:
    fields = {"title": UNUSUAL[0], "standfirst": UNUSUAL[1], "paragraphs": UNUSUAL}
    fields |= {"authors": [UNUSUAL[3], UNUSUAL[4]], "corrections": [UNUSUAL[5]]}
    store.upsert_article(URL, "example", {"title": UNUSUAL[2], "note": UNUSUAL[6]})
    store.add_version(URL, version("u", raw_html="".join(UNUSUAL).encode(), **fields))
    stored = store.get_version(URL, 1)
    assert stored is not None
    for key, value in fields.items():
        assert stored[key] == value
    article = store.get_article(URL)
    assert article is not None
    assert article["title"] == UNUSUAL[2] and article["note"] == UNUSUAL[6]
    assert store.raw_html(URL, 1) == "".join(UNUSUAL).encode()


def test_version_fetched_time_round_trips_as_utc(store: Store) -> None:
    local = T0.astimezone(timezone(timedelta(hours=-5, minutes=-30)))
    store.add_version(URL, version("a", fetched=local))
    fetched = store.get_version(URL, 1)["fetched"]  # type: ignore[index]
    assert fetched == T0 and fetched.utcoffset() == timedelta(0)


def test_threads_share_one_store(store: Store) -> None:
    errors: list[BaseException] = []

    def work(prefix: str) -> None:
        try:
            for i in range(15):
                store.add_version(URL, version(f"{prefix}{i}"))
                store.list_versions(URL)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p,)) for p in "abc"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [v["number"] for v in store.list_versions(URL)] == list(range(1, 46))


def test_two_processes_number_versions_without_gaps_or_duplicates(
    store: Store, store_uri: str
) -> None:
    store.upsert_article(URL, "example", {})
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        start = time.time() + 3
        jobs = [(store_uri, URL, "p", 30, start), (store_uri, URL, "q", 30, start)]
        results = pool.starmap(add_versions, jobs)
    numbers = [number for result in results for number, created in result if created]
    assert sorted(numbers) == list(range(1, 61))
    stored = store.list_versions(URL)
    assert [v["number"] for v in stored] == list(range(1, 61))
    assert len({v["fingerprint"] for v in stored}) == 60
    assert store.get_article(URL)["version_count"] == 60  # type: ignore[index]


def test_two_processes_adding_the_same_text_store_it_once(store: Store, store_uri: str) -> None:
    store.add_version(URL, version("before"))
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        start = time.time() + 3
        jobs = [(store_uri, URL, "same", start), (store_uri, URL, "same", start)]
        results = pool.starmap(add_same, jobs)
    outcomes = [outcome for result in results for outcome in result]
    assert sum(created for _, created in outcomes) == 1
    assert {number for number, _ in outcomes} == {2}
    assert [v["fingerprint"] for v in store.list_versions(URL)] == ["before", "same"]
