"""Check curves: the ages after publication at which an article is re-checked, and how an
outlet's own history of changes reshapes them within the same number of checks."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

HOUR, DAY = 3600.0, 86400.0

# Dense in the first hours (about 80% of the edits a week brings come within 24 hours),
# guaranteed checks at 1 day and 1 week, a sparse tail to 40 days: 22 checks in all.
DEFAULT_AGES: tuple[float, ...] = tuple(
    h * HOUR for h in (0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 9, 12, 18, 24, 36, 48, 72, 96, 120, 168)
) + (14 * DAY, 21 * DAY, 30 * DAY, 40 * DAY)
# Checks every curve keeps where they are, learned or not: a day and a week after
# publication, and enough between them that a late edit is never left for days.
GUARANTEED: tuple[float, ...] = (DAY, 2 * DAY, 3 * DAY, 5 * DAY, 7 * DAY)
MIN_SPACING = 5 * 60.0  # two checks closer than this would see the same page


@dataclass(frozen=True)
class Curve:
    """Check ages in seconds after publication, ascending; ``learned_from`` counts the
    observed changes that shaped it (0: the evidence prior alone)."""

    ages: tuple[float, ...] = DEFAULT_AGES
    learned_from: int = 0

    def next_age(self, age: float) -> float | None:
        """The first check age strictly after ``age``, or None when none is left."""
        index = bisect_right(self.ages, age)
        return self.ages[index] if index < len(self.ages) else None

    def as_json(self) -> dict[str, object]:
        return {
            "learned_from": self.learned_from,
            "checks": len(self.ages),
            "hours": [round(a / HOUR, 2) for a in self.ages],
        }


def _prior_cdf(points: Sequence[float], t: float) -> float:
    """The evidence prior: the share ``i / n`` of the probability mass lies before the
    i-th point, linear in log-time between points (linear in time before the first)."""
    n = len(points)
    if t <= 0:
        return 0.0
    if t >= points[-1]:
        return 1.0
    i = bisect_right(points, t)
    if i == 0:
        return (t / points[0]) / n
    lo, hi = points[i - 1], points[i]
    return (i + math.log(t / lo) / math.log(hi / lo)) / n


def learn_curve(
    observed_ages: Iterable[float], prior: Curve | None = None, prior_weight: float = 40.0
) -> Curve:
    """The prior's checks moved to where this outlet's changes happen.

    ``observed_ages``: seconds from publication to each stored change. The free checks
    (all but the guaranteed ones and the last) are placed at equal quantiles of a
    mixture of the prior (worth ``prior_weight`` changes) and the observed ages, so the
    number of checks per article, the budget, never changes; with no history the prior
    comes back unchanged."""
    prior = prior or Curve()
    last = prior.ages[-1]
    ages = sorted(min(max(a, 0.0), last) for a in observed_ages)
    fixed = [a for a in prior.ages if a in GUARANTEED] + [last]
    free = [a for a in prior.ages if a not in fixed]
    if not ages or not free:
        return Curve(prior.ages, 0)
    n, weight = len(ages), prior_weight

    def mixture(t: float) -> float:
        return (weight * _prior_cdf(free, t) + bisect_right(ages, t)) / (weight + n)

    placed = []
    for i in range(1, len(free) + 1):
        target = i / len(free)
        lo, hi = 60.0, last
        for _ in range(60):  # bisection in log-time
            mid = math.sqrt(lo * hi)
            lo, hi = (mid, hi) if mixture(mid) < target else (lo, mid)
        placed.append(hi)
    return Curve(_spaced([*placed, *fixed]), n)


def _spaced(ages: Iterable[float]) -> tuple[float, ...]:
    """Ascending, with checks closer than MIN_SPACING to a kept one dropped (the
    guaranteed ones always kept)."""
    kept: list[float] = []
    for age in sorted(set(ages)):
        if kept and age - kept[-1] < MIN_SPACING:
            if age in GUARANTEED and kept[-1] not in GUARANTEED:
                kept[-1] = age
            continue
        kept.append(age)
    return tuple(kept)
