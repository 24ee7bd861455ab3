"""deltafetch's SQLite key database: the dbm interface it needs, reopening, old files."""

from __future__ import annotations

import dbm.dumb
from pathlib import Path

import pytest

from newscrawl.middlewares.keydb import KeyDB


def test_keys_persist_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "guardian.db"
    db = KeyDB(path)
    db["https://example.com/a"] = "1717400000.0"
    db[b"raw-bytes-key"] = b"2"
    assert "https://example.com/a" in db and b"https://example.com/a" in db
    assert "https://example.com/b" not in db
    db.close()
    again = KeyDB(path, "c")
    assert again["https://example.com/a"] == b"1717400000.0"
    assert sorted(again.keys()) == [b"https://example.com/a", b"raw-bytes-key"]
    assert len(again) == 2
    with pytest.raises(KeyError):
        again["https://example.com/b"]
    again.close()
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_flag_n_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "guardian.db"
    db = KeyDB(path)
    db["k"] = "v"
    db.close()
    fresh = KeyDB(path, "n")
    assert len(fresh) == 0 and "k" not in fresh
    fresh.close()


def test_bad_key_type_is_refused(tmp_path: Path) -> None:
    db = KeyDB(tmp_path / "x.db")
    with pytest.raises(TypeError, match="str or bytes"):
        db[42] = "v"  # type: ignore[index]
    db.close()


def test_old_dbm_dumb_file_is_imported_once(tmp_path: Path) -> None:
    path = tmp_path / "guardian.db"
    with dbm.dumb.open(str(path), "c") as old:
        old["https://example.com/old"] = "1.0"
    db = KeyDB(path)
    assert db["https://example.com/old"] == b"1.0"
    db.close()
    assert not any(tmp_path.glob("guardian.db.*"))  # the dumb files are gone
    again = KeyDB(path)
    assert len(again) == 1
    again.close()


def test_unreadable_old_file_is_replaced_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "guardian.db"
    path.write_bytes(b"not a database of any kind")
    db = KeyDB(path)
    assert len(db) == 0
    db["k"] = "v"
    assert "k" in db
    db.close()
