"""RSS 2.0 and Atom feeds of changes: everything, per outlet, per article, per search."""

from __future__ import annotations

import re
from typing import Any

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, request

from newscrawl import __version__
from newscrawl.store import Record
from newscrawl.web import data, params
from newscrawl.web.db import get_store
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


def render(fmt: str, title: str, page: str, changes: list[Record]) -> Response:
    """A feed of ``changes`` titled ``title``, whose web page is ``page``."""
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
    if changes:
        fg.updated(changes[0]["detected"])
    for change in changes:
        link = _diff_link(change)
        entry = fg.add_entry(order="append")
        entry.id(link)
        entry.guid(link, permalink=True)
        entry.title(_x(f"{change.get('title') or change['url']}: {change.get('summary') or ''}"))
        entry.link(href=link)
        entry.published(change["detected"])
        entry.updated(change["detected"])
        kinds = ", ".join(change.get("kinds") or [])
        entry.description(
            _x(
                f"{change.get('summary') or ''} [{change.get('significance')}; {kinds}] "
                f"{change.get('outlet')}: version {change['from_version']} to "
                f"{change['to_version']}"
            )
        )
        entry.category(term=_x(change.get("significance") or "unknown"))
    body = fg.atom_str(pretty=True) if fmt == "atom" else fg.rss_str(pretty=True)
    return Response(body, mimetype=MIMETYPES[fmt])


@bp.get(f"/changes.{FORMAT}")
def changes(fmt: str) -> Response:
    params.only(("outlet", "significance", "kind"))
    filters = params.change_filters()
    rows = data.changes(filters, 1)["changes"]
    page = external_url("pages.home", **{k: v for k, v in filters.items() if v})
    return render(fmt, "newscrawl: latest changes", page, rows)


@bp.get(f"/outlet/<name>.{FORMAT}")
def outlet(name: str, fmt: str) -> Response:
    params.only(())
    name = params.outlet_name(name) or ""
    rows = data.changes({"outlet": name}, 1)["changes"]
    page = external_url("pages.outlet", name=name)
    return render(fmt, f"newscrawl: changes at {name}", page, rows)


@bp.get(f"/article.{FORMAT}")
def article(fmt: str) -> Response:
    params.only(("url",))
    url = params.article_url()
    record = data.article(url)
    rows = get_store().list_changes(url=url, limit=data.page_size())
    page = external_url("pages.article", url=url)
    return render(fmt, f"Changes to “{record.get('title') or url}”", page, rows)


@bp.get(f"/search.{FORMAT}")
def search(fmt: str) -> Response:
    params.only(("q",))
    query = params.text("q", required=True) or ""
    rows = data.changes({}, 1, query=query)["changes"]
    page = external_url("pages.search", q=query)
    return render(fmt, f"newscrawl: changes matching “{query}”", page, rows)
