"""Sample records for the store contract tests, and the worker the race tests spawn."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from newscrawl.store import open_store

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
URL = "https://www.example.com/news/2024/may/01/story"


def version(fingerprint: str, minutes: int = 0, **fields: Any) -> dict[str, Any]:
    record = {
        "outlet": "example",
        "fetched": T0 + timedelta(minutes=minutes),
        "fingerprint": fingerprint,
        "title": f"Headline {fingerprint}",
        "standfirst": "A standfirst",
        "authors": ["Ann Writer"],
        "published": "2024-05-01T08:00:00+00:00",
        "modified": None,
        "section": "world",
        "paragraphs": [f"First paragraph {fingerprint}.", "Second paragraph."],
        "blocks": [{"type": "p", "text": "First"}],
        "corrections": [],
        "is_live": False,
        "extractor": "example/1",
        "raw_html": f"<html><p>{fingerprint}</p></html>".encode(),
    }
    record.update(fields)
    return record


def change(to_version: int, url: str = URL, minutes: int = 0, **fields: Any) -> dict[str, Any]:
    record = {
        "url": url,
        "outlet": "example",
        "title": "Headline",
        "from_version": to_version - 1,
        "to_version": to_version,
        "detected": T0 + timedelta(minutes=minutes),
        "kinds": ["body"],
        "significance": "minor",
        "uncorrected": False,
        "summary": f"change to v{to_version}",
        "words_added": 3,
        "words_removed": 1,
        "added_text": "new words here",
        "removed_text": "old",
        "edits": [{"kind": "edited", "old": "old", "new": "new words here"}],
        "sides": {"left": ["old"], "right": ["new words here"]},
    }
    record.update(fields)
    return record


def wait_until(start_at: float) -> None:
    """Line child processes up so that their writes really overlap."""
    time.sleep(max(0.0, start_at - time.time()))


def add_versions(
    uri: str, url: str, prefix: str, count: int, start_at: float
) -> list[tuple[int, bool]]:
    """Run in a child process: add ``count`` versions with distinct fingerprints."""
    with open_store(uri) as store:
        wait_until(start_at)
        return [store.add_version(url, version(f"{prefix}-{i}")) for i in range(count)]


def add_same(uri: str, url: str, fingerprint: str, start_at: float) -> list[tuple[int, bool]]:
    """Run in a child process: add the same text several times."""
    with open_store(uri) as store:
        wait_until(start_at)
        return [store.add_version(url, version(fingerprint)) for _ in range(5)]
