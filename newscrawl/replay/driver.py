"""Drive real crawls through a replay's steps and compare the store with the ground truth."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newscrawl.store import Store

# Fast and deterministic against loopback: no throttling, no delays.
CRAWL_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "TELNETCONSOLE_ENABLED": "0",
    "LOG_LEVEL": "WARNING",
    # The ground truth follows News Sniffer's documented back-off to the second, and
    # knows nothing of the outlet's signals. (Its dotted path, which every release reads,
    # so that `make bench` can drive an older tree the same way.)
    "NEWSCRAWL_RECHECK_POLICY": "newscrawl.schedule.BackoffPolicy",
    "NEWSCRAWL_RECHECK_JITTER": "0",
    "NEWSCRAWL_SIGNALS": "0",
}


def call(base_url: str, endpoint: str, method: str = "GET") -> Any:
    """JSON from a replay control endpoint (``/_replay/step`` ...)."""
    data = b"" if method == "POST" else None
    request = urllib.request.Request(base_url.rstrip("/") + endpoint, data=data, method=method)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def crawl(
    base_url: str,
    store_uri: str,
    now: str,
    deltafetch_dir: Path,
    settings: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """One ``scrapy crawl guardian`` run against the replay, clock frozen at ``now``."""
    merged = {
        **CRAWL_SETTINGS,
        "NEWSCRAWL_STORE": store_uri,
        "NEWSCRAWL_NOW": now,
        "DELTAFETCH_DIR": str(deltafetch_dir),
        **(settings or {}),
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "guardian", "-a", f"site={base_url}"]
    for name, value in merged.items():
        command += ["-s", f"{name}={value}"]
    # Found without scrapy.cfg, so a crawl runs from any directory.
    env = {"SCRAPY_SETTINGS_MODULE": "newscrawl.settings", **os.environ}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


def compare(store: Store, truth: Mapping[str, Any]) -> list[str]:
    """Differences between what the store holds and what the truth expects (empty = equal)."""
    problems: list[str] = []
    for url, want in truth["articles"].items():
        name = want["name"]
        article = store.get_article(url)
        if want["status"] in ("unpublished", "untracked"):
            if article is not None:
                problems.append(f"{name}: stored but should not be tracked yet")
            continue
        if article is None:
            problems.append(f"{name}: not in the store")
            continue
        versions = store.list_versions(url)
        if len(versions) != want["versions"]:
            problems.append(f"{name}: {len(versions)} versions stored, {want['versions']} expected")
        if want["title"] and versions and versions[-1]["title"] != want["title"]:
            problems.append(f"{name}: latest title {versions[-1]['title']!r} != {want['title']!r}")
        if (article.get("status") == "gone") != (want["status"] == "gone"):
            problems.append(
                f"{name}: status {article.get('status')!r}, expected {want['status']!r}"
            )
        stored = {c["to_version"]: c for c in store.list_changes(url=url, limit=10**6, full=True)}
        expected = {c["to_version"]: c for c in want["changes"]}
        for number in sorted(set(stored) | set(expected)):
            got, exp = stored.get(number), expected.get(number)
            if got is None or exp is None:
                problems.append(
                    f"{name}: change to v{number} {'missing' if got is None else 'extra'}"
                )
                continue
            if sorted(got["kinds"]) != exp["kinds"]:
                problems.append(f"{name} v{number}: kinds {got['kinds']} != {exp['kinds']}")
            types = sorted(e["type"] for e in got["edits"])
            if types != exp["edits"]:
                problems.append(f"{name} v{number}: edits {types} != {exp['edits']}")
    return problems


def fetched_paths(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, int]:
    """Requests per path between two ``/_replay/stats`` snapshots."""
    counts = {}
    for path, entry in after["paths"].items():
        done = entry["requests"] - before["paths"].get(path, {}).get("requests", 0)
        if done:
            counts[path] = done
    return counts
