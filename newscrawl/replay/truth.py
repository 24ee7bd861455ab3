"""Ground truth: what a correct crawl run at each step's time has stored so far.

It simulates one crawl per step (``NEWSCRAWL_NOW`` = the step's time) against the
script: discovery fetches newly listed articles, re-checks fetch the articles that are
due under the documented back-off schedule, and each fetch is judged on the modelled
text alone. Template changes, flip-flops back to an earlier text, paragraph boundary
changes, 304s and faults add no version; a delete makes the article gone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from newscrawl.replay.model import Content
from newscrawl.replay.script import Script
from newscrawl.replay.world import ArticleState, iter_worlds

FAILING_FAULTS = ("fault", "timeout", "truncate")


@dataclass(frozen=True)
class Schedule:
    """The re-check back-off the crawl is expected to follow (its documented defaults)."""

    initial: float = 30 * 60
    factor: float = 1.2
    retire: float = 40 * 24 * 3600
    failure_delay: float = 5 * 60


def expected_change(old: Content, new: Content) -> dict[str, list[str]]:
    """Kinds and typed edits between two modelled texts, from paragraph identities."""
    edits: list[str] = []
    if old.headline != new.headline:
        edits.append("headline_changed")
    old_ids = [p.pid for p in old.paras]
    new_ids = [p.pid for p in new.paras]
    common = set(old_ids) & set(new_ids)
    edits += ["paragraph_deleted"] * len(set(old_ids) - common)
    edits += ["paragraph_added"] * len(set(new_ids) - common)
    old_text = {p.pid: p.text for p in old.paras}
    edits += [
        "paragraph_edited" for p in new.paras if p.pid in common and p.text != old_text[p.pid]
    ]
    kept = _lcs([i for i in old_ids if i in common], [i for i in new_ids if i in common])
    edits += ["paragraph_moved"] * (len(common) - kept)
    edits += ["correction_added" for c in new.corrections if c not in old.corrections]
    edits += ["correction_removed" for c in old.corrections if c not in new.corrections]
    kinds = set()
    for edit in edits:
        kinds.add(
            "headline"
            if edit.startswith("headline")
            else "correction"
            if edit.startswith("correction")
            else "body"
        )
    return {"kinds": sorted(kinds), "edits": sorted(edits)}


def _lcs(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b):
            prev, row[j + 1] = row[j + 1], prev + 1 if x == y else max(row[j + 1], row[j])
    return row[-1]


@dataclass
class _Tracked:
    """The crawl's view of one article, as the simulation keeps it."""

    contents: list[Content] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    interval: float = 0.0
    next_check: datetime | None = None
    failures: int = 0
    status: str = "active"
    served: object = None
    """What the last successful fetch received (a 304 needs the same bytes again)."""


class _Simulation:
    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self.tracked: dict[str, _Tracked] = {}
        self.flip_fetches: dict[tuple[str, int], int] = {}

    def _due(self, t: _Tracked, interval: float, now: datetime) -> None:
        t.interval, t.failures = interval, 0
        if interval >= self.schedule.retire:
            t.status, t.next_check = "retired", None
        else:
            t.next_check = now + timedelta(seconds=interval)

    def wants(self, state: ArticleState, now: datetime) -> bool:
        t = self.tracked.get(state.name)
        if t is None:
            return state.listed
        return t.status == "active" and t.next_check is not None and now >= t.next_check

    def fetch(self, state: ArticleState, step: int, now: datetime) -> str:
        t = self.tracked.get(state.name)
        fault = state.fault.action if state.fault else None
        if state.status == "gone":
            outcome = "gone"
            if t is not None:
                t.status, t.next_check = "gone", None
        elif fault in FAILING_FAULTS:
            outcome = "failed"
            if t is None:  # a first fetch that failed is tracked and retried
                t = self.tracked[state.name] = _Tracked(interval=self.schedule.initial)
            t.failures += 1
            delay = min(t.interval, self.schedule.failure_delay * 2 ** min(t.failures - 1, 32))
            t.next_check = now + timedelta(seconds=delay)
        elif fault == "not_article":
            outcome = "not_article"
            if t is not None:
                self._due(t, t.interval * self.schedule.factor, now)
        else:
            outcome = self._judge(state, t, step, now)
        t = self.tracked.get(state.name)
        if t is not None:
            t.checks.append({"step": step, "time": now.isoformat(), "outcome": outcome})
        return outcome

    def _judge(self, state: ArticleState, t: _Tracked | None, step: int, now: datetime) -> str:
        fetch = 0
        if state.flip is not None:
            key = (state.name, state.flip_since or 0)
            fetch = self.flip_fetches.get(key, 0)
            self.flip_fetches[key] = fetch + 1
        content = state.variant(fetch)
        served = (state.page, content, state.served_path)
        if t is None:
            t = self.tracked[state.name] = _Tracked()
        if not t.contents:
            t.contents.append(content)
            outcome = "new"
            self._due(t, self.schedule.initial, now)
        elif content.key() == t.contents[-1].key():
            same_bytes = served == t.served and not (
                state.fault and state.fault.action == "charset"
            )
            outcome = "not_modified" if same_bytes else "unchanged"
            self._due(t, t.interval * self.schedule.factor, now)
        elif content.key() in {c.key() for c in t.contents}:
            outcome = "flipflop"
            self._due(t, t.interval * self.schedule.factor, now)
        else:
            change = expected_change(t.contents[-1], content)
            t.contents.append(content)
            t.changes.append(
                {"to_version": len(t.contents), "step": step, "time": now.isoformat(), **change}
            )
            outcome = "version"
            self._due(t, self.schedule.initial, now)
        t.served = served
        return outcome


def ground_truth(
    script: Script, upto: int, base_url: str, schedule: Schedule | None = None
) -> dict[str, Any]:
    """The truth after the crawl run at step ``upto`` (and every step before it)."""
    sim = _Simulation(schedule or Schedule())
    base = base_url.rstrip("/")
    steps: list[dict[str, Any]] = []
    states: dict[str, ArticleState] = {}
    for step, states in iter_worlds(script):
        if step.index > upto:
            break
        fetches = {}
        for name in sorted(states):
            state = states[name]
            if state.status != "unpublished" and sim.wants(state, step.time):
                fetches[base + state.path] = sim.fetch(state, step.index, step.time)
        steps.append({"step": step.index, "time": step.time.isoformat(), "fetches": fetches})
    articles = {}
    for name in sorted(states):
        state, t = states[name], sim.tracked.get(name)
        articles[base + state.path] = {
            "name": name,
            "path": state.path,
            "served_path": state.served_path,
            "published": state.published.isoformat() if state.published else None,
            "status": t.status if t else ("untracked" if state.published else "unpublished"),
            "versions": len(t.contents) if t else 0,
            "title": t.contents[-1].headline if t and t.contents else None,
            "paragraphs": len(t.contents[-1].paras) if t and t.contents else 0,
            "corrections": list(t.contents[-1].corrections) if t and t.contents else [],
            "changes": t.changes if t else [],
            "checks": t.checks if t else [],
            "next_check": t.next_check.isoformat() if t and t.next_check else None,
        }
    current = script.steps[min(upto, len(script.steps) - 1)]
    return {
        "script": script.name,
        "step": current.index,
        "time": current.time.isoformat(),
        "schedule": asdict(schedule or Schedule()),
        "articles": articles,
        "steps": steps,
    }
