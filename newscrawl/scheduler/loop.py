"""The scheduling loop: observe the runner, settle ended jobs, start the due outlets."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from newscrawl.clock import Clock
from newscrawl.scheduler.plan import Planner
from newscrawl.scheduler.runners import Runner
from newscrawl.store import StoreError, open_store

logger = logging.getLogger(__name__)


def judge(runner_ok: bool | None, run_status: str | None) -> bool:
    """Did an ended job succeed? A non-zero exit fails it; otherwise its run record
    decides ("running" after the process ended means it died mid-crawl); with no record,
    only a runner that saw a clean exit counts it as a success."""
    if runner_ok is False:
        return False
    if run_status is not None:
        return run_status == "finished"
    return runner_ok is True


def run_status(store_uri: str | None, outlet: str, job: str) -> str | None:
    """The status in the run record of ``job``, or None (no record, or no store)."""
    if not store_uri:
        return None
    try:
        with open_store(store_uri) as store:
            runs = store.list_runs(outlet=outlet, limit=200)
    except StoreError as exc:
        logger.warning("cannot read run records from %s: %s", store_uri, exc)
        return None
    return next((run.get("status") for run in runs if run.get("id") == job), None)


def settle(
    planner: Planner,
    runner: Runner,
    now: datetime,
    status_of: Callable[[str, str], str | None],
) -> set[str]:
    """Record how our ended jobs went; returns the outlets that are busy now.
    ``status_of(outlet, job)`` reads the job's run record status."""
    ours = planner.running()
    busy, ended = runner.observe(ours)
    for job, runner_ok in ended.items():
        outlet = ours[job]
        ok = judge(runner_ok, status_of(outlet, job))
        planner.ended(outlet, ok, now)
        if not ok:
            plan = planner.outlets[outlet]
            logger.warning(
                "%s job %s failed (%d in a row); next try at %s",
                outlet, job, plan.failures, plan.next_due,
            )  # fmt: skip
    return busy


def tick(
    planner: Planner,
    runner: Runner,
    now: datetime,
    status_of: Callable[[str, str], str | None],
) -> list[str]:
    """One pass: settle ended jobs, then start the due outlets; returns those started."""
    busy = settle(planner, runner, now, status_of)
    started = []
    for outlet in planner.due(now, busy):
        job = runner.start(outlet)
        planner.started(outlet, job, now)
        logger.info("%s: started job %s", outlet, job)
        started.append(outlet)
    return started


def run(
    planner: Planner,
    runner: Runner,
    clock: Clock,
    sleep: Callable[[float], None],
    status_of: Callable[[str, str], str | None],
    poll: float = 30.0,
    once: bool = False,
) -> int:
    """Tick every ``poll`` seconds, forever. ``once``: start what is due, wait for those
    jobs to end, and return 1 if any of them failed (else 0)."""
    tick(planner, runner, clock(), status_of)
    while not (once and not planner.running()):
        sleep(poll)
        if once:
            settle(planner, runner, clock(), status_of)
        else:
            tick(planner, runner, clock(), status_of)
    return 1 if any(plan.failures for plan in planner.outlets.values()) else 0
