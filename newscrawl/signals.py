"""Outlets' own change signals: modification times in sitemaps and feeds, and how far an
outlet's signals are trusted after they have been wrong."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from newscrawl.clock import parse_instant

SOURCES = ("sitemap", "feed")
# A modification time this far past the crawl's clock is taken as a broken clock, not news.
FUTURE_SLACK = timedelta(minutes=5)


@dataclass(frozen=True)
class Signal:
    """An outlet saying an article changed: ``source`` ("sitemap" or "feed"), the element
    it came from (``lastmod``, ``updated``, ``dc:modified``) and the time it gives."""

    source: str
    element: str
    modified: datetime

    def describe(self) -> str:
        """How a check records it: ``sitemap lastmod 10:42``."""
        return f"{self.source} {self.element} {self.modified:%H:%M}"


def parse_time(text: Any) -> datetime | None:
    """A W3C/ISO 8601 or RFC 822 time as aware UTC, or None when it is not one."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return parse_instant(text)
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parse_instant(moment.isoformat())


def sitemap_signal(entry: Mapping[str, Any]) -> Signal | None:
    """The ``<lastmod>`` of a sitemap entry (``news:publication_date`` is a publication,
    not a modification, and never counts)."""
    modified = parse_time(entry.get("lastmod"))
    return None if modified is None else Signal("sitemap", "lastmod", modified)


def feed_signal(entry: Mapping[str, Any]) -> Signal | None:
    """The modification time of a feed entry: Atom ``<updated>`` (also RSS
    ``atom:updated`` and ``dcterms:modified``, which feedparser reads as ``updated``) or
    ``dc:modified``; ``<pubDate>`` / ``<published>`` never count."""
    for key, element in (("updated", "updated"), ("dc_modified", "dc:modified")):
        # dict.get, not entry.get: feedparser's own get() answers "updated" with the
        # publication time when the entry has no modification time.
        modified = parse_time(dict.get(entry, key) if isinstance(entry, dict) else entry.get(key))
        if modified is not None:
            return Signal("feed", element, modified)
    return None


def announces_change(article: Mapping[str, Any], signal: Signal, now: datetime) -> bool:
    """Whether ``signal`` makes a tracked ``article`` due now: it is still online (active,
    or retired: the outlet's word outlasts the schedule), its time is later than the
    article's last check, and not in the future."""
    if article.get("status") not in ("active", "retired") or signal.modified > now + FUTURE_SLACK:
        return False
    last = article.get("last_checked")
    return last is None or signal.modified > last


class Trust:
    """How many signal-driven checks an outlet's source earns in one run.

    A source is on probation until a signal of it has found a change: it may cause at
    most ``strikes - streak`` checks per run, ``streak`` counting its signals in a row
    that found nothing. Once trusted (its last signal check found a change) it may cause
    up to ``cap`` per run. After ``strikes`` wrong ones in a row it is ignored; one
    probe is let through every ``retry`` after its last wrong one, and a right probe
    trusts it again. So an outlet that touches lastmod on every render costs at most
    ``strikes`` extra requests, then one a ``retry``."""

    def __init__(
        self,
        state: Mapping[str, Any],
        strikes: int = 3,
        cap: int = 100,
        retry: timedelta = timedelta(days=7),
    ) -> None:
        self.state = state
        self.strikes = strikes
        self.cap = cap
        self.retry = retry

    def streak(self, source: str) -> int:
        return int(self.state.get(f"{source}_streak") or 0)

    def trusted(self, source: str) -> bool:
        return self.streak(source) < self.strikes

    def allowance(self, source: str, now: datetime) -> int:
        """Signal-driven checks ``source`` may cause in a run starting at ``now``."""
        streak = self.streak(source)
        if streak >= self.strikes:
            last_wrong = self.state.get(f"{source}_last_wrong")
            return 1 if last_wrong is None or now - last_wrong >= self.retry else 0
        if streak == 0 and self.state.get(f"{source}_right"):
            return self.cap
        return self.strikes - streak

    def describe(self, source: str) -> str:
        right = int(self.state.get(f"{source}_right") or 0)
        wrong = int(self.state.get(f"{source}_wrong") or 0)
        if not right and not wrong:
            return "untested"
        status = "trusted" if self.trusted(source) else "ignored"
        return f"{status} ({right} right, {wrong} wrong, {self.streak(source)} wrong in a row)"


def outcome(source: str, changed: bool, now: datetime) -> tuple[dict[str, Any], dict[str, int]]:
    """The outlet-state update (fields, increments) for one signal-driven check."""
    if changed:
        return {f"{source}_streak": 0}, {f"{source}_right": 1}
    return {f"{source}_last_wrong": now}, {f"{source}_wrong": 1, f"{source}_streak": 1}
