"""One pass of alerts: claim each matching change or article event (takedown, redirect,
flip-flop), send it, record how it went.

Delivery per (alert key, destination): the alert is claimed in the store (``sending``)
before it is sent and marked ``sent`` after the destination accepted it. A failed send is
marked ``failed`` with a ``next_try`` that backs off (doubling, capped). A claim whose
sender died is taken over once its lease has run out, so an alert is never lost; it is
sent twice only if the sender dies in the instant between the destination accepting it
and the ``sent`` write.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newscrawl.alerts.message import (
    change_message,
    flipflop_message,
    gone_message,
    redirect_message,
)
from newscrawl.alerts.rules import EVENT_FLAGS, AlertRules, Destination
from newscrawl.alerts.sender import Outcome, Sender
from newscrawl.store import Store

logger = logging.getLogger(__name__)

SendFunction = Callable[[str, str, str], Outcome]
# Events are read from the store newest first, this many at a time, until one is older
# than max_age_hours.
EVENT_PAGE = 200


@dataclass
class NotifyOptions:
    """How one pass behaves (the settings ``NEWSCRAWL_ALERTS_*``)."""

    timeout: float = 10.0
    lease: float = 300.0
    retry: float = 60.0
    retry_max: float = 6 * 3600.0
    dry_run: bool = False


@dataclass
class NotifyReport:
    """What one pass did, counted per destination."""

    sent: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    waiting: Counter[str] = field(default_factory=Counter)
    errors: dict[str, str] = field(default_factory=dict)
    previews: list[tuple[str, str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        names = sorted({*self.sent, *self.failed, *self.waiting})
        out = []
        for name in names:
            line = f"{name}: {self.sent[name]} sent, {self.failed[name]} failed"
            if self.waiting[name]:
                line += f", {self.waiting[name]} waiting for a retry"
            if name in self.errors:
                line += f" (last error: {self.errors[name]})"
            out.append(line)
        return out or ["nothing to send"]


def backoff(attempts: int, options: NotifyOptions) -> float:
    """Seconds before the next try after ``attempts`` failed ones: doubling, capped."""
    return min(options.retry * 2 ** max(attempts - 1, 0), options.retry_max)


@dataclass(frozen=True)
class Candidate:
    """One alert to consider: which destination, and which change (``to_version``),
    takedown (``kind`` "gone") or article event (``kind`` "redirected" or "flipflop",
    with the event's ``time``, ``detail`` and ``version``) of which article."""

    destination: Destination
    key: str
    url: str
    to_version: int | None
    kind: str = "change"
    time: datetime | None = None
    detail: str | None = None
    version: int | None = None


def event_key(event: dict) -> str:
    """The alert key of an article event. A redirect is one event: its URL, kind and
    time. A flip-flop takes the article's UTC day instead, so that an A/B-testing outlet
    flipping a headline all day costs each destination one alert per article per day:
    the store's claim on that key is what enforces the limit, across runs and senders."""
    time = event["time"]
    if event["kind"] == "flipflop":
        return f"{event['url']}#flipflop@{time.date().isoformat()}"
    return f"{event['url']}#{event['kind']}@{time.isoformat()}"


def recent_events(store: Store, kinds: list[str], since: datetime) -> list[dict]:
    """The events of ``kinds`` at or after ``since``, oldest first."""
    found: list[dict] = []
    skip = 0
    while True:
        page = store.list_events(kinds, skip=skip, limit=EVENT_PAGE)
        fresh = [e for e in page if e["time"] >= since]
        found += fresh
        if len(page) < EVENT_PAGE or len(fresh) < len(page):
            return found[::-1]
        skip += EVENT_PAGE


def candidates(store: Store, rules: AlertRules, now: datetime) -> list[Candidate]:
    """Every change, takedown and article event of the last ``max_age_hours`` that a
    destination wants, oldest first; one per key and destination (the first flip-flop
    of an article's day stands for that day). Only keys are kept: sending takes long,
    and no store cursor should stay open meanwhile."""
    since = now - timedelta(hours=rules.max_age_hours)
    found = []
    for change in store.iter_changes(since=since):
        for destination in rules.destinations:
            if destination.wants_change(change):
                key = f"{change['url']}#v{change['to_version']}"
                found.append(Candidate(destination, key, change["url"], change["to_version"]))
    for article in store.gone_articles(since):
        for destination in rules.destinations:
            if destination.wants_gone(article):
                key = f"{article['url']}#gone"
                found.append(Candidate(destination, key, article["url"], None, "gone"))
    kinds = [
        k for k, flag in EVENT_FLAGS.items() if any(getattr(d, flag) for d in rules.destinations)
    ]
    seen: set[tuple[str, str]] = set()
    for event in recent_events(store, kinds, since) if kinds else []:
        key = event_key(event)
        for destination in rules.destinations:
            if destination.wants_event(event) and (key, destination.name) not in seen:
                seen.add((key, destination.name))
                found.append(
                    Candidate(destination, key, event["url"], None, event["kind"],
                              event["time"], event.get("detail"), event.get("version"))
                )  # fmt: skip
    return found


def message(store: Store, candidate: Candidate, base_url: str | None) -> tuple[str, str] | None:
    """Title and body of the alert, or None if its record has vanished meanwhile."""
    if candidate.kind == "change":
        change = store.get_change(candidate.url, candidate.to_version or 0)
        return None if change is None else change_message(change, base_url)
    article = store.get_article(candidate.url)
    if article is None:
        return None
    if candidate.kind == "gone":
        return gone_message(article, base_url)
    event = {
        "url": candidate.url,
        "outlet": article.get("outlet"),
        "title": article.get("title"),
        "kind": candidate.kind,
        "time": candidate.time,
        "detail": candidate.detail,
        "version": candidate.version,
    }
    if candidate.kind == "redirected":
        return redirect_message(event, base_url)
    return flipflop_message(event, store.list_versions(candidate.url), base_url)


def notify(
    store: Store,
    rules: AlertRules,
    now: Callable[[], datetime],
    options: NotifyOptions,
    send: SendFunction | None = None,
) -> NotifyReport:
    """Send every alert that is due; returns what happened. A destination that fails is
    not tried again in the same pass (its other alerts wait for a later pass)."""
    send = send or Sender(options.timeout).send
    report = NotifyReport()
    down: set[str] = set()
    for candidate in candidates(store, rules, now()):
        destination, key = candidate.destination, candidate.key
        name = destination.name
        if name in down:
            continue
        known = store.get_alert(key, name)
        if known is not None and known["status"] == "sent":
            continue  # the common case, read-only: no write transaction per old alert
        text = message(store, candidate, rules.base_url)
        if text is None:
            continue
        title, body = text
        if options.dry_run:
            report.previews.append((name, title, body))
            continue
        claimed = store.claim_alert(key, name, candidate.url, now(), options.lease)
        if claimed is None:
            if known is not None and known["status"] == "failed":
                report.waiting[name] += 1
            continue  # sent meanwhile, held by a live sender, or backing off
        outcome = send(destination.url, title, body)
        finished = now()
        if outcome.ok:
            store.finish_alert(
                key, name, {"status": "sent", "sent": finished, "next_try": None, "error": None}
            )
            report.sent[name] += 1
            logger.info("alert sent to %s: %s", name, title)
            continue
        delay = backoff(claimed["attempts"] + 1, options)
        store.finish_alert(
            key,
            name,
            {
                "status": "failed",
                "next_try": finished + timedelta(seconds=delay),
                "error": outcome.error,
            },
        )
        report.failed[name] += 1
        report.errors[name] = outcome.error or "failed"
        down.add(name)
        logger.warning("alert to %s failed (retry in %.0f s): %s", name, delay, outcome.error)
    return report
