"""The crawl's notion of "now": the real UTC time, or a frozen instant for tests and demos."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def parse_instant(value: str) -> datetime:
    """An ISO 8601 instant as an aware UTC datetime (naive input is taken as UTC)."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def clock_from_settings(settings: Mapping[str, Any]) -> Clock:
    """``NEWSCRAWL_NOW`` (ISO 8601) freezes the clock at that instant; unset means real
    time. Freezing makes the re-check schedule controllable in tests and demos."""
    frozen = settings.get("NEWSCRAWL_NOW")
    if not frozen:
        return utcnow
    try:
        instant = parse_instant(str(frozen))
    except ValueError:
        raise ValueError(
            f"NEWSCRAWL_NOW must be an ISO 8601 instant such as 2026-11-02T12:00:00Z, "
            f"got {frozen!r}"
        ) from None
    return lambda: instant
