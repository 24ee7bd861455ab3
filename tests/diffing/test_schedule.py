"""The re-check schedule, driven by an explicit clock."""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError
from datetime import UTC, datetime, timedelta

import pytest
from scrapy.settings import Settings

from newscrawl.schedule import BackoffPolicy, Due, EvidencePolicy, load_policy

T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
MINUTE, DAY = 60.0, 86400.0


class FakeClock:
    """Time that moves only when told to."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def advance_to(self, when: datetime) -> None:
        assert when >= self.now
        self.now = when


def run_unchanged(policy: BackoffPolicy, clock: FakeClock) -> list[Due]:
    """Discovery, then unchanged checks exactly when due, until retirement."""
    dues = [policy.first(clock.now)]
    while not dues[-1].retired:
        clock.advance_to(dues[-1].next_check)
        dues.append(policy.after_check(dues[-1].interval, changed=False, now=clock.now))
        assert len(dues) < 1000
    return dues


def test_first_check_is_due_after_30_minutes() -> None:
    due = BackoffPolicy().first(T0)
    assert due == Due(interval=30 * MINUTE, next_check=T0 + timedelta(minutes=30), retired=False)


def test_unchanged_check_grows_interval_by_one_fifth() -> None:
    due = BackoffPolicy().after_check(30 * MINUTE, changed=False, now=T0)
    assert due.interval == pytest.approx(36 * MINUTE)
    assert due.next_check == T0 + timedelta(minutes=36)


def test_change_resets_interval() -> None:
    due = BackoffPolicy().after_check(10 * DAY, changed=True, now=T0)
    assert due == Due(interval=30 * MINUTE, next_check=T0 + timedelta(minutes=30), retired=False)


def test_default_policy_retires_after_42_unchanged_rechecks() -> None:
    clock = FakeClock(T0)
    dues = run_unchanged(BackoffPolicy(), clock)
    rechecks = len(dues) - 1
    # 30 min x 1.2**n first reaches 40 days at n = ceil(log(1920) / log(1.2)) = 42
    assert rechecks == math.ceil(math.log(40 * DAY / (30 * MINUTE)) / math.log(1.2)) == 42
    assert dues[-1].retired and dues[-1].next_check is None
    assert dues[-1].interval >= 40 * DAY > dues[-2].interval
    assert all(not d.retired for d in dues[:-1])
    # the last check falls about 220 days after discovery
    assert (clock.now - T0).days == 220


def test_change_late_in_life_restarts_the_backoff() -> None:
    policy, clock = BackoffPolicy(), FakeClock(T0)
    due = policy.first(clock.now)
    for _ in range(30):
        clock.advance_to(due.next_check)
        due = policy.after_check(due.interval, changed=False, now=clock.now)
    clock.advance_to(due.next_check)
    due = policy.after_check(due.interval, changed=True, now=clock.now)
    assert due.interval == 30 * MINUTE
    assert len(run_unchanged(policy, FakeClock(clock.now))) - 1 == 42


def test_failures_retry_soon_with_capped_backoff_and_never_retire() -> None:
    policy = BackoffPolicy()
    delays = [
        (policy.after_failure(2 * DAY, failures=n, now=T0).next_check - T0).total_seconds()
        for n in range(1, 12)
    ]
    assert delays[:4] == [5 * MINUTE, 10 * MINUTE, 20 * MINUTE, 40 * MINUTE]
    assert max(delays) == 2 * DAY
    due = policy.after_failure(39 * DAY, failures=10_000, now=T0)
    assert not due.retired and due.interval == 39 * DAY
    assert due.next_check == T0 + timedelta(days=39)
    short = policy.after_failure(2 * MINUTE, failures=1, now=T0)
    assert short.next_check == T0 + timedelta(minutes=2)


def test_custom_numbers() -> None:
    policy = BackoffPolicy(initial=60, factor=2, retire_after=600)
    intervals = [d.interval for d in run_unchanged(policy, FakeClock(T0))]
    assert intervals == [60, 120, 240, 480, 960]


def test_factor_one_never_retires_on_its_own() -> None:
    due = BackoffPolicy(factor=1).after_check(30 * MINUTE, changed=False, now=T0)
    assert due.interval == 30 * MINUTE and not due.retired


@pytest.mark.parametrize("kwargs", [{"initial": 0}, {"factor": 0.9}, {"retire_after": -1}])
def test_rejects_nonsense(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        BackoffPolicy(**kwargs)


def test_due_is_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        BackoffPolicy().first(T0).retired = True  # type: ignore[misc]


def test_from_settings_reads_scrapy_settings_and_mappings() -> None:
    values = {
        "NEWSCRAWL_RECHECK_INITIAL": "120",
        "NEWSCRAWL_RECHECK_FACTOR": 1.5,
        "NEWSCRAWL_RECHECK_RETIRE": 3600,
    }
    for source in (Settings(values), values):
        policy = BackoffPolicy.from_settings(source)
        assert (policy.initial, policy.factor, policy.retire_after) == (120, 1.5, 3600)
    defaults = BackoffPolicy.from_settings({})
    assert (defaults.initial, defaults.factor, defaults.retire_after) == (1800, 1.2, 3456000)


def test_project_settings_give_the_default_policy() -> None:
    from newscrawl import settings as project

    values = {k: getattr(project, k) for k in dir(project) if k.isupper()}
    assert isinstance(load_policy(Settings(values)), EvidencePolicy)
    # News Sniffer's rule, by name or by its dotted path, with the documented defaults
    for name in ("newsniffer", "newscrawl.schedule.BackoffPolicy"):
        policy = load_policy(Settings({**values, "NEWSCRAWL_RECHECK_POLICY": name}))
        assert isinstance(policy, BackoffPolicy)
        assert (policy.initial, policy.factor, policy.retire_after) == (1800, 1.2, 3456000)


class SlowPolicy(BackoffPolicy):
    """A policy named in settings by dotted path."""

    @classmethod
    def from_settings(cls, settings: object) -> SlowPolicy:
        return cls(initial=3600)


def test_load_policy_imports_the_named_class() -> None:
    policy = load_policy({"NEWSCRAWL_RECHECK_POLICY": f"{__name__}.SlowPolicy"})
    assert type(policy) is SlowPolicy and policy.initial == 3600
    assert type(load_policy({})) is EvidencePolicy


@pytest.mark.parametrize("path", ["nowhere.Policy", "newscrawl.schedule.Nope", "BackoffPolicy"])
def test_load_policy_names_a_bad_path(path: str) -> None:
    with pytest.raises(ValueError, match="NEWSCRAWL_RECHECK_POLICY"):
        load_policy({"NEWSCRAWL_RECHECK_POLICY": path})
