"""Faults: an unreachable or dying MongoDB, damaged SQLite files, bad URIs and paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newscrawl.store import StoreCorrupt, StoreError, StoreUnavailable, open_store
from tests.conftest import SecantusServer, free_port
from tests.store.samples import URL, version


def test_unreachable_mongo_is_unavailable_with_uri_and_advice() -> None:
    port = free_port()  # nothing listens here
    uri = f"mongodb://newscrawl:s3cret@127.0.0.1:{port}/newscrawl?directConnection=true"
    with pytest.raises(StoreUnavailable) as caught:
        open_store(uri, timeout_ms=500)
    message = str(caught.value)
    assert f"127.0.0.1:{port}" in message
    assert "s3cret" not in message and "newscrawl:***@" in message
    assert "NEWSCRAWL_STORE=sqlite:///newscrawl.db" in message


def test_unreachable_mongo_with_default_timeout() -> None:
    uri = f"mongodb://127.0.0.1:{free_port()}/?directConnection=true"
    with pytest.raises(StoreUnavailable, match="start MongoDB"):
        open_store(uri)


def test_mongo_server_stopped_mid_use_is_unavailable() -> None:
    server = SecantusServer()
    try:
        store = open_store(server.uri.replace("/?", "/newscrawl?"), timeout_ms=1000)
        store.add_version(URL, version("a"))
        assert store.latest_version(URL)["number"] == 1  # type: ignore[index]
        server.process.kill()
        server.process.wait()
        with pytest.raises(StoreUnavailable, match=f"127.0.0.1:{server.port}"):
            store.latest_version(URL)
        with pytest.raises(StoreUnavailable):
            store.add_version(URL, version("b"))
        with pytest.raises(StoreUnavailable):
            store.ping()
        store.close()
    finally:
        server.stop()


def assert_left_untouched(path: Path) -> None:
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(StoreCorrupt) as caught:
        open_store(f"sqlite:///{path}")
    assert str(path) in str(caught.value)
    assert "NEWSCRAWL_STORE" in str(caught.value)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_sqlite_file_of_random_bytes_is_corrupt_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newscrawl.db"
    path.write_bytes(os.urandom(64 * 1024))
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    assert_left_untouched(path)


def test_truncated_sqlite_database_is_corrupt_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newscrawl.db"
    with open_store(f"sqlite:///{path}") as store:
        for i in range(40):
            store.upsert_article(f"https://e.com/{i}", "example", {"title": "t" * 2000})
            store.add_version(f"https://e.com/{i}", version("a", paragraphs=["p" * 3000]))
    data = path.read_bytes()
    assert data.startswith(b"SQLite format 3\x00") and len(data) > 200_000
    path.write_bytes(data[: len(data) // 2])
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    assert_left_untouched(path)


def test_unknown_scheme_and_bad_sqlite_uri_are_store_errors() -> None:
    with pytest.raises(StoreError, match="unknown store URI"):
        open_store("postgres://localhost/newscrawl")
    with pytest.raises(StoreError, match="sqlite:///"):
        open_store("sqlite://relative.db")


def test_sqlite_directory_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot create the directory") as caught:
        open_store(f"sqlite:///{blocker}/sub/newscrawl.db")
    assert str(blocker / "sub") in str(caught.value)


def test_sqlite_path_that_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(f"sqlite:///{tmp_path}")


def test_sqlite_store_creates_missing_directories(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "newscrawl.db"
    with open_store(f"sqlite:///{path}") as store:
        store.upsert_article(URL, "example", {})
    with open_store(f"sqlite:///{path}") as store:
        assert store.count_articles() == 1


def test_relative_sqlite_uri_is_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///data/newscrawl.db") as store:
        store.upsert_article(URL, "example", {})
    assert (tmp_path / "data" / "newscrawl.db").is_file()


def test_closed_store_says_so(sqlite_uri: str) -> None:
    store = open_store(sqlite_uri)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.get_article(URL)
    with pytest.raises(StoreUnavailable):
        store.ping()


def _big_store(path: Path) -> None:
    with open_store(f"sqlite:///{path}") as store:
        for i in range(40):
            store.upsert_article(f"https://e.com/{i}", "example", {"title": "t" * 2000})
            store.add_version(f"https://e.com/{i}", version("a", paragraphs=["p" * 3000]))


def test_large_sqlite_store_gets_its_full_check_once_a_day(tmp_path: Path, monkeypatch) -> None:
    from newscrawl.store import sqlite_check

    path = tmp_path / "newscrawl.db"
    _big_store(path)
    monkeypatch.setattr(sqlite_check, "FULL_CHECK_MAX_BYTES", 64 * 1024)  # "large" = this
    stamp = tmp_path / "newscrawl.db-checked"
    stamp.unlink(missing_ok=True)
    assert sqlite_check.full_check_due(path)
    open_store(f"sqlite:///{path}").close()  # the day's full check passes and is noted
    assert not sqlite_check.full_check_due(path)
    assert sqlite_check.full_check_due(path, today="2099-01-01")
    # Damage inside the file (header intact): not looked for again today ...
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 3 : page * 4] = os.urandom(page)
    path.write_bytes(bytes(data))
    open_store(f"sqlite:///{path}").close()
    # ... but the next day's first open finds it, and leaves the file as it is.
    stamp.write_text("2000-01-01")
    assert_left_untouched(path)


def test_sqlite_header_check_names_the_problem(tmp_path: Path) -> None:
    from newscrawl.store.sqlite_check import header_problem

    path = tmp_path / "newscrawl.db"
    _big_store(path)
    assert header_problem(path) is None
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 4096])
    assert "truncated" in (header_problem(path) or "")
    path.write_bytes(data[:16] + b"\x00\x03" + data[18:])
    assert "page size" in (header_problem(path) or "")
    path.write_bytes(b"SQLite format 2\x00" + data[16:])
    assert "header" in (header_problem(path) or "")
