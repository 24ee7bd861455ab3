"""RSS 2.0 and Atom feeds of changes: everything, per outlet, per article, per search."""

from __future__ import annotations

import re
from typing import Any

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, request

from newscrawl import __version__
from newscrawl.store import Record
from newscrawl.web import data, feedbody, params
from newscrawl.web.db import get_store
from newscrawl.web.glance import with_glance
from newscrawl.web.links import external_url

bp = Blueprint("feeds", __name__, url_prefix="/feeds")

FORMAT = "<any(rss, atom):fmt>"
MIMETYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
# Characters XML 1.0 forbids; article text is untrusted and may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(value: Any) -> str:
    return _NOT_XML.sub("", str(value or ""))


def _diff_link(change: Record) -> str:
    return external_url(
        "pages.diff",
        url=change["url"],
        **{"from": change["from_version"], "to": change["to_version"]},
    )


def _article_link(event: Record) -> str:
    return external_url("pages.article", url=event["url"])


def _add_event(fg: FeedGenerator, event: Record) -> None:
    link = _article_link(event)
    entry = fg.add_entry(order="append")
    # An article may have several events: the time and kind make each entry's id unique.
    entry_id = f"{link}#{event['kind']}-{event['time'].isoformat()}"
    entry.id(entry_id)
    entry.guid(entry_id, permalink=False)
    entry.title(_x(feedbody.event_title(event)))
    entry.link(href=link)
    entry.published(event["time"])
    entry.updated(event["time"])
    entry.summary(_x(feedbody.event_text(event)))
    entry.category(term=_x(event["kind"]))


def render(
    fmt: str, title: str, page: str, changes: list[Record], events: list[Record] | None = None
) -> Response:
    """A feed of ``changes`` (and article ``events``: takedowns, redirects, flip-flops)
    titled ``title``, whose web page is ``page``; newest first, one page long."""
    fg = FeedGenerator()
    fg.id(page)
    fg.title(_x(title))
    fg.author({"name": "newscrawl"})
    fg.link(href=page, rel="alternate")
    # The feed's own address, for feed readers and validators.
    here = {**(request.view_args or {}), **request.args.to_dict()}
    fg.link(href=external_url(request.endpoint or "", **here), rel="self")
    fg.description(_x(f"{title}, as detected by newscrawl"))
    fg.generator("newscrawl", version=__version__)
    fg.language("en")
    timed = [(c["detected"], "change", c) for c in changes]
    timed += [(e["time"], "event", e) for e in events or []]
    timed.sort(key=lambda t: t[0], reverse=True)
    timed = timed[: data.page_size()] if events else timed
    if timed:
        fg.updated(timed[0][0])
    for _, what, change in timed:
        if what == "event":
            _add_event(fg, change)
            continue
        link = _diff_link(change)
        entry = fg.add_entry(order="append")
        entry.id(link)
        entry.guid(link, permalink=True)
        entry.title(_x(f"{change.get('title') or change['url']}: {change.get('summary') or ''}"))
        entry.link(href=link)
        entry.published(change["detected"])
        entry.updated(change["detected"])
        # Atom: a text summary and an HTML content; RSS: description and content:encoded.
        entry.summary(_x(feedbody.change_text(change)))
        entry.content(_x(feedbody.change_html(change)), type="html")
        entry.category(term=_x(change.get("significance") or "unknown"))
    body = fg.atom_str(pretty=True) if fmt == "atom" else fg.rss_str(pretty=True)
    return Response(body, mimetype=MIMETYPES[fmt])


def _events(outlet: str | None) -> list[Record]:
    return data.events(params.EVENT_KINDS, 1, outlet=outlet)["events"]


@bp.get(f"/changes.{FORMAT}")
def changes(fmt: str) -> Response:
    params.only(("outlet", "significance", "kind", "uncorrected"))
    filters = params.change_filters()
    rows = data.changes(filters, 1)["changes"]
    page = external_url("pages.home", **{k: v for k, v in filters.items() if v})
    # Takedowns, redirects and flip-flops are news too, unless a filter on changes is set.
    narrowed = any(v for k, v in filters.items() if k != "outlet")
    events = [] if narrowed else _events(filters.get("outlet"))
    return render(fmt, "newscrawl: latest changes", page, rows, events)


@bp.get(f"/outlet/<name>.{FORMAT}")
def outlet(name: str, fmt: str) -> Response:
    params.only(())
    name = params.outlet_name(name) or ""
    rows = data.changes({"outlet": name}, 1)["changes"]
    page = external_url("pages.outlet", name=name)
    return render(fmt, f"newscrawl: changes at {name}", page, rows, _events(name))


@bp.get(f"/article.{FORMAT}")
def article(fmt: str) -> Response:
    params.only(("url",))
    url = params.article_url()
    record = data.article(url)
    rows = get_store().list_changes(url=url, limit=data.page_size())
    rows = [with_glance(row) for row in rows]
    events = [
        {**e, "url": url, "outlet": record.get("outlet"), "title": record.get("title")}
        for e in record.get("events") or []
        if e.get("kind") in params.EVENT_KINDS
    ]
    page = external_url("pages.article", url=url)
    return render(fmt, f"Changes to “{record.get('title') or url}”", page, rows, events)


@bp.get(f"/search.{FORMAT}")
def search(fmt: str) -> Response:
    params.only(("q",))
    query = params.text("q", required=True) or ""
    rows = data.changes({}, 1, query=query)["changes"]
    page = external_url("pages.search", q=query)
    return render(fmt, f"newscrawl: changes matching “{query}”", page, rows)
