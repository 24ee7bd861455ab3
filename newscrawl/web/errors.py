"""Error pages: 400/404 say what was wrong; an unreachable store is a 503, not a traceback."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from newscrawl.store import StoreError

log = logging.getLogger(__name__)

TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    413: "Too large",
    503: "Unavailable",
}


def _respond(status: int, message: str) -> tuple[Response | str, int]:
    title = TITLES.get(status, "Error")
    if request.path.startswith("/api/"):
        return jsonify({"error": title, "status": status, "message": message}), status
    return render_template("error.html", status=status, title=title, message=message), status


def http_error(exc: HTTPException) -> tuple[Response | str, int]:
    return _respond(exc.code or 500, exc.description or "")


def store_error(exc: StoreError) -> tuple[Response | str, int]:
    # The reason names the store's path or URI: for the operator's log, not for visitors.
    log.warning("store error: %s", exc)
    return _respond(
        503,
        "The newscrawl store cannot be read right now. Please try again later; the "
        "viewer's log says why.",
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(StoreError, store_error)
