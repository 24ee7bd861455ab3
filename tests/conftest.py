"""Shared test fixtures: where the corpus is, and the stores every contract test runs on."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from pymongo import MongoClient

from newscrawl.store import Store, open_store

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus of real saved pages (never copied into the repo)."""
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS}; tests read ../shared/corpus")
    return CORPUS


# -- MongoDB (SecantusDB unless NEWSCRAWL_TEST_MONGO_URI names a real server) ---------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def with_database(base_uri: str, name: str) -> str:
    """``base_uri`` with its database path replaced by ``name`` (options kept)."""
    parts = urlsplit(base_uri)
    return urlunsplit(parts._replace(path=f"/{name}"))


def mongo_ping(uri: str, timeout_ms: int = 500) -> bool:
    client: MongoClient[dict] = MongoClient(uri, serverSelectionTimeoutMS=timeout_ms)
    try:
        client.admin.command("ping")
        return True
    except Exception:
        return False
    finally:
        client.close()


class SecantusServer:
    """A SecantusDB server on a free loopback port, in memory, for one test or session."""

    def __init__(self, storage: str = ":memory:") -> None:
        executable = Path(sys.executable).parent / "secantusd-py"
        if not executable.exists():
            pytest.fail(f"SecantusDB not installed: {executable} is missing")
        self.port = free_port()
        self.uri = f"mongodb://127.0.0.1:{self.port}/?directConnection=true"
        self.process = subprocess.Popen(
            [str(executable), "--host", "127.0.0.1", "--port", str(self.port)]
            + ["--storage-path", storage, "--log-level", "WARNING"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not mongo_ping(self.uri):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"SecantusDB did not start on port {self.port}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def mongo_server_uri() -> Iterator[str]:
    """Base URI (no database name) of a MongoDB server for the whole test session."""
    configured = os.environ.get("NEWSCRAWL_TEST_MONGO_URI")
    if configured:
        yield configured
        return
    server = SecantusServer()
    try:
        yield server.uri
    finally:
        server.stop()


@pytest.fixture
def mongo_uri(mongo_server_uri: str) -> Iterator[str]:
    """A fresh, uniquely named database on the session's server, dropped afterwards."""
    name = f"newscrawl_test_{uuid.uuid4().hex[:12]}"
    yield with_database(mongo_server_uri, name)
    client: MongoClient[dict] = MongoClient(mongo_server_uri, serverSelectionTimeoutMS=3000)
    try:
        client.drop_database(name)
    finally:
        client.close()


@pytest.fixture
def sqlite_uri(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/newscrawl.db"


@pytest.fixture(params=["sqlite", "mongodb"])
def store_uri(request: pytest.FixtureRequest) -> str:
    """The URI of an empty store, once per backend."""
    fixture = "sqlite_uri" if request.param == "sqlite" else "mongo_uri"
    return request.getfixturevalue(fixture)


@pytest.fixture
def store(store_uri: str) -> Iterator[Store]:
    opened = open_store(store_uri)
    try:
        yield opened
    finally:
        opened.close()
