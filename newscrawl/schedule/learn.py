"""An outlet's check curve learned from the store's own history of its changes."""

from __future__ import annotations

from typing import Any

from newscrawl.schedule.curve import Curve, learn_curve
from newscrawl.signals import parse_time

HISTORY = 500  # newest changes an outlet's curve is learned from


def change_age_seconds(row: dict[str, Any]) -> float | None:
    """Seconds from an article's publication (or, without one, its first sighting) to
    one of its changes; None when neither is known or the change predates it."""
    origin = parse_time(row.get("published")) or row.get("first_seen")
    detected = row.get("detected")
    if origin is None or detected is None or detected < origin:
        return None
    return (detected - origin).total_seconds()


def outlet_curve(store: Any, outlet: str, prior: Curve | None = None) -> Curve:
    """The prior curve reshaped by the outlet's ``HISTORY`` newest changes (one query)."""
    ages = [change_age_seconds(row) for row in store.change_ages(outlet, HISTORY)]
    return learn_curve([a for a in ages if a is not None], prior)
