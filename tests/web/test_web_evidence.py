"""``/raw``: a stored page shown as evidence, cleaned and sandboxed; linked from versions."""

from __future__ import annotations

import pytest

from newscrawl.store import open_store
from newscrawl.web.sanitise import inert_css
from tests.web.hostile import hostile_page
from tests.web.sample import GUARDIAN, T0, version_record

EVIL = "http://evil.test"
URL = "https://news.test/story"


@pytest.fixture
def hostile(app) -> str:
    """An article whose one stored page is hostile; returns its URL."""
    with open_store(app.config["STORE_URI"]) as store:
        store.upsert_article(URL, "guardian", {"first_seen": T0})
        record = version_record(1, {"title": "Minister <b>resigns</b>", "paragraphs": ["x"]}, T0)
        record["raw_html"] = hostile_page(EVIL)
        store.add_version(URL, record)
    return URL


def test_raw_page_is_cleaned_and_sandboxed(client, hostile):
    response = client.get("/raw", query_string={"url": hostile, "n": 1})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    assert csp.startswith("sandbox;") and "default-src 'none'" in csp
    assert "img-src data:" in csp and "script-src" not in csp
    page = response.get_data(as_text=True)
    assert "The article text, kept as evidence." in page and "Minister resigns" in page
    assert "As fetched at 2024-03-01 09:00 UTC" in page
    assert "“Minister &lt;b&gt;resigns&lt;/b&gt;”" in page  # the banner escapes the title
    lowered = page.lower()
    for gone in (
        "<script",
        "onload",
        "onerror",
        "onfocus",
        "<iframe",
        "<object",
        "<form",
        "<link",
        "<base",
        "http-equiv",
        "javascript:",
        "srcset",
        "poster",
        "@import",
    ):
        assert gone not in lowered, gone
    assert EVIL not in page.replace(f'href="{EVIL}', "")  # nothing left that loads from it


def test_raw_page_errors(client, hostile):
    assert client.get("/raw", query_string={"url": hostile, "n": 2}).status_code == 404
    assert client.get("/raw", query_string={"url": "https://x.test/", "n": 1}).status_code == 404
    assert client.get("/raw", query_string={"url": hostile}).status_code == 400
    assert client.get("/raw", query_string={"url": hostile, "n": "1x"}).status_code == 400


def test_empty_or_binary_raw_pages_are_shown_as_such(app, client):
    with open_store(app.config["STORE_URI"]) as store:
        store.upsert_article(URL, "guardian", {"first_seen": T0})
        for raw in (b"", b"\x00\xff\xfe binary \x01"):
            record = version_record(1, {"title": "t", "paragraphs": [raw.hex()]}, T0)
            store.add_version(URL, record | {"raw_html": raw, "fingerprint": raw.hex()})
    for n in (1, 2):
        response = client.get("/raw", query_string={"url": URL, "n": n})
        assert response.status_code == 200
        assert "As fetched at" in response.get_data(as_text=True)


def test_every_version_links_to_its_page_as_fetched(client):
    article = client.get("/article", query_string={"url": GUARDIAN}).get_data(as_text=True)
    for n in range(1, 6):
        assert f'href="/raw?url={GUARDIAN}&amp;n={n}">page as fetched</a>' in article
    version = client.get("/version", query_string={"url": GUARDIAN, "n": 3}).get_data(as_text=True)
    assert "the page as fetched at 2024-03-01 10:10 UTC" in version


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("a{background:url(http://x/y.png)}", "a{background:none}"),
        ("a{background:URL( 'http://x/y.png' )}", "a{background:none}"),
        (
            "a{background:url(data:image/png;base64,AA)}",
            "a{background:url(data:image/png;base64,AA)}",
        ),
        ("@import 'http://x/a.css'; p{}", " p{}"),
    ],
)
def test_inert_css(css, expected):
    assert inert_css(css) == expected
