"""Absolute links (feeds): built from the configured public base URL, never from the
request's ``Host`` header, which any client can set to anything."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app, request, url_for

DEFAULT_BASE_URL = "http://localhost/"


def check_base_url(value: str) -> str:
    """``value`` as a base URL (``https://news.example.org/`` or with a path prefix,
    ending in ``/``); ``ValueError`` for anything that is not an http(s) URL with a host
    and nothing after its path."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"the base URL must be an http(s) URL with a host, not {value!r}")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"the base URL takes no query, fragment or credentials: {value!r}")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/"


def external_url(endpoint: str, **values: Any) -> str:
    """The absolute URL of ``endpoint``: ``BASE_URL`` followed by the route's path."""
    path = url_for(endpoint, **values)
    root = request.script_root if request else ""
    if root and path.startswith(root):
        path = path[len(root) :]
    return current_app.config["BASE_URL"].rstrip("/") + path
