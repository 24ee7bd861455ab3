"""Untrusted article text and URLs render as text; bad parameters are refused."""

from __future__ import annotations

import socket

import pytest

from newscrawl.web import create_app
from tests.web.sample import HOSTILE, XSS_PARA

RAW = ("<script>alert(1)</script>", "<b><i>unclosed", '"><img src=x onerror=alert(1)>')
ESCAPED = (
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&lt;b&gt;&lt;i&gt;unclosed",
    "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;",
)


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path, query",
    [
        ("/", {}),
        ("/article", {"url": HOSTILE}),
        ("/diff", {"url": HOSTILE, "from": 1, "to": 2}),
        ("/version", {"url": HOSTILE, "n": 2}),
        ("/outlet/bbc", {}),
        ("/search", {"q": "script"}),
    ],
)
def test_hostile_text_renders_as_text(client, path, query):
    response = client.get(path, query_string=query)
    assert response.status_code == 200
    page = text(response)
    for raw in RAW:
        assert raw not in page
    assert ESCAPED[0] in page
    if path != "/" and not path.startswith("/outlet"):
        assert ESCAPED[1] in page
    if path in ("/diff", "/version"):
        assert ESCAPED[2] in page


def test_javascript_url_is_not_a_link(client):
    page = text(client.get("/article", query_string={"url": HOSTILE}))
    assert 'href="javascript:' not in page
    assert '<span class="url">javascript:alert(1)</span>' in page
    # The viewer's own links carry it only as a query parameter value.
    assert 'href="/version?url=javascript:alert(1)' in page


def test_plain_text_version_is_text_plain(client):
    response = client.get("/version", query_string={"url": HOSTILE, "n": 1, "format": "txt"})
    assert response.mimetype == "text/plain"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert XSS_PARA in text(response)


def test_security_headers_everywhere(client):
    for path in ("/", "/outlets", "/nope", "/api/outlets", "/feeds/changes.rss"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "style-src 'self'" in csp
        assert "form-action 'self'" in csp and "base-uri 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    "query",
    [
        "outlet[$ne]=x",
        "outlet=$ne",
        "outlet=Guardian",
        "significance=huge",
        "significance[$in]=minor",
        "kind=everything",
        "page=0",
        "page=-1",
        "page=1.5",
        "page=99999999999",
        "page=%EF%BC%91",  # a full-width digit one
        "page=1&page=2",
        "sort=title",
    ],
)
def test_bad_parameters_are_400(client, query):
    response = client.get("/?" + query)
    assert response.status_code == 400
    name = query.split("=")[0].split("[")[0]
    assert "Bad request" in text(response) and name in text(response).split("<main")[1]


def test_operator_looking_queries_are_literal(client):
    for q in ('{"$where": "sleep(1000)"}', "{'$gt': ''}", ".*", "%"):
        response = client.get("/search", query_string={"q": q})
        assert response.status_code == 200
        assert "No headline contains" in text(response)
        api = client.get("/api/search", query_string={"q": q}).get_json()
        assert api["articles"] == [] and api["changes"] == []
    assert client.get("/article", query_string={"url[$ne]": "x"}).status_code == 400
    assert client.get("/api/article", query_string={"url": '{"$ne": null}'}).status_code == 404


def test_missing_and_oversized_parameters(client):
    assert client.get("/article").status_code == 400
    assert client.get("/article", query_string={"url": "x" * 3000}).status_code == 400
    assert client.get("/search", query_string={"q": "a" * 300}).status_code == 400
    assert client.get("/search", query_string={"q": "a\x00b"}).status_code == 400
    api = client.get("/api/changes?page=zero")
    assert api.status_code == 400 and api.get_json()["status"] == 400


def test_store_unreachable_is_503():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app({"STORE_URI": f"mongodb://127.0.0.1:{port}/newscrawl", "TESTING": True})
    with app.test_client() as client:
        response = client.get("/")
        assert response.status_code == 503
        page = text(response)
        assert "cannot be read right now" in page and "Traceback" not in page
        api = client.get("/api/outlets")
        assert api.status_code == 503 and "cannot be read" in api.get_json()["message"]
        # The store's address is for the operator's log, not for visitors.
        for reply in (page, api.get_data(as_text=True)):
            assert str(port) not in reply and "mongodb" not in reply.lower()
