"""The outcome of a scheduling decision, shared by every re-check policy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Due:
    """The outcome of a scheduling decision.

    ``interval``: the article's re-check interval in seconds from now on;
    ``next_check``: when it is next due, or None once retired;
    ``retired``: True when the article is never to be checked again."""

    interval: float
    next_check: datetime | None
    retired: bool


def setting(settings: Any, name: str, default: float) -> float:
    """A number from Scrapy settings or a plain mapping; missing or empty is ``default``;
    anything else that is not a number is a ``ValueError`` naming the setting."""
    value = settings.get(name) if settings is not None else None
    if value is None or value == "":
        return default
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
