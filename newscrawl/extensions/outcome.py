"""What a finished crawl amounts to, from its stats: the summary and the network verdict."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SIGNIFICANCES = ("substantive", "minor", "trivial")

# What to try when nothing could be fetched: the demo needs no network at all.
OFFLINE_HINT = (
    "check the connection and the site's address, or try again later; "
    "to see newscrawl work offline, run `make demo`"
)


# Download exceptions (Scrapy's and Twisted's names) in words.
PHRASES = {
    "DownloadConnectionRefusedError": "connection refused",
    "ConnectionRefusedError": "connection refused",
    "CannotResolveHostError": "host name not found (DNS)",
    "DNSLookupError": "host name not found (DNS)",
    "DownloadTimeoutError": "timed out",
    "TimeoutError": "timed out",
    "TCPTimedOutError": "timed out",
    "NoRouteError": "no route to host",
    "ConnectionLost": "connection lost",
    "ResponseNeverReceived": "no response",
}


STATUS_COUNT = "downloader/response_status_count/"


def _failed_attempts(stats: Mapping[str, Any]) -> dict[str, int]:
    """Download attempts (retries included) that failed for want of a working server,
    by what went wrong: a download error, or a 5xx answer."""
    failures: dict[str, int] = {}
    for key, value in stats.items():
        if key.startswith("downloader/exception_type_count/"):
            name = key.rsplit("/", 1)[1].rsplit(".", 1)[-1]
            phrase = PHRASES.get(name, name)
        elif key.startswith(STATUS_COUNT) and key.removeprefix(STATUS_COUNT).startswith("5"):
            phrase = f"HTTP {key.removeprefix(STATUS_COUNT)}"
        else:
            continue
        failures[phrase] = failures.get(phrase, 0) + int(value)
    return failures


def fetched_nothing(stats: Mapping[str, Any]) -> str | None:
    """One line saying the run fetched nothing because the network, DNS or the site is
    down, and what to try. None when a page was read, when the site answered anything
    but a server error (a 404 is an answer), or when nothing was requested."""
    if stats.get("newscrawl/pages"):
        return None
    failures = _failed_attempts(stats)
    server_errors = sum(n for kind, n in failures.items() if kind.startswith("HTTP "))
    if int(stats.get("downloader/response_count", 0)) > server_errors or not failures:
        return None
    kinds = ", ".join(f"{name}: {count}" for name, count in sorted(failures.items()))
    attempts = "attempt" if sum(failures.values()) == 1 else "attempts"
    return (
        f"fetched nothing, every request failed ({kinds} {attempts}): the network, DNS "
        f"or the site is down; {OFFLINE_HINT}"
    )


def failures_by_kind(stats: Mapping[str, Any]) -> dict[str, int]:
    """Failed checks and requests by kind (``newscrawl/errors/<kind>``, after retries),
    and the article pages that were gone or not articles."""
    failures = {
        key.removeprefix("newscrawl/errors/"): int(value)
        for key, value in stats.items()
        if key.startswith("newscrawl/errors/")
    }
    for key, label in (("newscrawl/gone", "gone"), ("newscrawl/not_article", "not an article")):
        if stats.get(key):
            failures[label] = int(stats[key])
    return failures


def changes_by_significance(stats: Mapping[str, Any]) -> dict[str, int]:
    return {s: int(stats.get(f"newscrawl/changes/{s}", 0)) for s in SIGNIFICANCES}


def summary_lines(outlet: str, reason: str, stats: Mapping[str, Any]) -> list[str]:
    """The end-of-run summary: pages, new articles, new versions, changes by
    significance, failures by kind."""

    def count(key: str) -> int:
        return int(stats.get(f"newscrawl/{key}", 0))

    changes = changes_by_significance(stats)
    failures = failures_by_kind(stats)
    by_significance = ", ".join(f"{n} {s}" for s, n in changes.items() if n)
    by_kind = ", ".join(f"{kind} {n}" for kind, n in sorted(failures.items()))
    return [
        f"{outlet}: crawl summary ({reason}):",
        f"  pages:        {count('pages')} ({count('rechecks')} re-checks due, "
        f"{count('discovered')} discovered)",
        f"  new articles: {count('articles_new')}",
        f"  new versions: {count('versions_new')} ({count('unchanged')} unchanged, "
        f"{count('not_modified')} not modified, {count('flipflops')} flip-flops)",
        f"  changes:      {count('changes_new')}"
        + (f" ({by_significance})" if by_significance else ""),
        f"  failures:     {sum(failures.values())}" + (f" ({by_kind})" if by_kind else ""),
    ]
