"""The default re-check policy: checks at fixed ages after publication, where edits happen."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from newscrawl.schedule.curve import Curve
from newscrawl.schedule.due import Due, setting


class EvidencePolicy:
    """Check at the ages of a curve counted from the article's publication time.

    The default curve is dense in the first hours (where published studies of news
    edits find most of them: about 80% of a week's edits come within 24 hours), keeps a
    check at 1 day and at 1 week, and thins out to 40 days, after which the article is
    retired: 22 checks in all. Without a publication time the first check at newscrawl
    counts as publication; an article discovered late starts at the curve's first age
    after its real age, not as if it were new. A change adds one follow-up check
    ``follow_up`` (30 minutes) later, as articles that change once often change again.
    ``adapted(curve)`` gives the same policy on an outlet's learned curve. Failed checks
    are retried as in News Sniffer's rule."""

    def __init__(
        self,
        curve: Curve | None = None,
        follow_up: float = 30 * 60,
        min_gap: float = 5 * 60,
        failure_delay: float = 5 * 60,
    ) -> None:
        if follow_up <= 0 or min_gap < 0 or failure_delay <= 0:
            raise ValueError(
                "the evidence policy needs follow_up > 0, min_gap >= 0, failure_delay > 0 "
                f"(got follow_up={follow_up}, min_gap={min_gap}, failure_delay={failure_delay})"
            )
        self.curve = curve or Curve()
        self.follow_up = float(follow_up)
        self.min_gap = float(min_gap)
        self.failure_delay = float(failure_delay)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | Any) -> EvidencePolicy:
        """Build from ``NEWSCRAWL_RECHECK_FOLLOW_UP`` (seconds; default 1800)."""
        return cls(follow_up=setting(settings, "NEWSCRAWL_RECHECK_FOLLOW_UP", 30 * 60))

    def adapted(self, curve: Curve) -> EvidencePolicy:
        """This policy on another curve (an outlet's learned one)."""
        return EvidencePolicy(curve, self.follow_up, self.min_gap, self.failure_delay)

    def _next(self, now: datetime, published: datetime | None, changed: bool) -> Due:
        origin = published if published is not None and published <= now else now
        age = (now - origin).total_seconds()
        upcoming = self.curve.next_age(age + self.min_gap)
        waits = [] if upcoming is None else [upcoming - age]
        if changed:
            waits.append(self.follow_up)
        if not waits:
            return Due(interval=0.0, next_check=None, retired=True)
        wait = min(waits)
        return Due(interval=wait, next_check=now + timedelta(seconds=wait), retired=False)

    def first(self, now: datetime, published: datetime | None = None) -> Due:
        """Schedule for an article just discovered (and checked) at ``now``."""
        return self._next(now, published, changed=False)

    def after_check(
        self, interval: float, changed: bool, now: datetime, published: datetime | None = None
    ) -> Due:
        """Schedule after a successful check at ``now``; ``interval`` is not needed: the
        curve and the publication time say everything."""
        return self._next(now, published, changed)

    def after_failure(self, interval: float, failures: int, now: datetime) -> Due:
        """A failed check is retried after ``failure_delay * 2 ** (failures - 1)``, never
        later than ``interval``; failures alone never retire an article."""
        exponent = min(max(failures, 1) - 1, 32)
        delay = min(interval or self.failure_delay, self.failure_delay * 2**exponent)
        return Due(interval=interval, next_check=now + timedelta(seconds=delay), retired=False)
