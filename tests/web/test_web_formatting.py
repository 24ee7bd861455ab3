"""Template filters: human times and which URLs may become links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newscrawl.web.formatting import abstime, duration, http_url, later, pagetime, plain, reltime

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def test_durations_and_relative_times():
    assert duration(35 * 60) == "35 minutes"
    assert duration(3600) == "1 hour"
    assert duration(41 * 86400) == "1 month"
    assert duration(20) == "less than a minute"
    assert reltime(NOW - timedelta(hours=3), now=NOW) == "3 hours ago"
    assert reltime(NOW + timedelta(days=2), now=NOW) == "in 2 days"
    assert reltime(NOW, now=NOW) == "just now" and reltime(None) == "never"
    assert later(NOW + timedelta(minutes=35), NOW) == "35 minutes later"
    assert abstime(datetime(2024, 3, 1, 9, 5)) == "2024-03-01 09:05 UTC"


def test_page_times():
    assert pagetime("2024-03-01T10:00:00+01:00") == "2024-03-01 09:00 UTC"
    assert pagetime("2024-03-01") == "2024-03-01"
    assert pagetime("last Tuesday") == "last Tuesday" and pagetime(None) == "—"


def test_only_http_urls_become_links():
    assert http_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert http_url("HTTP://example.com/") == "HTTP://example.com/"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//x.com",
        "http:///nohost",
        "http://[::1",
        None,
        42,
    ):
        assert http_url(bad) is None, bad


def test_plain_records():
    record = {"_id": object(), "raw_html": b"x", "when": NOW, "nested": [{"t": NOW}], "n": 1}
    assert plain(record) == {"when": NOW.isoformat(), "nested": [{"t": NOW.isoformat()}], "n": 1}
