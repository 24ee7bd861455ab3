"""The evidence policy and its curves, driven by an explicit clock."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.schedule import Due, EvidencePolicy, load_policy
from newscrawl.schedule.curve import DAY, DEFAULT_AGES, HOUR, MIN_SPACING, Curve, learn_curve
from newscrawl.schedule.jitter import jittered, url_fraction
from tests.diffing.test_schedule import FakeClock

T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
MINUTE = 60.0


def run_unchanged(policy: EvidencePolicy, clock: FakeClock, published: datetime) -> list[Due]:
    """Discovery at the clock's time, then unchanged checks exactly when due."""
    dues = [policy.first(clock.now, published=published)]
    while not dues[-1].retired:
        clock.advance_to(dues[-1].next_check)
        dues.append(policy.after_check(dues[-1].interval, False, clock.now, published))
        assert len(dues) < 100
    return dues


def ages_checked(clock_times: list[datetime], published: datetime) -> list[float]:
    return [(t - published).total_seconds() / HOUR for t in clock_times]


def test_a_new_article_is_checked_at_every_age_of_the_curve_then_retired() -> None:
    clock = FakeClock(T0)
    dues = run_unchanged(EvidencePolicy(), clock, T0)
    times = [d.next_check for d in dues[:-1]]
    assert ages_checked(times, T0) == [a / HOUR for a in DEFAULT_AGES]
    assert len(times) == 22  # against News Sniffer's 42 re-checks
    assert 24.0 in ages_checked(times, T0) and 168.0 in ages_checked(times, T0)
    assert dues[-1] == Due(interval=0.0, next_check=None, retired=True)
    assert clock.now == T0 + timedelta(days=40)


def test_dense_first_hours_and_sparse_tail() -> None:
    ages = [a / HOUR for a in DEFAULT_AGES]
    assert sum(a <= 24 for a in ages) >= 12  # more than half the checks in the first day
    assert sum(a <= 168 for a in ages) == 18
    assert sum(a > 7 * 24 for a in ages) == 4


def test_a_late_discovered_article_starts_at_its_real_age() -> None:
    published = T0 - timedelta(hours=5)
    due = EvidencePolicy().first(T0, published=published)
    # 5 h old: the next age of the curve is 6 h, one hour from now
    assert due.next_check == published + timedelta(hours=6)
    assert due.interval == HOUR
    clock = FakeClock(T0)
    assert len(run_unchanged(EvidencePolicy(), clock, published)) - 1 == 22 - 7


def test_an_article_older_than_the_curve_is_retired_after_its_first_check() -> None:
    due = EvidencePolicy().first(T0, published=T0 - timedelta(days=41))
    assert due.retired and due.next_check is None


def test_without_a_publication_time_discovery_counts_as_publication() -> None:
    assert EvidencePolicy().first(T0).next_check == T0 + timedelta(minutes=15)


def test_a_publication_time_in_the_future_counts_as_now() -> None:
    due = EvidencePolicy().first(T0, published=T0 + timedelta(days=2))
    assert due.next_check == T0 + timedelta(minutes=15)


def test_a_change_adds_a_follow_up_check_30_minutes_later() -> None:
    policy, published = EvidencePolicy(), T0 - timedelta(hours=13)
    unchanged = policy.after_check(0, False, T0, published)
    changed = policy.after_check(0, True, T0, published)
    assert unchanged.next_check == published + timedelta(hours=18)
    assert changed.next_check == T0 + timedelta(minutes=30)
    # early on, the curve's own next check comes first
    early = policy.after_check(0, True, T0, T0 - timedelta(minutes=20))
    assert early.next_check == T0 + timedelta(minutes=10)


def test_a_check_just_before_a_curve_age_skips_it() -> None:
    # A signal-driven check 2 minutes before the 4 h check: the next is the 6 h one.
    published = T0 - timedelta(hours=4) + timedelta(minutes=2)
    due = EvidencePolicy().after_check(0, False, T0, published)
    assert due.next_check == published + timedelta(hours=6)


def test_failures_retry_soon_and_never_retire() -> None:
    policy = EvidencePolicy()
    delays = [
        (policy.after_failure(4 * HOUR, n, T0).next_check - T0).total_seconds() / MINUTE
        for n in (1, 2, 3, 4, 5, 6)
    ]
    assert delays == [5, 10, 20, 40, 80, 160]
    assert policy.after_failure(20 * MINUTE, 9, T0).next_check == T0 + timedelta(minutes=20)
    assert not policy.after_failure(0, 100, T0).retired


def test_settings_and_bad_values() -> None:
    policy = load_policy(
        {"NEWSCRAWL_RECHECK_POLICY": "evidence", "NEWSCRAWL_RECHECK_FOLLOW_UP": 600}
    )
    assert isinstance(policy, EvidencePolicy) and policy.follow_up == 600
    with pytest.raises(ValueError, match="follow_up"):
        EvidencePolicy(follow_up=0)


def test_adapted_policy_checks_at_the_learned_ages() -> None:
    curve = Curve((HOUR, DAY, 7 * DAY), learned_from=10)
    policy = EvidencePolicy().adapted(curve)
    clock = FakeClock(T0)
    dues = run_unchanged(policy, clock, T0)
    assert ages_checked([d.next_check for d in dues[:-1]], T0) == [1, 24, 168]


# -- learned curves ---------------------------------------------------------------------
def test_no_history_gives_the_prior() -> None:
    assert learn_curve([]) == Curve(DEFAULT_AGES, 0)


def test_a_late_editing_outlet_gets_its_checks_later_within_the_same_budget() -> None:
    rng = random.Random(7)
    late = [rng.uniform(2 * DAY, 5 * DAY) for _ in range(300)]
    curve = learn_curve(late)
    assert curve.learned_from == 300
    assert len(curve.ages) <= len(DEFAULT_AGES)
    assert DAY in curve.ages and 7 * DAY in curve.ages and curve.ages[-1] == 40 * DAY
    between = sum(2 * DAY <= a <= 5 * DAY for a in curve.ages)
    assert between > sum(2 * DAY <= a <= 5 * DAY for a in DEFAULT_AGES) + 5
    assert all(b - a >= MIN_SPACING for a, b in zip(curve.ages, curve.ages[1:], strict=False))


def test_an_early_editing_outlet_gets_denser_first_hours() -> None:
    rng = random.Random(8)
    early = [rng.uniform(10 * MINUTE, 3 * HOUR) for _ in range(300)]
    curve = learn_curve(early)
    first_hours = sum(a <= 3 * HOUR for a in curve.ages)
    assert first_hours > sum(a <= 3 * HOUR for a in DEFAULT_AGES) + 3
    assert len(curve.ages) <= len(DEFAULT_AGES)


def test_curve_as_json_gives_hours() -> None:
    shown = Curve((900.0, DAY), 3).as_json()
    assert shown == {"learned_from": 3, "checks": 2, "hours": [0.25, 24.0]}


# -- jitter -----------------------------------------------------------------------------
def test_jitter_is_deterministic_per_url_earlier_and_bounded() -> None:
    due = Due(interval=2 * HOUR, next_check=T0 + timedelta(hours=2), retired=False)
    urls = [f"https://e.com/{i}" for i in range(50)]
    moved = [jittered(due, url, T0, share=0.1, cap=600) for url in urls]
    assert moved == [jittered(due, url, T0, share=0.1, cap=600) for url in urls]
    shifts = [(due.next_check - m.next_check).total_seconds() for m in moved]
    assert all(0 <= s <= 600 for s in shifts)
    assert len({round(s) for s in shifts}) > 40  # published together, spread out
    assert all(0 <= url_fraction(u) < 1 for u in urls)


def test_jitter_leaves_retired_and_unjittered_alone() -> None:
    retired = Due(interval=0, next_check=None, retired=True)
    assert jittered(retired, "https://e.com/a", T0, 0.1, 600) is retired
    due = Due(interval=60, next_check=T0 + timedelta(minutes=1), retired=False)
    assert jittered(due, "https://e.com/a", T0, 0, 600) == due
    small = jittered(due, "https://e.com/a", T0, 0.1, 600)
    assert T0 < small.next_check <= due.next_check  # at most a tenth of a short wait


class OldStylePolicy:
    """A policy class written before publication times were passed."""

    @classmethod
    def from_settings(cls, settings: object) -> OldStylePolicy:
        return cls()

    def first(self, now: datetime) -> Due:
        return Due(60.0, now + timedelta(minutes=1), False)

    def after_check(self, interval: float, changed: bool, now: datetime) -> Due:
        return Due(interval * 2, now + timedelta(seconds=interval * 2), False)

    def after_failure(self, interval: float, failures: int, now: datetime) -> Due:
        return Due(interval, now + timedelta(seconds=interval), False)


def test_a_policy_without_publication_times_still_loads_by_dotted_path() -> None:
    policy = load_policy({"NEWSCRAWL_RECHECK_POLICY": f"{__name__}.OldStylePolicy"})
    assert policy.first(T0, published=T0).next_check == T0 + timedelta(minutes=1)
    assert policy.after_check(60.0, False, T0, T0).interval == 120.0
    assert policy.after_failure(60.0, 1, T0).next_check == T0 + timedelta(minutes=1)
