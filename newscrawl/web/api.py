"""The JSON API: ``/api/...`` mirrors each page with the same parameters."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from newscrawl.web import data, diffmodel, params
from newscrawl.web.formatting import plain
from newscrawl.web.params import MAX_VERSION

bp = Blueprint("api", __name__, url_prefix="/api")


def _json(value: Any) -> Response:
    return jsonify(plain(value))


@bp.get("/changes")
def changes() -> Response:
    params.only(("page", "outlet", "significance", "kind", "uncorrected", "q"))
    model = data.changes(params.change_filters(), params.page(), query=params.text("q"))
    return _json(model)


@bp.get("/events")
def events() -> Response:
    params.only(("page", "kind", "outlet"))
    kind = params.choice("kind", params.EVENT_KINDS)
    kinds = (kind,) if kind else params.EVENT_KINDS
    outlet = params.outlet_name(request.args.get("outlet", ""))
    return _json(data.events(kinds, params.page(), outlet=outlet))


@bp.get("/article")
def article() -> Response:
    params.only(("url", "page"))
    model = data.history(params.article_url(), params.page())
    return _json(
        {
            "article": model["article"],
            "versions": [row["version"] for row in model["rows"]],
            "changes": [row["change"] for row in model["rows"] if row["change"]],
            "page": model["page"],
            "pages": model["pages"],
            "has_next": model["has_next"],
        }
    )


@bp.get("/diff")
def diff() -> Response:
    params.only(("url", "from", "to"))
    url = params.article_url()
    new_n = params.integer("to", high=MAX_VERSION)
    old_n = params.integer("from", default=max(1, new_n - 1), high=MAX_VERSION)
    model = diffmodel.compare(url, old_n, new_n)
    change = dict(model["change"])
    change.update(url=url, from_version=old_n, to_version=new_n, stored=model["stored"])
    return _json(change)


@bp.get("/version")
def version() -> Response:
    params.only(("url", "n"))
    model = data.version(params.article_url(), params.integer("n", high=MAX_VERSION))
    return _json(model["version"])


@bp.get("/outlets")
def outlets() -> Response:
    params.only(())
    return _json({"outlets": data.outlets()})


@bp.get("/outlet/<name>")
def outlet(name: str) -> Response:
    params.only(("page",))
    model = data.outlet(params.outlet_name(name) or "", params.page())
    return _json(model)


@bp.get("/search")
def search() -> Response:
    params.only(("q", "page"))
    query = params.text("q", required=True)
    return _json(data.search(query, params.page()))
