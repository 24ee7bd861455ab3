"""A stored article with real change records, for the ``history`` and ``diff`` tests."""

from __future__ import annotations

from datetime import timedelta

from newscrawl.pipelines.diffs import DiffPipeline
from newscrawl.store import open_store
from tests.store.samples import T0, version

URL = "https://www.example.com/politics/2024/may/01/minister"
TEXTS = [
    (
        "Minister will be reluctant to resign",
        ["The minister said she will be reluctant to give up her seat.", "Second stays."],
        [],
    ),
    (
        "Minister will be willing to resign",
        [
            "The minister said she will be willing to give up her seat.",
            "Second stays.",
            "Her party has 12 seats left.",
        ],
        [],
    ),
    (
        "Minister will be willing to resign",
        ["The minister said she will be willing to give up her seat.", "Second stays."],
        ["An earlier version said the party had 12 seats."],
    ),
]


def fill(uri: str, url: str = URL) -> None:
    """Three versions of ``url`` and the change records the crawl would have written."""
    with open_store(uri) as store:
        store.upsert_article(url, "example", {"title": TEXTS[-1][0], "first_seen": T0})
        for n, (title, paragraphs, corrections) in enumerate(TEXTS, start=1):
            store.add_version(
                url,
                version(
                    f"f{n}",
                    minutes=35 * (n - 1),
                    title=title,
                    paragraphs=paragraphs,
                    blocks=[{"type": "paragraph", "text": p} for p in paragraphs],
                    corrections=corrections,
                ),
            )
            if n > 1:
                change = DiffPipeline.build_change(
                    store.get_version(url, n - 1), store.get_version(url, n)
                )
                store.add_change(change)
        store.add_event(url, "failed", "HTTP 503", T0 + timedelta(minutes=50))
