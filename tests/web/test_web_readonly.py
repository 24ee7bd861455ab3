"""The viewer over a store it may only read, and what its 503 page tells visitors."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest

from newscrawl.store import open_store
from newscrawl.web import create_app
from newscrawl.web.db import close_store
from tests.web.sample import GUARDIAN, T0, add_article, populate
from tests.web.test_web_serve import free_port

LATE = "https://www.bbc.co.uk/news/articles/late"
LATE_VERSIONS = [
    {"title": "A later headline", "paragraphs": ["One."]},
    {"title": "A later headline, edited", "paragraphs": ["One.", "Two."]},
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def as_unprivileged() -> list[str]:
    """A command prefix that runs a process without the right to ignore file modes: the
    tests run as root, who may write any file; root without capabilities may not."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a file unwritable to root")
    return [setpriv, "--inh-caps=-all", "--bounding-set=-all"]


@pytest.fixture
def locked_store(tmp_path: Path):
    """A populated SQLite store in a directory, both made read-only (mode 0555/0444)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "newscrawl.db"
    with open_store(f"sqlite:///{path}") as store:
        populate(store)
    path.chmod(0o444)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)
    path.chmod(0o644)


def test_serve_reads_a_store_it_cannot_write(locked_store: Path) -> None:
    """Reproduces issue 13: ``newscrawl serve`` over a store it could only read answered
    503 to everything (opening it tried to write). Served, and the file is untouched."""
    before = digest(locked_store)
    port = free_port()
    command = [
        *as_unprivileged(),
        sys.executable,
        "-m",
        "newscrawl",
        "--store",
        f"sqlite:///{locked_store}",
        "serve",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert f":{port}/" in process.stdout.readline()
        deadline = time.monotonic() + 20
        while True:
            try:
                base = f"http://127.0.0.1:{port}"
                with urllib.request.urlopen(base + "/", timeout=5) as reply:
                    assert reply.status == 200
                    assert "Minister resigns" in reply.read().decode()
                query = urllib.parse.urlencode({"url": GUARDIAN, "from": 1, "to": 5})
                with urllib.request.urlopen(f"{base}/diff?{query}", timeout=5) as reply:
                    assert reply.status == 200
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        # The file's owner (here root, who may write it) crawls meanwhile: the viewer
        # reads what was written once it reaches the file.
        with open_store(f"sqlite:///{locked_store}") as store:
            add_article(store, LATE, "bbc", LATE_VERSIONS, T0, timedelta(hours=1))
        before = digest(locked_store)
        with urllib.request.urlopen(base + "/", timeout=5) as reply:
            assert "A later headline, edited" in reply.read().decode()
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()
    assert digest(locked_store) == before  # the viewer itself wrote nothing


def test_a_read_only_store_reads_and_refuses_writes(sqlite_uri: str, tmp_path: Path) -> None:
    with open_store(sqlite_uri) as store:
        populate(store)
    path = Path(sqlite_uri.removeprefix("sqlite:///"))
    before = digest(path)
    with open_store(sqlite_uri, read_only=True) as store:
        assert store.get_article(GUARDIAN)["version_count"] == 5  # type: ignore[index]
        assert store.list_changes(query="fight to")
        with pytest.raises(Exception, match="readonly|read-only"):
            store.add_event(GUARDIAN, "x", "y", store.get_article(GUARDIAN)["first_seen"])  # type: ignore[index]
    assert digest(path) == before
    with pytest.raises(Exception, match="no store at"):
        open_store(f"sqlite:///{tmp_path / 'missing.db'}", read_only=True)


@pytest.mark.parametrize("damage", ["not a database", "a directory"])
def test_the_503_page_shows_no_path(tmp_path: Path, damage: str) -> None:
    """Reproduces issue 13: the 503 page showed the store's file path to every visitor."""
    path = tmp_path / "secret-location" / "newscrawl.db"
    path.parent.mkdir()
    if damage == "a directory":
        path.mkdir()
    else:
        path.write_bytes(b"this is not a SQLite database " * 100)
    app = create_app({"STORE_URI": f"sqlite:///{path}", "TESTING": True})
    with app.test_client() as client:
        for route in ("/", "/api/changes", "/feeds/changes.rss"):
            reply = client.get(route)
            assert reply.status_code == 503
            body = reply.get_data(as_text=True)
            assert "secret-location" not in body and "sqlite" not in body.lower(), body
    close_store(app)
