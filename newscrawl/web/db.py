"""The viewer's store: opened once per app on first use, shared by every request."""

from __future__ import annotations

import threading

from flask import Flask, current_app

from newscrawl.store import Store, open_store

EXTENSION = "newscrawl_store"


def get_store() -> Store:
    """The store named by ``STORE_URI``.

    Opening a store checks the SQLite file or connects to MongoDB and creates indexes,
    far too costly for every request; both backends are thread-safe, so one store serves
    all requests. A store that cannot be opened is tried again on the next request."""
    holder = current_app.extensions[EXTENSION]
    with holder["lock"]:
        if holder["store"] is None:
            # The viewer only reads: a store it may not write (another user's file) is
            # opened read-only rather than refused.
            holder["store"] = open_store(current_app.config["STORE_URI"], read_only=None)
        return holder["store"]


def close_store(app: Flask) -> None:
    """Close the app's store, if it was opened (when the server stops)."""
    holder = app.extensions[EXTENSION]
    with holder["lock"]:
        store, holder["store"] = holder["store"], None
    if store is not None:
        store.close()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = {"lock": threading.Lock(), "store": None}
