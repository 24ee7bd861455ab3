"""When to start each outlet's next crawl: fixed cadence, no overlap, back off on failure.

Pure: no clock, no processes, no HTTP. The loop feeds it the time and what the job
runner observed; it answers which outlets to start."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass
class OutletPlan:
    """One outlet's schedule state."""

    outlet: str
    every: timedelta
    next_due: datetime | None = None
    """None = due at once (never started by this scheduler)."""
    job: str | None = None
    """The job this scheduler started and has not yet seen end."""
    started: datetime | None = None
    failures: int = 0
    """Consecutive failed jobs; each doubles the wait before the next one."""


class Planner:
    """Decides which outlets are due. An outlet is started only when it is due, no job
    for it is pending or running (ours or anyone's), and ours has been seen to end.

    After a good job the next one is due ``every`` after the previous start (a steady
    cadence); after ``k`` failures in a row it is due ``min(every * 2**k, max_backoff)``
    after the failure was seen."""

    def __init__(self, every: Mapping[str, timedelta], max_backoff: timedelta) -> None:
        self.outlets = {name: OutletPlan(name, interval) for name, interval in every.items()}
        self.max_backoff = max_backoff

    def due(self, now: datetime, busy: Iterable[str] = ()) -> list[str]:
        """Outlets to start now; ``busy`` names outlets with a job pending or running."""
        busy = set(busy)
        return [
            plan.outlet
            for plan in self.outlets.values()
            if plan.job is None
            and plan.outlet not in busy
            and (plan.next_due is None or plan.next_due <= now)
        ]

    def started(self, outlet: str, job: str, now: datetime) -> None:
        plan = self.outlets[outlet]
        plan.job, plan.started = job, now

    def ended(self, outlet: str, ok: bool, now: datetime) -> None:
        """Our job for ``outlet`` is over; ``ok`` says whether it succeeded."""
        plan = self.outlets[outlet]
        if ok:
            plan.failures = 0
            plan.next_due = (plan.started or now) + plan.every
        else:
            plan.failures += 1
            plan.next_due = now + self.backoff(plan)
        plan.job = None

    def backoff(self, plan: OutletPlan) -> timedelta:
        """The wait after ``plan.failures`` failures in a row (doubling, capped)."""
        wait = plan.every * (2 ** min(plan.failures, 32))
        return min(wait, max(self.max_backoff, plan.every))

    def running(self) -> dict[str, str]:
        """Job id -> outlet, for the jobs this scheduler is waiting on."""
        return {plan.job: name for name, plan in self.outlets.items() if plan.job}

    def next_wakeup(self) -> datetime | None:
        """The earliest ``next_due`` of the idle outlets (None: one is due already or
        every outlet has a job in flight)."""
        pending = [p.next_due for p in self.outlets.values() if p.job is None]
        if not pending or None in pending:
            return None
        return min(d for d in pending if d is not None)
