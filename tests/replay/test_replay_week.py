"""The simulated newsroom week, and the schedule simulation run against it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newscrawl.replay.week import OUTLETS, START, WEEK, newsroom_week
from newscrawl.replay.weeksim import SETUPS, Setup, simulate


@pytest.fixture(scope="module")
def week():
    return newsroom_week(3000)


def test_the_week_follows_the_published_edit_distribution(week) -> None:
    assert len(week) == 3000 and week == newsroom_week(3000)  # deterministic
    assert all(START <= a.published < START + WEEK for a in week)
    updated = [a for a in week if a.edits]
    assert 0.32 < len(updated) / len(week) < 0.38
    assert 1.8 < sum(len(a.edits) for a in updated) / len(updated) < 2.1
    usual = [a for a in updated if a.outlet.name != "weekly"]
    ages = [e - a.published for a in usual for e in a.edits]
    assert all(timedelta(0) < age <= WEEK for age in ages)
    within_day = sum(age <= timedelta(days=1) for age in ages) / len(ages)
    assert 0.77 < within_day < 0.85
    late = [e - a.published for a in updated if a.outlet.name == "weekly" for e in a.edits]
    assert sum(age <= timedelta(days=1) for age in late) / len(late) < 0.6
    assert {a.outlet.lastmod for a in week} == {"honest", "render", "never"}
    assert 0.05 < sum(a.visible > a.published for a in week) / len(week) < 0.15


def test_sitemap_lastmod_per_outlet_kind(week) -> None:
    edited = {o.lastmod: next(a for a in week if a.outlet is o and a.edits) for o in OUTLETS}
    honest, render, never = edited["honest"], edited["render"], edited["never"]
    later = honest.edits[-1] + timedelta(hours=1)
    assert honest.lastmod(honest.published) == honest.published
    assert honest.lastmod(later) == honest.edits[-1]
    assert render.lastmod(later) == later
    assert never.lastmod(later) is None


def row(setup: Setup, week) -> dict:
    return simulate(setup, week[:600]).row()


def test_the_default_beats_news_sniffer_on_the_simulated_week(week) -> None:
    baseline, default = row(SETUPS[0], week), row(SETUPS[-1], week)
    assert baseline["policy"].startswith("newsniffer") and default["policy"].startswith("default")
    assert baseline["edits"] == default["edits"] > 0  # discovery is the same for both
    assert default["detected"] >= baseline["detected"]
    assert default["median_delay_min"] < baseline["median_delay_min"]
    assert default["requests_per_detected_edit"] < baseline["requests_per_detected_edit"]
    assert default["median_delay_min"] <= 15  # within one crawl interval


def test_signals_from_a_render_time_lastmod_cost_a_few_requests_only(week) -> None:
    render = [a for a in week[:600] if a.outlet.lastmod == "render"]
    figures = simulate(Setup("signals", "newsniffer", signals=True), render)
    plain = simulate(Setup("plain", "newsniffer"), render)
    wrong = figures.signal_requests - figures.signal_right
    assert 3 <= wrong <= 3 + 1  # three strikes, then at most a weekly probe
    assert figures.requests - plain.requests <= 4 + figures.signal_right


def test_a_silent_outlet_gets_no_signal_requests(week) -> None:
    silent = [a for a in week[:600] if a.outlet.lastmod == "never"]
    figures = simulate(Setup("signals", "evidence", signals=True), silent)
    assert figures.signal_requests == 0
