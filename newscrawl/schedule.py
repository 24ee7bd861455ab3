"""When a tracked article is next due for a re-check: the back-off policy."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

DEFAULT_POLICY = "newscrawl.schedule.BackoffPolicy"


@dataclass(frozen=True)
class Due:
    """The outcome of a scheduling decision.

    ``interval``: the article's re-check interval in seconds from now on;
    ``next_check``: when it is next due, or None once retired;
    ``retired``: True when the article is never to be checked again."""

    interval: float
    next_check: datetime | None
    retired: bool


class Policy(Protocol):
    """What the pipelines and spiders need from a re-check policy."""

    def first(self, now: datetime) -> Due: ...

    def after_check(self, interval: float, changed: bool, now: datetime) -> Due: ...

    def after_failure(self, interval: float, failures: int, now: datetime) -> Due: ...


def _setting(settings: Any, name: str, default: float) -> float:
    value = settings.get(name) if settings is not None else None
    if value is None or value == "":
        return default
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None


class BackoffPolicy:
    """Check on discovery, then back off while the article stays the same.

    After every unchanged check the interval grows by ``factor`` (default 1.2) from
    ``initial`` (30 minutes); a change resets it to ``initial``; once the interval
    reaches ``retire_after`` (40 days) the article is retired and not checked again.
    With the defaults an article that never changes is re-checked 42 times after
    discovery, the last one about 220 days after it. A failed check (5xx, timeout)
    is retried sooner, ``failure_delay`` doubled per consecutive failure and never
    later than the normal interval; failures alone never retire an article."""

    def __init__(
        self,
        initial: float = 30 * 60,
        factor: float = 1.2,
        retire_after: float = 40 * 24 * 3600,
        failure_delay: float = 5 * 60,
    ) -> None:
        if initial <= 0 or factor < 1 or retire_after <= 0 or failure_delay <= 0:
            raise ValueError(
                "re-check policy needs initial > 0, factor >= 1, retire_after > 0 "
                f"(got initial={initial}, factor={factor}, retire_after={retire_after})"
            )
        self.initial = float(initial)
        self.factor = float(factor)
        self.retire_after = float(retire_after)
        self.failure_delay = float(failure_delay)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | Any) -> BackoffPolicy:
        """Build from ``NEWSCRAWL_RECHECK_INITIAL``, ``NEWSCRAWL_RECHECK_FACTOR`` and
        ``NEWSCRAWL_RECHECK_RETIRE`` (seconds) in Scrapy settings or a plain mapping;
        missing ones take the defaults."""
        return cls(
            initial=_setting(settings, "NEWSCRAWL_RECHECK_INITIAL", 30 * 60),
            factor=_setting(settings, "NEWSCRAWL_RECHECK_FACTOR", 1.2),
            retire_after=_setting(settings, "NEWSCRAWL_RECHECK_RETIRE", 40 * 24 * 3600),
        )

    def _due(self, interval: float, now: datetime) -> Due:
        if interval >= self.retire_after:
            return Due(interval=interval, next_check=None, retired=True)
        return Due(interval=interval, next_check=now + timedelta(seconds=interval), retired=False)

    def first(self, now: datetime) -> Due:
        """Schedule for an article just discovered (and checked) at ``now``."""
        return self._due(self.initial, now)

    def after_check(self, interval: float, changed: bool, now: datetime) -> Due:
        """Schedule after a successful check at ``now``; ``interval`` is the article's
        interval before this check. A 304 Not Modified counts as unchanged."""
        return self._due(self.initial if changed else interval * self.factor, now)

    def after_failure(self, interval: float, failures: int, now: datetime) -> Due:
        """Schedule after a failed check at ``now``; ``failures`` counts consecutive
        failures including this one (1 for the first). The article keeps its
        ``interval``; the retry comes after ``failure_delay * 2 ** (failures - 1)``,
        capped at ``interval``."""
        exponent = min(max(failures, 1) - 1, 32)  # 2**32 x 5 min outlasts any interval
        delay = min(interval, self.failure_delay * 2**exponent)
        return Due(interval=interval, next_check=now + timedelta(seconds=delay), retired=False)


def load_policy(settings: Mapping[str, Any] | Any) -> Policy:
    """The policy class named by ``NEWSCRAWL_RECHECK_POLICY`` (a dotted path; default
    ``newscrawl.schedule.BackoffPolicy``), built with its ``from_settings``."""
    path = (settings.get("NEWSCRAWL_RECHECK_POLICY") if settings is not None else None) or (
        DEFAULT_POLICY
    )
    module_name, _, class_name = path.rpartition(".")
    try:
        policy_class = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ValueError(f"NEWSCRAWL_RECHECK_POLICY={path!r} cannot be imported: {exc}") from exc
    return policy_class.from_settings(settings)
