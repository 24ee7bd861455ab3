"""The end-of-run verdict and summary, from crawl stats (pure functions)."""

from __future__ import annotations

import pytest

from newscrawl.extensions.outcome import fetched_nothing, summary_lines

REFUSED = "downloader/exception_type_count/scrapy.exceptions.DownloadConnectionRefusedError"
DNS = "downloader/exception_type_count/scrapy.exceptions.CannotResolveHostError"
STATUS = "downloader/response_status_count"


@pytest.mark.parametrize(
    ("stats", "verdict"),
    [
        ({}, None),  # nothing was due and discovery was off: nothing to say
        ({REFUSED: 6}, "connection refused: 6 attempts"),
        ({DNS: 1}, "host name not found (DNS): 1 attempt"),
        ({REFUSED: 2, DNS: 3}, "connection refused: 2, host name not found (DNS): 3 attempts"),
        ({REFUSED: 6, "downloader/response_count": 1}, None),  # the site answered once
        ({REFUSED: 6, "newscrawl/pages": 2}, None),
        ({"downloader/exception_type_count/builtins.OSError": 2}, "OSError: 2 attempts"),
        # A site that only answers with server errors is down too; one 404 is an answer.
        (
            {"downloader/response_count": 4, f"{STATUS}/503": 3, f"{STATUS}/502": 1},
            "HTTP 502: 1, HTTP 503: 3 attempts",
        ),
        ({"downloader/response_count": 4, f"{STATUS}/503": 3, f"{STATUS}/404": 1}, None),
        ({"downloader/response_count": 2, f"{STATUS}/200": 2}, None),
    ],
)
def test_fetched_nothing(stats, verdict):
    line = fetched_nothing(stats)
    if verdict is None:
        assert line is None
    else:
        assert line.startswith(f"fetched nothing, every request failed ({verdict}): ")
        assert "the network, DNS or the site is down" in line and "`make demo`" in line
        assert "\n" not in line


def test_summary_counts_changes_by_significance_and_failures_by_kind():
    stats = {
        "newscrawl/pages": 9,
        "newscrawl/rechecks": 7,
        "newscrawl/discovered": 2,
        "newscrawl/articles_new": 2,
        "newscrawl/versions_new": 5,
        "newscrawl/unchanged": 3,
        "newscrawl/changes_new": 3,
        "newscrawl/changes/substantive": 2,
        "newscrawl/changes/trivial": 1,
        "newscrawl/errors/HttpError": 2,
        "newscrawl/errors/DownloadTimeoutError": 1,
        "newscrawl/gone": 1,
    }
    assert summary_lines("bbc", "finished", stats) == [
        "bbc: crawl summary (finished):",
        "  pages:        9 (7 re-checks due, 2 discovered)",
        "  new articles: 2",
        "  new versions: 5 (3 unchanged, 0 not modified, 0 flip-flops)",
        "  changes:      3 (2 substantive, 1 trivial)",
        "  failures:     4 (DownloadTimeoutError 1, HttpError 2, gone 1)",
    ]
