"""A small store of articles, versions and changes for the viewer tests, written through
the store API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from newscrawl.pipelines.diffs import DiffPipeline
from newscrawl.store import Store

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
PUBLISHED = "2024-03-01T08:30:00+00:00"
GUARDIAN = "https://www.theguardian.com/politics/2024/mar/01/minister-resigns"
HOSTILE = "javascript:alert(1)"
LONG = "https://www.bbc.co.uk/news/live-blog-1"
XSS_TITLE = "<script>alert(1)</script> Breaking <b><i>unclosed"
XSS_PARA = 'Quote "><img src=x onerror=alert(1)> ends here.'

P1 = "The minister resigned on Friday after weeks of pressure over expenses."
P2 = "She said she had done nothing wrong and would clear her name."
P3 = "The prime minister thanked her for her service."
P4 = "Opposition leaders called for an independent inquiry."
P2_EDITED = "She said she had done nothing wrong and would fight to clear her name."
P5 = "A spokesperson confirmed that 12 claims were under review."

GUARDIAN_VERSIONS: list[dict[str, Any]] = [
    {"title": "Minister under pressure over expenses", "paragraphs": [P1, P2, P3, P4]},
    {"title": "Minister resigns over expenses row", "paragraphs": [P1, P2_EDITED, P3, P4]},
    {"title": "Minister resigns over expenses row", "paragraphs": [P1, P2_EDITED, P4, P3]},
    {"title": "Minister resigns over expenses row.", "paragraphs": [P1, P2_EDITED, P4, P3]},
    {
        "title": "Minister resigns over expenses row.",
        "paragraphs": [P1, P2_EDITED, P4, P3, P5],
        "corrections": ["This article was amended on 1 March 2024 to add a statement."],
    },
]


def version_record(number: int, fields: dict[str, Any], fetched: datetime) -> dict[str, Any]:
    """A version record as the pipeline would store it."""
    paragraphs = fields["paragraphs"]
    return {
        "fetched": fetched,
        "fingerprint": f"fp-{number}-{hash(tuple(paragraphs)) & 0xFFFF:x}",
        "title": fields["title"],
        "standfirst": fields.get("standfirst", "Pressure had mounted for weeks."),
        "authors": fields.get("authors", ["Kate Proctor"]),
        "published": PUBLISHED,
        "modified": None,
        "section": "Politics",
        "paragraphs": paragraphs,
        "blocks": [{"type": "paragraph", "text": p} for p in paragraphs],
        "corrections": fields.get("corrections", []),
        "is_live": False,
        "extractor": "test/1",
        "raw_html": b"<html></html>",
        "html_bytes": 13,
    }


def add_article(
    store: Store,
    url: str,
    outlet: str,
    versions: list,
    start: datetime,
    step: timedelta,
    old_records: bool = False,
) -> None:
    """Store an article's versions and, between each pair, the change record the diff
    pipeline makes; ``old_records`` stores them as older releases did, without the small
    ``snippets`` / ``headline`` fields."""
    store.upsert_article(
        url,
        outlet,
        {"first_seen": start, "next_check": start + step * 50, "published": PUBLISHED},
    )
    records = []
    for i, fields in enumerate(versions):
        record = version_record(i + 1, fields, start + step * i)
        number, created = store.add_version(url, record)
        assert created and number == i + 1
        store.update_article(
            url,
            {"title": fields["title"], "last_changed": record["fetched"]},
            inc={"checks": 1},
        )
        records.append(record)
    for i, (old, new) in enumerate(zip(records, records[1:], strict=False)):
        old, new = {**old, "url": url, "outlet": outlet}, {**new, "url": url, "outlet": outlet}
        change = DiffPipeline.build_change({**old, "number": i + 1}, {**new, "number": i + 2})
        if old_records:
            del change["snippets"], change["headline"]
        store.add_change(change)
        store.update_article(url, {"last_checked": new["fetched"]})


def populate(store: Store, long_versions: int = 12) -> None:
    """The Guardian article (5 versions), a hostile article that is gone, a long live
    blog, two crawl runs and some events."""
    add_article(store, GUARDIAN, "guardian", GUARDIAN_VERSIONS, T0, timedelta(minutes=35))
    hostile = [
        {"title": XSS_TITLE, "paragraphs": ["First.", XSS_PARA]},
        {"title": XSS_TITLE, "paragraphs": ["First.", XSS_PARA, "<b><i>unclosed"]},
    ]
    add_article(store, HOSTILE, "bbc", hostile, T0 + timedelta(hours=1), timedelta(hours=1))
    live = [
        {"title": f"Live: day {i + 1}", "paragraphs": [f"Update number {j}." for j in range(i + 1)]}
        for i in range(long_versions)
    ]
    add_article(
        store, LONG, "bbc", live, T0 - timedelta(days=2), timedelta(minutes=10), old_records=True
    )
    store.add_event(GUARDIAN, "flipflop", "returned to the text of version 3", T0 + HOUR * 4)
    store.update_article(GUARDIAN, {}, inc={"flipflops": 1})
    store.add_event(HOSTILE, "gone", "HTTP 410", T0 + HOUR * 6)
    store.update_article(HOSTILE, {"status": "gone", "next_check": None})
    for i, status in enumerate(("finished", "failed")):
        store.record_run(
            {
                "id": f"guardian-{i}",
                "outlet": "guardian",
                "started": T0 + HOUR * i,
                "finished": T0 + HOUR * i + timedelta(minutes=3),
                "pages": 40,
                "new_articles": 2,
                "new_versions": 3,
                "unchanged": 30,
                "errors": {"timeout": i},
                "not_articles": 0,
                "status": status,
            }
        )
