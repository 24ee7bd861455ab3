"""A week of re-checks simulated on a fake clock: the real policy classes, the real signal
and trust logic and the real curve learning, against ``newscrawl.replay.week``.

Not a crawl: no pages are fetched or compared. A "fetch" sees how many edits the article
shows at that instant, which is what version detection would find; everything that
decides *when* to fetch is newscrawl's own code. Crawl runs happen every ``every``
(15 minutes); in each, due articles are re-checked, newly visible ones discovered, and
(with signals) the outlet's sitemap read. Each article is observed for its first week
(plus one crawl interval, so the one-week check counts)."""

from __future__ import annotations

import heapq
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from newscrawl.replay.week import SITEMAP_WINDOW, WEEK, Article, newsroom_week
from newscrawl.schedule import Policy, jittered, load_policy
from newscrawl.schedule.curve import learn_curve
from newscrawl.schedule.learn import HISTORY
from newscrawl.signals import Trust, announces_change, outcome, sitemap_signal

EVERY = timedelta(minutes=15)
RELEARN = timedelta(hours=6)  # the real crawl relearns every run; every 6 h is plenty here


@dataclass(frozen=True)
class Setup:
    """One row of the comparison."""

    name: str
    policy: str
    learn: bool = False
    signals: bool = False
    jitter: bool = False


SETUPS = (
    Setup("newsniffer (baseline)", "newsniffer"),
    Setup("newsniffer + signals", "newsniffer", signals=True),
    Setup("evidence curve", "evidence", jitter=True),
    Setup("evidence, learned per outlet", "evidence", learn=True, jitter=True),
    Setup("default: learned + signals", "evidence", learn=True, signals=True, jitter=True),
)


@dataclass
class Figures:
    setup: Setup
    articles: int = 0
    edits: int = 0
    detected: int = 0
    delays: list[float] = field(default_factory=list)
    requests: int = 0
    signal_requests: int = 0
    signal_right: int = 0

    def row(self) -> dict[str, Any]:
        delays = sorted(self.delays)
        p90 = delays[min(len(delays) - 1, int(0.9 * len(delays)))] if delays else None
        return {
            "policy": self.setup.name,
            "detected": self.detected,
            "edits": self.edits,
            "median_delay_min": statistics.median(delays) / 60 if delays else None,
            "p90_delay_min": p90 / 60 if p90 is not None else None,
            "requests_per_article_week": self.requests / max(self.articles, 1),
            "requests_per_detected_edit": self.requests / max(self.detected, 1),
            "signal_requests": self.signal_requests,
            "signal_right": self.signal_right,
        }


@dataclass
class _Tracked:
    article: Article
    seen: int
    interval: float = 0.0
    next_check: datetime | None = None
    last_checked: datetime | None = None
    status: str = "active"


class _Run:
    def __init__(self, setup: Setup, articles: list[Article], every: timedelta) -> None:
        self.setup, self.articles, self.every = setup, articles, every
        self.base = load_policy({"NEWSCRAWL_RECHECK_POLICY": setup.policy})
        self.policies: dict[str, Policy] = {}
        self.history: dict[str, list[float]] = defaultdict(list)
        self.trust: dict[str, dict[str, Any]] = defaultdict(dict)
        self.tracked: dict[str, _Tracked] = {}
        self.queue: list[tuple[datetime, str]] = []
        self.figures = Figures(setup, articles=len(articles))
        self.window = WEEK + every + timedelta(minutes=1)

    def policy(self, outlet: str) -> Policy:
        return self.policies.get(outlet, self.base)

    def relearn(self) -> None:
        adapted = getattr(self.base, "adapted", None)
        if adapted is None:
            return
        for outlet, ages in self.history.items():
            self.policies[outlet] = adapted(learn_curve(ages[-HISTORY:]))

    def fetch(self, article: Article, now: datetime, signal: Any = None) -> None:
        if now >= article.published + self.window:
            return
        figures, version = self.figures, article.version_at(now)
        figures.requests += 1
        t = self.tracked.get(article.url)
        policy = self.policy(article.outlet.name)
        if t is None:
            t = self.tracked[article.url] = _Tracked(article, seen=version)
            figures.edits += len(article.edits) - version  # edits before discovery: unseeable
            due = policy.first(now, published=article.published)
            changed = False
        else:
            changed = version > t.seen
            if changed:
                figures.detected += 1  # edits between two fetches show as one version
                figures.delays.append((now - article.edits[version - 1]).total_seconds())
                self.history[article.outlet.name].append((now - article.published).total_seconds())
                t.seen = version
            due = policy.after_check(t.interval, changed, now, article.published)
        if self.setup.jitter:
            due = jittered(due, article.url, now, 0.1, 600)
        t.interval, t.next_check, t.last_checked = due.interval, due.next_check, now
        t.status = "retired" if due.retired else "active"
        if due.next_check is not None:
            heapq.heappush(self.queue, (due.next_check, article.url))
        if signal is not None:
            figures.signal_requests += 1
            figures.signal_right += changed
            fields, inc = outcome(signal.source, changed, now)
            state = self.trust[article.outlet.name]
            state.update(fields)
            for key, amount in inc.items():
                state[key] = state.get(key, 0) + amount

    def read_sitemaps(self, listed: list[Article], now: datetime) -> None:
        by_outlet: dict[str, list[Article]] = defaultdict(list)
        for article in listed:
            by_outlet[article.outlet.name].append(article)
        for outlet, entries in by_outlet.items():
            budget = Trust(self.trust[outlet]).allowance("sitemap", now)
            for article in entries:
                if budget <= 0:
                    break
                t = self.tracked.get(article.url)
                lastmod = article.lastmod(now)
                if t is None or lastmod is None:
                    continue
                if t.next_check is not None and t.next_check <= now:
                    continue  # due anyway
                signal = sitemap_signal({"lastmod": lastmod.isoformat()})
                record = {"status": t.status, "last_checked": t.last_checked}
                if signal is not None and announces_change(record, signal, now):
                    budget -= 1
                    self.fetch(article, now, signal)

    def run(self) -> Figures:
        by_visible = sorted(self.articles, key=lambda a: a.visible)
        in_sitemap = sorted(
            (a for a in self.articles if a.visible == a.published), key=lambda a: a.published
        )
        now = min(a.published for a in self.articles)
        end = max(a.published for a in self.articles) + self.window
        found = listed_from = listed_to = 0
        next_learn = now + RELEARN
        while now <= end:
            while self.queue and self.queue[0][0] <= now:
                when, url = heapq.heappop(self.queue)
                t = self.tracked[url]
                if t.next_check == when and t.status == "active":
                    self.fetch(t.article, now)
            while found < len(by_visible) and by_visible[found].visible <= now:
                self.fetch(by_visible[found], now)
                found += 1
            if self.setup.signals:
                while listed_to < len(in_sitemap) and in_sitemap[listed_to].published <= now:
                    listed_to += 1
                while (
                    listed_from < listed_to
                    and now - in_sitemap[listed_from].published > SITEMAP_WINDOW
                ):
                    listed_from += 1
                self.read_sitemaps(in_sitemap[listed_from:listed_to], now)
            if self.setup.learn and now >= next_learn:
                self.relearn()
                next_learn = now + RELEARN
            now += self.every
        return self.figures


def simulate(
    setup: Setup, articles: list[Article] | None = None, every: timedelta = EVERY
) -> Figures:
    """The figures of one setup over the week (``newsroom_week()`` unless given)."""
    return _Run(setup, articles if articles is not None else newsroom_week(), every).run()
