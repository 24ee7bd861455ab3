"""``/raw``: a stored page as fetched, as evidence, served so that nothing in it runs or
loads (cleaned, then sandboxed by its own Content-Security-Policy)."""

from __future__ import annotations

import lxml.html
from flask import Blueprint, Response, abort, url_for

from newscrawl.web import data, params
from newscrawl.web.db import get_store
from newscrawl.web.formatting import abstime
from newscrawl.web.params import MAX_VERSION
from newscrawl.web.sanitise import body_of, inert_page, to_html

bp = Blueprint("evidence", __name__)

# ``sandbox`` gives the page an opaque origin (no cookies, no same-origin access) and no
# scripts, forms or popups even if the cleaning missed something; nothing may load but
# inline CSS and data: images.
RAW_CSP = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_BANNER_STYLE = (
    "all:initial;display:block;font:15px/1.5 system-ui,sans-serif;background:#fff4d6;"
    "color:#1e2326;border-bottom:2px solid #7a5300;padding:10px 16px;"
)


def _banner(url: str, version: dict, title: str | None) -> lxml.html.HtmlElement:
    back = url_for("pages.version", url=url, n=version["number"])
    banner = lxml.html.Element("div", style=_BANNER_STYLE, role="note")
    banner.set("id", "newscrawl-evidence")
    strong = lxml.html.Element("strong")
    strong.text = f"As fetched at {abstime(version.get('fetched'))}"
    banner.append(strong)
    strong.tail = (
        f" from {url} (version {version['number']}: “{title or url}”). A copy kept by "
        "newscrawl: scripts, forms and external resources were removed, so nothing on "
        "this page runs or loads. "
    )
    link = lxml.html.Element("a", href=back, style="all:revert;color:#1d5c63")
    link.text = "Back to the version’s text"
    banner.append(link)
    return banner


@bp.get("/raw")
def raw() -> Response:
    params.only(("url", "n"))
    url = params.article_url()
    number = params.integer("n", high=MAX_VERSION)
    version = data.version(url, number)["version"]
    page = get_store().raw_html(url, number)
    if page is None:
        abort(404, description=f"no page was kept for version {number} of this article.")
    doc = inert_page(page)
    if doc is None:
        doc = lxml.html.document_fromstring("<html><body><p>(the stored page is empty)</p>")
    body_of(doc).insert(0, _banner(url, version, version.get("title")))
    response = Response(to_html(doc), mimetype="text/html")
    response.headers["Content-Security-Policy"] = RAW_CSP
    return response
