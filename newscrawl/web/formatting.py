"""Template filters: human times, safe links, JSON-ready records."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

_UNITS = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
)


def _aware(value: datetime) -> datetime:
    # Stores hand back aware UTC datetimes; be lenient with naive ones all the same.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def duration(seconds: float) -> str:
    """``"35 minutes"``, ``"2 days"``, ``"less than a minute"``."""
    seconds = abs(seconds)
    for name, size in _UNITS:
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {name}{'s' if count != 1 else ''}"
    return "less than a minute"


def reltime(value: datetime | None, now: datetime | None = None) -> str:
    """``"3 hours ago"`` (or ``"in 3 hours"`` for a future time)."""
    if value is None:
        return "never"
    now = now or datetime.now(UTC)
    delta = (now - _aware(value)).total_seconds()
    if abs(delta) < 60:
        return "just now"
    return f"{duration(delta)} ago" if delta > 0 else f"in {duration(delta)}"


def later(value: datetime | None, earlier: datetime | None) -> str:
    """``"35 minutes later"``: the gap between two versions."""
    if value is None or earlier is None:
        return ""
    delta = (_aware(value) - _aware(earlier)).total_seconds()
    return f"{duration(delta)} {'later' if delta >= 0 else 'earlier'}"


def abstime(value: datetime | None) -> str:
    """``"2024-03-01 14:05 UTC"``."""
    if value is None:
        return "—"
    return _aware(value).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def pagetime(value: str | None) -> str:
    """A time the page states (ISO 8601 text) shown like ``abstime``; other text as is."""
    if not value:
        return "—"
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    if len(value) <= 10:  # a date alone: no time to show
        return parsed.strftime("%Y-%m-%d")
    return abstime(parsed)


def isotime(value: datetime | None) -> str:
    """ISO 8601, for ``<time datetime=...>``."""
    return _aware(value).isoformat() if value else ""


def http_url(value: Any) -> str | None:
    """``value`` if it is an http(s) URL safe to put in an ``href``, else None."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value.strip()
    return None


def plain(value: Any) -> Any:
    """A record made JSON-ready: ISO datetimes, no bytes, no backend ids."""
    if isinstance(value, datetime):
        return _aware(value).isoformat()
    if isinstance(value, dict):
        return {
            str(k): plain(v)
            for k, v in value.items()
            if k not in ("_id", "raw_html") and not isinstance(v, bytes)
        }
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def init_app(app: Flask) -> None:
    """Register the filters."""
    for func in (duration, reltime, later, abstime, pagetime, isotime, http_url):
        app.add_template_filter(func)
