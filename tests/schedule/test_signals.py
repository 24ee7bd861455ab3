"""Outlet signals: which modification times count, when they make an article due, and
how an outlet's trust in them is learned (a fake clock throughout)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from scrapy.utils.sitemap import Sitemap

from newscrawl.signals import (
    Signal,
    Trust,
    announces_change,
    feed_signal,
    outcome,
    parse_time,
    sitemap_signal,
)

T0 = datetime(2024, 6, 3, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-03T10:42:00Z", T0 + timedelta(minutes=42)),
        ("2024-06-03T11:42:00+01:00", T0 + timedelta(minutes=42)),
        ("2024-06-03", datetime(2024, 6, 3, tzinfo=UTC)),
        ("Mon, 03 Jun 2024 10:42:00 GMT", T0 + timedelta(minutes=42)),
        ("yesterday", None),
        ("", None),
        (None, None),
        (1717400000, None),
    ],
)
def test_parse_time(text: object, expected: datetime | None) -> None:
    assert parse_time(text) == expected


SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://e.com/a</loc><lastmod>2024-06-03T10:42:00Z</lastmod>
  <news:news><news:publication_date>2024-06-03T08:00:00Z</news:publication_date></news:news></url>
<url><loc>https://e.com/b</loc>
  <news:news><news:publication_date>2024-06-03T09:59:00Z</news:publication_date></news:news></url>
<url><loc>https://e.com/c</loc><lastmod>not a date</lastmod></url>
</urlset>"""


def test_sitemap_lastmod_counts_publication_date_does_not() -> None:
    signals = {e["loc"]: sitemap_signal(e) for e in Sitemap(SITEMAP)}
    assert signals["https://e.com/a"] == Signal("sitemap", "lastmod", T0 + timedelta(minutes=42))
    assert signals["https://e.com/a"].describe() == "sitemap lastmod 10:42"
    assert signals["https://e.com/b"] is None  # only a publication date
    assert signals["https://e.com/c"] is None  # unparsable: ignored, nothing lost


FEED = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/">
<channel><title>t</title>
<item><link>https://e.com/1</link><pubDate>Mon, 03 Jun 2024 08:00:00 GMT</pubDate></item>
<item><link>https://e.com/2</link><dc:modified>2024-06-03T10:42:00Z</dc:modified></item>
<item><link>https://e.com/3</link><atom:updated>2024-06-03T10:43:00Z</atom:updated></item>
<item><link>https://e.com/4</link><dcterms:modified>2024-06-03T10:44:00Z</dcterms:modified></item>
</channel></rss>"""

ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><link href="https://e.com/5"/><published>2024-06-03T08:00:00Z</published>
<updated>2024-06-03T10:45:00Z</updated></entry></feed>"""


def test_feed_modification_times_count_publication_does_not() -> None:
    entries = feedparser.parse(FEED).entries + feedparser.parse(ATOM).entries
    found = {e["link"]: feed_signal(e) for e in entries}
    assert found["https://e.com/1"] is None  # pubDate is a publication
    assert found["https://e.com/2"] == Signal("feed", "dc:modified", T0 + timedelta(minutes=42))
    assert found["https://e.com/3"] == Signal("feed", "updated", T0 + timedelta(minutes=43))
    assert found["https://e.com/4"] == Signal("feed", "updated", T0 + timedelta(minutes=44))
    assert found["https://e.com/5"] == Signal("feed", "updated", T0 + timedelta(minutes=45))


def test_a_signal_announces_a_change_only_after_the_last_check() -> None:
    signal = Signal("sitemap", "lastmod", T0)
    active = {"status": "active", "last_checked": T0 - timedelta(minutes=1)}
    assert announces_change(active, signal, T0 + timedelta(minutes=5))
    assert not announces_change({**active, "last_checked": T0}, signal, T0)
    assert announces_change({**active, "status": "retired"}, signal, T0)
    assert not announces_change({**active, "status": "gone"}, signal, T0)
    assert announces_change({"status": "active", "last_checked": None}, signal, T0)
    # a time well in the future is a broken clock, not news
    future = Signal("sitemap", "lastmod", T0 + timedelta(hours=1))
    assert not announces_change(active, future, T0)


def apply(state: dict[str, object], source: str, changed: bool, now: datetime) -> None:
    """What the store does with an outcome: set the fields, add the increments."""
    fields, inc = outcome(source, changed, now)
    state.update(fields)
    for key, amount in inc.items():
        state[key] = int(state.get(key) or 0) + amount  # type: ignore[call-overload]


def test_an_untested_source_is_on_probation() -> None:
    trust = Trust({}, strikes=3, cap=100)
    assert trust.allowance("sitemap", T0) == 3
    assert trust.describe("sitemap") == "untested"


def test_a_source_wrong_three_times_in_a_row_stops_counting() -> None:
    state: dict[str, object] = {}
    allowed = []
    for run in range(4):
        now = T0 + timedelta(minutes=15 * run)
        allowed.append(Trust(state).allowance("sitemap", now))
        for _ in range(allowed[-1]):
            apply(state, "sitemap", False, now)  # lastmod touched on every render
    assert allowed == [3, 0, 0, 0]  # three extra requests in all, then none
    assert not Trust(state).trusted("sitemap")
    assert Trust(state).describe("sitemap").startswith("ignored (0 right, 3 wrong")
    assert Trust(state).allowance("feed", T0) == 3  # per source


def test_an_ignored_source_gets_one_probe_a_week_and_a_right_probe_restores_it() -> None:
    state: dict[str, object] = {}
    for _ in range(3):
        apply(state, "feed", False, T0)
    assert Trust(state).allowance("feed", T0 + timedelta(days=6)) == 0
    assert Trust(state).allowance("feed", T0 + timedelta(days=7)) == 1
    apply(state, "feed", True, T0 + timedelta(days=7))
    assert Trust(state).trusted("feed")
    assert Trust(state, cap=50).allowance("feed", T0 + timedelta(days=7)) == 50


def test_a_trusted_source_that_is_wrong_once_is_back_on_probation() -> None:
    state: dict[str, object] = {}
    apply(state, "sitemap", True, T0)
    assert Trust(state, cap=100).allowance("sitemap", T0) == 100
    apply(state, "sitemap", False, T0)
    assert Trust(state).allowance("sitemap", T0) == 2
    apply(state, "sitemap", True, T0)
    assert Trust(state).allowance("sitemap", T0) == 100
    assert Trust(state).describe("sitemap") == "trusted (2 right, 1 wrong, 0 wrong in a row)"
