"""Fixtures for the viewer tests: an app over a real, populated store, and its client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from newscrawl.store import open_store
from newscrawl.web import create_app
from newscrawl.web.db import close_store
from tests.web.sample import populate

PAGE_SIZE = 5


def make_app(uri: str) -> Flask:
    with open_store(uri) as store:
        populate(store)
    return create_app({"STORE_URI": uri, "PAGE_SIZE": PAGE_SIZE, "TESTING": True})


@pytest.fixture
def app(sqlite_uri: str) -> Iterator[Flask]:
    """The viewer over a SQLite store holding the sample articles."""
    app = make_app(sqlite_uri)
    yield app
    close_store(app)


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    with app.test_client() as test_client:
        yield test_client


@pytest.fixture
def any_client(store_uri: str) -> Iterator[FlaskClient]:
    """A client over the sample store, once per backend (SQLite, MongoDB)."""
    app = make_app(store_uri)
    with app.test_client() as test_client:
        yield test_client
    close_store(app)
