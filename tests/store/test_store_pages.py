"""Raw pages stored as deltas, the text stored once, and stores written by older releases."""

from __future__ import annotations

import json
import random
import zlib

import pytest
from pymongo import MongoClient

from newscrawl.store import Store, StoreCorrupt
from newscrawl.store import pages as pagecodec
from newscrawl.store.mongo import MongoStore
from newscrawl.store.sqlite import SQLiteStore
from tests.store.samples import T0, URL, version

TEMPLATE = "".join(
    f"<div class='nav item-{i}'><a href='/s/{i}'>Section {i}</a></div>" for i in range(3000)
)


def page(*paragraphs: str, title: str = "A headline") -> bytes:
    """A realistic page: a large template shared by every version, and the article."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    head = f"<html><head><title>{title}</title></head><body>"
    return f"{head}{TEMPLATE}{body}{TEMPLATE[::-1]}</body></html>".encode()


def blocks(*texts: str) -> list[dict]:
    return [{"type": "paragraph", "text": t} for t in texts]


def stored_blob(store: Store, number: int, url: str = URL) -> bytes:
    return store._blob(url, number)  # type: ignore[attr-defined]


def test_an_edit_stores_a_small_delta_and_every_page_reads_back_exactly(store: Store) -> None:
    store.upsert_article(URL, "example", {})
    texts = ["First paragraph.", "Second paragraph."]
    pages = [page(*texts)]
    pages.append(page(*texts, "A paragraph added later."))
    pages.append(page(*texts, "A paragraph added later.", title="A new headline"))
    for n, raw in enumerate(pages, start=1):
        assert store.add_version(URL, version(f"f{n}", raw_html=raw)) == (n, True)
    first = stored_blob(store, 1)
    assert first[:1] == pagecodec.KEYFRAME
    for n in (2, 3):
        blob = stored_blob(store, n)
        # Both edits are stored against version 1 (never against a delta): two reads at most.
        assert blob[:1] == pagecodec.DELTA and pagecodec.base_number(blob) == 1
        assert len(blob) < len(first) / 20
    assert [store.raw_html(URL, n) for n in (1, 2, 3)] == pages


def test_a_rewritten_page_becomes_a_new_keyframe(store: Store) -> None:
    store.upsert_article(URL, "example", {})
    first = page("Old text.")
    rewritten = random.Random(1).randbytes(50_000)  # nothing in common with the first page
    store.add_version(URL, version("a", raw_html=first))
    store.add_version(URL, version("b", raw_html=rewritten))
    store.add_version(URL, version("c", raw_html=rewritten + b"<p>one more</p>"))
    assert stored_blob(store, 2)[:1] == pagecodec.KEYFRAME
    assert pagecodec.base_number(stored_blob(store, 3)) == 2
    assert store.raw_html(URL, 2) == rewritten
    assert store.raw_html(URL, 3) == rewritten + b"<p>one more</p>"


@pytest.mark.parametrize("raw", [b"", b"<p>", "<p>caf\u00e9</p>"])
def test_tiny_and_text_pages_round_trip(store: Store, raw: bytes | str) -> None:
    """A page shorter than zstd's smallest prefix is stored whole; str is stored as UTF-8."""
    store.upsert_article(URL, "example", {})
    store.add_version(URL, version("a", raw_html=raw))
    store.add_version(URL, version("b", raw_html=raw))
    expected = raw.encode() if isinstance(raw, str) else raw
    assert store.raw_html(URL, 1) == store.raw_html(URL, 2) == expected


def test_a_version_without_a_page_is_no_base(store: Store) -> None:
    store.upsert_article(URL, "example", {})
    store.add_version(URL, version("a", raw_html=None))
    store.add_version(URL, version("b", raw_html=page("x")))
    assert store.raw_html(URL, 1) is None
    assert stored_blob(store, 2)[:1] == pagecodec.KEYFRAME
    assert store.raw_html(URL, 2) == page("x")


def test_paragraphs_are_stored_once_and_read_as_before(store: Store) -> None:
    store.upsert_article(URL, "example", {})
    body = [{"type": "heading", "text": "A sub-heading"}, *blocks("One.", "Two.")]
    store.add_version(URL, version("a", paragraphs=["One.", "Two."], blocks=body))
    # Paragraphs that are not the paragraph blocks' texts are kept as given.
    store.add_version(URL, version("b", paragraphs=["Other."], blocks=blocks("One.")))
    store.add_version(URL, version("c", paragraphs=["Only paragraphs."], blocks=None))
    one, two, three = store.list_versions(URL)
    assert (one["paragraphs"], one["blocks"]) == (["One.", "Two."], body)
    assert (two["paragraphs"], two["blocks"]) == (["Other."], blocks("One."))
    assert (three["paragraphs"], three["blocks"]) == (["Only paragraphs."], None)
    for read in (store.get_version(URL, 1), store.find_version_by_fingerprint(URL, "a")):
        assert read is not None and read["paragraphs"] == ["One.", "Two."]
    assert store.latest_version(URL)["paragraphs"] == ["Only paragraphs."]  # type: ignore[index]
    assert [v["paragraphs"] for v in store.iter_versions()] == [
        ["One.", "Two."],
        ["Other."],
        ["Only paragraphs."],
    ]
    assert "paragraphs" not in raw_record(store, 1)
    assert raw_record(store, 2)["paragraphs"] == ["Other."]


def raw_record(store: Store, number: int) -> dict:
    """The version as the database holds it, bypassing the store's reading."""
    if isinstance(store, SQLiteStore):
        row = store._db().execute(
            "SELECT data FROM versions WHERE url = ? AND number = ?", (URL, number)
        )
        return json.loads(row.fetchone()[0])
    assert isinstance(store, MongoStore)
    found = store.versions.find_one({"url": URL, "number": number})
    assert found is not None
    return found


# -- stores written by older releases: zlib pages, paragraphs and blocks both stored ------
OLD_PAGE = page("Old paragraph one.", "Old paragraph two.")
OLD_FIELDS = {
    "title": "An old headline",
    "paragraphs": ["Old paragraph one.", "Old paragraph two."],
    "blocks": blocks("Old paragraph one.", "Old paragraph two."),
    "corrections": [],
    "extractor": "example/0",
}


def write_old_sqlite(store: SQLiteStore) -> None:
    """Rows exactly as the previous release wrote them."""
    conn = store._db()
    conn.execute(
        "INSERT INTO articles (url, outlet, status, version_count) "
        "VALUES (?, 'example', 'active', 1)",
        (URL,),
    )
    conn.execute(
        "INSERT INTO versions "
        "(url, outlet, number, fetched, fingerprint, html_bytes, raw_html, data) "
        "VALUES (?, 'example', 1, '2024-05-01T09:00:00.000000+00:00', 'old', ?, ?, ?)",
        (URL, len(OLD_PAGE), zlib.compress(OLD_PAGE, 6), json.dumps(OLD_FIELDS)),
    )


def write_old_mongo(uri: str) -> None:
    client: MongoClient[dict] = MongoClient(uri)
    try:
        db = client.get_default_database()
        db.articles.insert_one(
            {"url": URL, "outlet": "example", "status": "active", "version_count": 1}
        )
        db.versions.insert_one(
            {"url": URL, "outlet": "example", "number": 1, "fetched": T0, "fingerprint": "old",
             "html_bytes": len(OLD_PAGE), "raw_html": zlib.compress(OLD_PAGE, 6), **OLD_FIELDS}
        )  # fmt: skip
    finally:
        client.close()


def check_old_store_reads_and_grows(store: Store) -> None:
    old = store.get_version(URL, 1)
    assert old is not None
    assert {k: old[k] for k in OLD_FIELDS} == OLD_FIELDS
    assert store.raw_html(URL, 1) == OLD_PAGE
    # The next version is stored against the old zlib page, and both still read exactly.
    new_page = page("Old paragraph one.", "Old paragraph two.", "A new paragraph.")
    assert store.add_version(URL, version("new", raw_html=new_page)) == (2, True)
    assert pagecodec.base_number(stored_blob(store, 2)) == 1
    assert store.raw_html(URL, 1) == OLD_PAGE
    assert store.raw_html(URL, 2) == new_page


def test_a_sqlite_store_of_the_old_format_still_reads(sqlite_uri: str) -> None:
    with SQLiteStore(sqlite_uri) as store:
        write_old_sqlite(store)
    with SQLiteStore(sqlite_uri) as store:
        check_old_store_reads_and_grows(store)


def test_a_mongo_store_of_the_old_format_still_reads(mongo_uri: str) -> None:
    write_old_mongo(mongo_uri)
    with MongoStore(mongo_uri) as store:
        check_old_store_reads_and_grows(store)


# -- damage: a clear error, and nothing else lost -----------------------------------------
def damage(store: Store, number: int, blob: bytes) -> None:
    if isinstance(store, SQLiteStore):
        store._db().execute(
            "UPDATE versions SET raw_html = ? WHERE url = ? AND number = ?", (blob, URL, number)
        )
    else:
        assert isinstance(store, MongoStore)
        store.versions.update_one({"url": URL, "number": number}, {"$set": {"raw_html": blob}})


def test_a_damaged_keyframe_is_a_clear_error_and_the_next_page_is_stored_whole(
    store: Store,
) -> None:
    store.upsert_article(URL, "example", {})
    store.add_version(URL, version("a", raw_html=page("One.")))
    store.add_version(URL, version("b", raw_html=page("One.", "Two.")))
    damage(store, 1, pagecodec.KEYFRAME + b"not a zstd frame")
    with pytest.raises(StoreCorrupt, match="version 1"):
        store.raw_html(URL, 1)
    with pytest.raises(StoreCorrupt, match="version 2"):
        store.raw_html(URL, 2)  # its base is the damaged page
    store.add_version(URL, version("c", raw_html=page("One.", "Two.", "Three.")))
    assert stored_blob(store, 3)[:1] == pagecodec.KEYFRAME
    assert store.raw_html(URL, 3) == page("One.", "Two.", "Three.")


def test_a_delta_whose_base_is_missing_or_a_delta_is_a_clear_error(store: Store) -> None:
    store.upsert_article(URL, "example", {})
    store.add_version(URL, version("a", raw_html=page("One.")))
    store.add_version(URL, version("b", raw_html=page("One.", "Two.")))
    frame = stored_blob(store, 2)[5:]
    damage(store, 2, pagecodec.DELTA + (7).to_bytes(4, "big") + frame)
    with pytest.raises(StoreCorrupt, match="version 7.*missing"):
        store.raw_html(URL, 2)
    damage(store, 1, pagecodec.DELTA + (2).to_bytes(4, "big") + frame)
    damage(store, 2, pagecodec.DELTA + (1).to_bytes(4, "big") + frame)
    with pytest.raises(StoreCorrupt, match="itself a delta"):
        store.raw_html(URL, 2)
    damage(store, 2, pagecodec.DELTA + b"\x00")
    with pytest.raises(StoreCorrupt, match="base number"):
        store.raw_html(URL, 2)
