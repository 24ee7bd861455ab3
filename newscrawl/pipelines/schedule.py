"""What a check tells the schedule: the next due time, the signal it answered, and whether
the page's own modification time moved without its text."""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

from newscrawl.schedule import Due, Policy, jittered, load_policy
from newscrawl.schedule.learn import outlet_curve
from newscrawl.signals import outcome, parse_time
from newscrawl.store import Record, Store


class CheckScheduler:
    """The re-check policy per outlet (learned from the store when the policy adapts),
    with ``NEWSCRAWL_RECHECK_JITTER``; and the per-outlet evidence a check leaves: how
    right the outlet's signals and page modification times are. Runs in the pipeline's
    store thread."""

    def __init__(self, settings: Any) -> None:
        self.base = load_policy(settings)
        self.jitter = settings.getfloat("NEWSCRAWL_RECHECK_JITTER", 0.1)
        self.jitter_max = settings.getfloat("NEWSCRAWL_RECHECK_JITTER_MAX", 600)
        self._policies: dict[str, Policy] = {}
        # Modified-time counters are summed per run and written once (flush), so that
        # unchanged checks do not all queue on the outlet's one state record.
        self._counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self._lock = threading.Lock()

    def policy(self, store: Store, outlet: str) -> Policy:
        """The policy for ``outlet``, its curve learned once per run."""
        if outlet not in self._policies:
            adapted = getattr(self.base, "adapted", None)
            self._policies[outlet] = (
                adapted(outlet_curve(store, outlet)) if adapted is not None else self.base
            )
        return self._policies[outlet]

    @staticmethod
    def published(article: Record, item: Record) -> datetime | None:
        """When the article was published, or without a usable date, first seen."""
        return parse_time(item.get("published") or article.get("published")) or article.get(
            "first_seen"
        )

    def after_fetch(
        self,
        store: Store,
        article: Record,
        item: Record,
        first: bool,
        changed: bool,
        interval: float | None = None,
    ) -> Due:
        """The schedule after a fetch (``first``: the article's first version;
        ``interval``: the article's current one, when not the stored one)."""
        now, policy = item["fetched"], self.policy(store, article["outlet"])
        published = self.published(article, item)
        if first:
            due = policy.first(now, published=published)
        else:
            current = interval if interval is not None else article.get("interval") or 0.0
            due = policy.after_check(current, changed, now, published)
        return jittered(due, article["url"], now, self.jitter, self.jitter_max)

    def first_interval(self, store: Store, article: Record, now: datetime) -> float:
        return self.policy(store, article["outlet"]).first(now).interval

    def after_failure(
        self, store: Store, article: Record, interval: float, failures: int, now: datetime
    ) -> Due:
        return self.policy(store, article["outlet"]).after_failure(interval, failures, now)

    # -- evidence --------------------------------------------------------------------
    @staticmethod
    def note_signal(store: Store, article: Record, item: Record, changed: bool | None) -> None:
        """Record the signal a check answered on the article, and (when the check could
        tell, ``changed`` not None) whether it was right, in the outlet's state."""
        signal = item.get("signal")
        if not signal:
            return
        verdict = "no verdict" if changed is None else "changed" if changed else "no change"
        store.add_event(article["url"], "signal", f"{signal['detail']}: {verdict}", item["fetched"])
        if changed is not None:
            fields, inc = outcome(signal["source"], changed, item["fetched"])
            store.update_outlet_state(article["outlet"], fields, inc)

    def note_modified(self, store: Store, article: Record, previous: Any, item: Record) -> None:
        """After an unchanged check: note when the page's ``modified`` moved although its
        text did not (an outlet whose modification times say little). The outlet's
        counters are written by ``flush``."""
        now, current = item["fetched"], item.get("modified")
        if not previous or not current:
            return
        moved = previous != current
        if moved:
            detail = f"page modified moved from {previous} to {current}; text unchanged"
            store.add_event(article["url"], "modified_moved", detail, now)
        with self._lock:
            self._counts[article["outlet"]]["modified_moved" if moved else "modified_steady"] += 1

    def flush(self, store: Store) -> None:
        """Write the counters summed since the last flush to the outlets' state."""
        with self._lock:
            counts, self._counts = self._counts, defaultdict(Counter)
        for outlet, inc in counts.items():
            store.update_outlet_state(outlet, {}, dict(inc))
