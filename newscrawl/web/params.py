"""Query-string validation: every value reaching the store is a checked ``str`` or ``int``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from flask import abort, request

SIGNIFICANCES = ("trivial", "minor", "substantive")
KINDS = ("headline", "standfirst", "byline", "body", "correction", "section")
# Article events shown as first-class news: takedowns, redirects, headline flip-flops.
EVENT_KINDS = ("gone", "redirected", "flipflop")
OUTLET_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
MAX_PAGE = 10_000
MAX_VERSION = 1_000_000
MAX_URL = 2048
MAX_QUERY = 200


def bad(message: str) -> None:
    """Stop the request with a 400 that says what was wrong."""
    abort(400, description=message)


def only(allowed: Iterable[str]) -> None:
    """Reject unknown or repeated parameters (``outlet[$ne]=x`` is not ``outlet``)."""
    allowed = set(allowed)
    for key in request.args:
        if key not in allowed:
            names = ", ".join(sorted(allowed)) or "none"
            bad(f"unknown query parameter {key!r} (this page takes: {names})")
        if len(request.args.getlist(key)) > 1:
            bad(f"query parameter {key!r} given more than once")


def integer(name: str, default: int | None = None, low: int = 1, high: int = MAX_PAGE) -> int:
    """An integer parameter within [low, high]; ``default`` when absent."""
    raw = request.args.get(name, "")
    if raw == "":
        if default is None:
            bad(f"query parameter {name!r} is required")
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        bad(f"query parameter {name!r} must be a whole number, not {raw[:40]!r}")
    value = int(raw)
    if not low <= value <= high:
        bad(f"query parameter {name!r} must be between {low} and {high}")
    return value


def page() -> int:
    """The ``page`` parameter: 1-based."""
    return integer("page", default=1)


def choice(name: str, values: Iterable[str]) -> str | None:
    """One of ``values``, or None when absent or empty."""
    raw = request.args.get(name, "")
    if raw == "":
        return None
    values = tuple(values)
    if raw not in values:
        bad(f"query parameter {name!r} must be one of: {', '.join(values)}")
    return raw


def outlet_name(raw: str | None) -> str | None:
    """An outlet name (lowercase letters, digits, ``-``, ``_``), or None when empty."""
    if not raw:
        return None
    if not OUTLET_RE.fullmatch(raw):
        bad(f"{raw[:40]!r} is not an outlet name (lowercase letters, digits, - and _)")
    return raw


def text(name: str, required: bool = False, limit: int = MAX_QUERY) -> str | None:
    """A free-text parameter, stripped; matched literally by the store."""
    raw = request.args.get(name, "").strip()
    if not raw:
        if required:
            bad(f"query parameter {name!r} is required")
        return None
    if len(raw) > limit:
        bad(f"query parameter {name!r} is longer than {limit} characters")
    if any(ord(ch) < 32 for ch in raw):
        bad(f"query parameter {name!r} contains control characters")
    return raw


def article_url() -> str:
    """The required ``url`` parameter: the key an article is tracked under."""
    return text("url", required=True, limit=MAX_URL)  # type: ignore[return-value]


def flag(name: str) -> str | None:
    """A yes/no parameter: ``"1"`` when set, None when absent, empty or ``0``."""
    return "1" if choice(name, ("0", "1")) == "1" else None


def change_filters() -> dict[str, str | None]:
    """``outlet``, ``significance``, ``kind`` and ``uncorrected`` filters for change lists."""
    return {
        "outlet": outlet_name(request.args.get("outlet", "")),
        "significance": choice("significance", SIGNIFICANCES),
        "kind": choice("kind", KINDS),
        "uncorrected": flag("uncorrected"),
    }
