"""The read-only web viewer: latest changes, article histories, side-by-side diffs, feeds."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response

from newscrawl import __version__
from newscrawl.store import resolve_store_uri

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the viewer. ``STORE_URI`` defaults to ``NEWSCRAWL_STORE`` / ``MONGO_URI`` /
    ``sqlite:///newscrawl.db``; ``PAGE_SIZE`` is the length of every list page;
    ``LIVE_DIFF_MAX_WORDS`` bounds a diff computed on request (both versions' words);
    ``BASE_URL`` (default ``NEWSCRAWL_BASE_URL``, else ``http://localhost/``) starts every
    absolute link: the request's ``Host`` header is never used for one."""
    from newscrawl.web import api, db, errors, evidence, feeds, formatting, links, pages

    app = Flask(__name__)
    app.config.from_mapping(
        STORE_URI=None,
        PAGE_SIZE=25,
        LIVE_DIFF_MAX_WORDS=50_000,
        BASE_URL=os.environ.get("NEWSCRAWL_BASE_URL"),
    )
    if test_config:
        app.config.from_mapping(test_config)
    app.config["STORE_URI"] = resolve_store_uri(app.config["STORE_URI"])
    app.config["BASE_URL"] = links.check_base_url(app.config["BASE_URL"] or links.DEFAULT_BASE_URL)
    app.jinja_env.globals["version"] = __version__
    app.json.sort_keys = False  # type: ignore[attr-defined]

    db.init_app(app)
    formatting.init_app(app)
    errors.init_app(app)
    for blueprint in (pages.bp, evidence.bp, feeds.bp, api.bp):
        app.register_blueprint(blueprint)

    @app.after_request
    def secure(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app
