"""The HTML pages: latest changes, an article's history, a diff, a version, outlets, search."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from newscrawl.web import data, diffmodel, params
from newscrawl.web.glance import cards, describe
from newscrawl.web.params import MAX_VERSION
from newscrawl.web.plaintext import version_text

bp = Blueprint("pages", __name__)

FILTERS = ("outlet", "significance", "kind", "uncorrected")


@bp.get("/")
def home() -> str:
    params.only(("page", "event", *FILTERS))
    filters = params.change_filters()
    event = params.choice("event", params.EVENT_KINDS)
    page = params.page()
    common = {"outlets": data.outlets(), "args": _args(filters), "event": event}
    if event:
        if any(v for k, v in filters.items() if k != "outlet"):
            params.bad("'event' lists takedowns, redirects or flip-flops: only 'outlet' applies")
        model = data.events((event,), page, outlet=filters["outlet"])
        return render_template("home.html", **model, **common)
    model = data.changes(filters, page)
    model["cards"] = cards(model["changes"])
    # The first page with no filter leads with takedowns, redirects and flip-flops.
    if page == 1 and not any(filters.values()):
        recent = data.events(params.EVENT_KINDS, 1, size=data.RECENT_EVENTS)["events"]
        model["recent_events"] = recent
    return render_template("home.html", **model, **common)


@bp.get("/article")
def article() -> str:
    params.only(("url", "page"))
    url = params.article_url()
    return render_template("article.html", **data.history(url, params.page()), url=url)


@bp.get("/diff")
def diff() -> str:
    params.only(("url", "from", "to"))
    url = params.article_url()
    new_n = params.integer("to", high=MAX_VERSION)
    old_n = params.integer("from", default=max(1, new_n - 1), high=MAX_VERSION)
    model = diffmodel.compare(url, old_n, new_n)
    return render_template("diff.html", **model, url=url, description=describe(model["change"]))


@bp.get("/version")
def version() -> str | Response:
    params.only(("url", "n", "format"))
    url = params.article_url()
    number = params.integer("n", high=MAX_VERSION)
    fmt = params.choice("format", ("html", "txt")) or "html"
    model = data.version(url, number)
    if fmt == "txt":
        body = version_text(model["article"], model["version"], model["count"])
        return Response(body, mimetype="text/plain")
    return render_template("version.html", **model, url=url)


@bp.get("/outlets")
def outlets() -> str:
    params.only(())
    return render_template("outlets.html", outlets=data.outlets())


@bp.get("/outlet/<name>")
def outlet(name: str) -> str:
    params.only(("page",))
    name = params.outlet_name(name) or ""
    model = data.outlet(name, params.page())
    return render_template("outlet.html", **model, cards=cards(model["changes"]), name=name)


@bp.get("/search")
def search() -> str:
    params.only(("q", "page"))
    query = params.text("q")
    model = data.search(query, params.page()) if query else {"query": None}
    return render_template("search.html", **model, cards=cards(model.get("changes") or []))


def _args(filters: dict[str, str | None]) -> dict[str, str]:
    """The active filters, for building pager and feed links."""
    return {k: v for k, v in filters.items() if v}


@bp.app_template_global()
def current_args(**changes: object) -> dict[str, object]:
    """The request's query parameters with some replaced (None removes one)."""
    merged: dict[str, object] = {**(request.view_args or {}), **request.args.to_dict()}
    merged.update(changes)
    return {k: v for k, v in merged.items() if v is not None}
