"""The scheduling decisions, driven by a fake clock and an in-memory job runner."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.scheduler.loop import judge, run, tick
from newscrawl.scheduler.plan import Planner

T0 = datetime(2024, 5, 1, 12, tzinfo=UTC)
MIN = timedelta(minutes=1)


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class FakeRunner:
    """Jobs live until the test ends them; ``others`` are jobs someone else started."""

    def __init__(self) -> None:
        self.live: dict[str, str] = {}
        self.exits: dict[str, bool | None] = {}
        self.started: list[tuple[str, str]] = []
        self.others: set[str] = set()

    def start(self, outlet: str) -> str:
        job = f"{outlet}-{len(self.started)}"
        self.live[job] = outlet
        self.started.append((outlet, job))
        return job

    def end(self, job: str, ok: bool | None = None) -> None:
        del self.live[job]
        self.exits[job] = ok

    def observe(self, ours: Mapping[str, str]):
        busy = set(self.live.values()) | self.others
        return busy, {job: self.exits[job] for job in ours if job in self.exits}


def planner(**every: int) -> Planner:
    return Planner({name: m * MIN for name, m in every.items()}, max_backoff=60 * MIN)


def no_record(outlet: str, job: str) -> None:
    return None


def test_every_outlet_starts_at_once():
    plan = planner(guardian=15, bbc=30)
    assert plan.due(T0) == ["guardian", "bbc"]


def test_cadence_follows_the_start_time():
    plan = planner(guardian=15)
    plan.started("guardian", "j1", T0)
    plan.ended("guardian", True, T0 + 4 * MIN)
    assert plan.due(T0 + 14 * MIN) == []
    assert plan.due(T0 + 15 * MIN) == ["guardian"]


def test_no_second_job_while_one_runs():
    plan = planner(guardian=15)
    plan.started("guardian", "j1", T0)
    assert plan.due(T0 + 60 * MIN) == []


def test_no_job_while_someone_elses_runs():
    plan = planner(guardian=15, bbc=15)
    assert plan.due(T0, busy={"guardian"}) == ["bbc"]


def test_failures_double_the_wait_up_to_the_cap():
    plan = planner(guardian=15)
    now, waits = T0, []
    for n in range(6):
        plan.started("guardian", f"j{n}", now)
        plan.ended("guardian", False, now)
        waits.append(plan.outlets["guardian"].next_due - now)
        now = plan.outlets["guardian"].next_due
    assert waits == [30 * MIN, 60 * MIN, 60 * MIN, 60 * MIN, 60 * MIN, 60 * MIN]
    plan.started("guardian", "ok", now)
    plan.ended("guardian", True, now)
    assert plan.outlets["guardian"].failures == 0
    assert plan.outlets["guardian"].next_due == now + 15 * MIN


def test_backoff_never_shorter_than_the_interval():
    plan = Planner({"guardian": 90 * MIN}, max_backoff=60 * MIN)
    plan.started("guardian", "j", T0)
    plan.ended("guardian", False, T0)
    assert plan.outlets["guardian"].next_due == T0 + 90 * MIN


@pytest.mark.parametrize(
    ("runner_ok", "status", "ok"),
    [
        (True, None, True),
        (None, None, False),
        (False, "finished", False),
        (None, "finished", True),
        (True, "failed", False),
        (None, "running", False),
    ],
)
def test_judge(runner_ok, status, ok):
    assert judge(runner_ok, status) is ok


def test_tick_starts_due_outlets_and_settles_ended_jobs():
    plan, runner = planner(guardian=15, bbc=15), FakeRunner()
    assert tick(plan, runner, T0, no_record) == ["guardian", "bbc"]
    assert tick(plan, runner, T0 + 20 * MIN, no_record) == []
    runner.end("guardian-0", ok=True)
    runner.end("bbc-1", ok=False)
    assert tick(plan, runner, T0 + 21 * MIN, no_record) == ["guardian"]
    assert plan.outlets["bbc"].next_due == T0 + 51 * MIN


def test_run_record_decides_for_scrapyd_jobs():
    plan, runner = planner(guardian=15), FakeRunner()
    records = {"guardian-0": "failed"}
    tick(plan, runner, T0, lambda outlet, job: records.get(job))
    runner.end("guardian-0")
    tick(plan, runner, T0 + 15 * MIN, lambda outlet, job: records.get(job))
    assert plan.outlets["guardian"].failures == 1
    assert runner.started == [("guardian", "guardian-0")]


def test_loop_keeps_the_cadence_with_a_fake_clock():
    plan, runner, clock = planner(guardian=15), FakeRunner(), FakeClock()
    ticks = 0

    def sleep(seconds: float) -> None:
        nonlocal ticks
        clock.sleep(seconds)
        for job in list(runner.live):
            runner.end(job, ok=True)  # every job takes under one poll
        ticks += 1
        if ticks == 13:  # after the tick at minute 60
            raise StopIteration

    with pytest.raises(StopIteration):
        run(plan, runner, clock, sleep, no_record, poll=300)
    # An hour of 5-minute polls: starts at 0, 15, 30, 45 and 60 minutes.
    assert len(runner.started) == 5


def test_once_waits_for_its_jobs_and_reports_failure():
    plan, runner, clock = planner(guardian=15, bbc=15), FakeRunner(), FakeClock()

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        for job in list(runner.live):
            runner.end(job, ok=not job.startswith("bbc"))

    assert run(plan, runner, clock, sleep, no_record, poll=10, once=True) == 1
    assert [outlet for outlet, _ in runner.started] == ["guardian", "bbc"]
    assert runner.live == {}
