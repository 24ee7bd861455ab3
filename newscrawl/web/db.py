"""The store for the current request: opened on first use, closed on teardown."""

from __future__ import annotations

from flask import Flask, current_app, g

from newscrawl.store import Store, open_store


def get_store() -> Store:
    """The store named by ``STORE_URI``, opened once per request and cached on ``g``."""
    if "store" not in g:
        g.store = open_store(current_app.config["STORE_URI"])
    return g.store


def close_store(exc: BaseException | None = None) -> None:
    """Close the request's store, if one was opened."""
    store = g.pop("store", None)
    if store is not None:
        store.close()


def init_app(app: Flask) -> None:
    """Close the store at the end of every request (and app context)."""
    app.teardown_appcontext(close_store)
