"""Fixtures for the alert tests: stores holding real change records, real receivers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from newscrawl.diffing import diff_versions, fingerprint
from newscrawl.store import Store
from tests.alerts.receivers import SMTPReceiver, WebhookReceiver
from tests.conftest import free_port

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
PARAGRAPH = (
    "Ministers said on Tuesday that the government will be reluctant to give up its "
    "powers over the regional budget before the end of the next parliamentary session."
)


def _version(title: str, paragraphs: list[str], when: datetime, outlet: str) -> dict[str, Any]:
    record = {"outlet": outlet, "fetched": when, "title": title, "paragraphs": paragraphs,
              "standfirst": "", "authors": [], "corrections": [], "extractor": "test/1",
              "raw_html": b"<html></html>"}  # fmt: skip
    record["fingerprint"] = fingerprint(record)
    return record


def add_change(
    store: Store,
    url: str,
    old: tuple[str, list[str]],
    new: tuple[str, list[str]],
    minutes_ago: float = 10,
    outlet: str = "guardian",
) -> dict[str, Any]:
    """Store an article with two versions and the real change record between them."""
    when = NOW - timedelta(minutes=minutes_ago)
    store.upsert_article(url, outlet, {"first_seen": when - timedelta(hours=1), "title": new[0]})
    first = _version(*old, when - timedelta(hours=1), outlet)
    second = _version(*new, when, outlet)
    store.add_version(url, first)
    number, _ = store.add_version(url, second)
    record = diff_versions(first, second) | {
        "url": url, "outlet": outlet, "title": new[0], "from_version": number - 1,
        "to_version": number, "detected": when,
    }  # fmt: skip
    store.add_change(record)
    return record


def reluctant_change(store: Store, url: str = "https://www.theguardian.com/a", **kw: Any) -> dict:
    """A headline rewrite and one changed word: reluctant -> willing."""
    return add_change(
        store,
        url,
        ("Government to keep budget powers", [PARAGRAPH]),
        ("Government ready to give up budget powers", [PARAGRAPH.replace("reluctant", "willing")]),
        **kw,
    )


@pytest.fixture
def smtp() -> Iterator[SMTPReceiver]:
    receiver = SMTPReceiver(free_port())
    try:
        yield receiver
    finally:
        receiver.stop()


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver(free_port())
    try:
        yield receiver
    finally:
        receiver.stop()
