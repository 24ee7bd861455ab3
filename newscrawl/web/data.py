"""What each page shows, read from the store: shared by the HTML pages, the API and feeds."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app

from newscrawl.schedule.report import outlet_schedule
from newscrawl.store import Record
from newscrawl.store.base import LIST_OMITS
from newscrawl.web.db import get_store
from newscrawl.web.glance import with_glance
from newscrawl.web.params import EVENT_KINDS

# Takedowns, redirects and flip-flops shown above the changes on the home and outlet pages.
RECENT_EVENTS = 5


def page_size() -> int:
    return int(current_app.config["PAGE_SIZE"])


def _paged(rows: list[Record], size: int) -> tuple[list[Record], bool]:
    # One extra row was asked for: it only says whether a next page exists.
    return rows[:size], len(rows) > size


def changes(filters: dict[str, Any], page: int, query: str | None = None) -> dict[str, Any]:
    """The latest changes across outlets, newest first, filtered and paged."""
    size = page_size()
    rows = get_store().list_changes(
        outlet=filters.get("outlet"),
        significance=filters.get("significance"),
        kind=filters.get("kind"),
        query=query,
        skip=(page - 1) * size,
        limit=size + 1,
        uncorrected=True if filters.get("uncorrected") else None,
    )
    rows, has_next = _paged(rows, size)
    rows = [with_glance(row) for row in rows]
    return {"changes": rows, "page": page, "has_next": has_next, "filters": filters}


def events(
    kinds: tuple[str, ...], page: int, outlet: str | None = None, size: int = 0
) -> dict[str, Any]:
    """Takedowns, redirects and flip-flops across articles, newest first, paged."""
    size = size or page_size()
    rows = get_store().list_events(
        kinds=kinds, outlet=outlet, skip=(page - 1) * size, limit=size + 1
    )
    rows, has_next = _paged(rows, size)
    return {"events": rows, "page": page, "has_next": has_next}


def article(url: str) -> Record:
    """The article tracked under ``url``, or a 404."""
    found = get_store().get_article(url)
    if found is None:
        abort(404, description="newscrawl does not track an article at this URL.")
    return found


def history(url: str, page: int) -> dict[str, Any]:
    """An article with one page of its versions (newest first) and their changes."""
    store = get_store()
    record = article(url)
    size = page_size()
    count = int(record.get("version_count") or 0)
    pages = max(1, -(-count // size))
    if page > pages:
        abort(404, description=f"this article's history has {pages} page(s)")
    # Newest first: page 1 holds the highest numbers.
    top = count - (page - 1) * size
    bottom = max(1, top - size + 1)
    # Never ask for limit 0: MongoDB reads that as "no limit".
    versions = store.list_versions(url, skip=bottom - 1, limit=top - bottom + 1) if top else []
    versions.sort(key=lambda v: v["number"], reverse=True)
    by_to = {
        c["to_version"]: c for c in store.list_changes(url=url, skip=(page - 1) * size, limit=size)
    }
    for version in versions:
        number = version["number"]
        if number > 1 and number not in by_to:
            found = store.get_change(url, number)
            if found is not None:
                by_to[number] = {k: v for k, v in found.items() if k not in LIST_OMITS}
    rows = [{"version": v, "change": by_to.get(v["number"])} for v in versions]
    # Events are appended as they happen: newest first is the reverse.
    events = list(reversed(record.get("events") or []))
    return {
        "article": record,
        "rows": rows,
        "events": events,
        "page": page,
        "pages": pages,
        "has_next": page < pages,
        "retired": record.get("status") in ("retired", "gone") or not record.get("next_check"),
    }


def version(url: str, number: int) -> dict[str, Any]:
    """One version of an article, or a 404."""
    record = article(url)
    found = get_store().get_version(url, number)
    if found is None:
        abort(404, description=f"this article has no version {number}.")
    return {"article": record, "version": found, "count": record.get("version_count") or 0}


def outlets() -> list[Record]:
    """Per outlet: articles, changes and the latest crawl run."""
    return sorted(get_store().outlets(), key=lambda o: o["outlet"])


def outlet(name: str, page: int) -> dict[str, Any]:
    """One outlet's health and its latest changes; 404 for an outlet with no data."""
    store = get_store()
    summary = next((o for o in store.outlets() if o["outlet"] == name), None)
    runs = store.list_runs(outlet=name, limit=10)
    if summary is None and not runs:
        abort(404, description=f"newscrawl has no data for an outlet named {name!r}.")
    summary = summary or {"outlet": name, "articles": 0, "changes": 0, "last_run": None}
    finished = next((r for r in runs if r.get("status") == "finished"), None)
    data = changes({"outlet": name}, page)
    recent = events(EVENT_KINDS, 1, outlet=name, size=RECENT_EVENTS)["events"]
    data.update(outlet=summary, runs=runs, last_success=finished, recent_events=recent)
    data["schedule"] = outlet_schedule(store, name)
    return data


def search(query: str, page: int) -> dict[str, Any]:
    """Articles whose title matches, and changes whose added/removed text matches."""
    size = page_size()
    found = get_store().search_articles(query, skip=(page - 1) * size, limit=size + 1)
    articles, more_articles = _paged(found, size)
    data = changes({}, page, query=query)
    data.update(query=query, articles=articles)
    data["has_next"] = data["has_next"] or more_articles
    return data
