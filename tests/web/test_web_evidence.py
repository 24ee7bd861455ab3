"""``/raw``: a stored page shown as evidence, cleaned and sandboxed; linked from versions."""

from __future__ import annotations

import lxml.html
import pytest
from lxml import etree

from newscrawl.store import open_store
from newscrawl.web.sanitise import inert_css, inert_page, to_html
from tests.web.hostile import hostile_page
from tests.web.sample import GUARDIAN, T0, version_record

EVIL = "http://evil.test"
RUNS_OR_LOADS = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "link",
    "base",
    "form",
    "input",
    "button",
    "video",
    "audio",
    "source",
    "noscript",
}
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


@pytest.mark.parametrize(
    "raw",
    [
        '<meta charset="windows-1252"><p>Café ’quoted’</p>'.encode("cp1252"),
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Café'.encode(
            "latin-1"
        ),
        "<p>Café, no charset declared, UTF-8</p>".encode(),
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Café</p></body></html>'.encode(),
        b"\xef\xbb\xbf<p>Caf\xc3\xa9 after a BOM</p>",
    ],
)
def test_raw_pages_are_decoded_as_declared(raw):
    page = to_html(inert_page(raw))  # type: ignore[arg-type]
    assert "Café" in page and "Ã" not in page
    assert page.startswith('<!DOCTYPE html>\n<html><head><meta charset="utf-8">')


def test_every_corpus_page_comes_out_inert(corpus):
    pages = sorted(corpus.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        doc = inert_page(path.read_bytes())
        assert doc is not None, path.name
        again = lxml.html.document_fromstring(to_html(doc))
        for el in again.iter(etree.Element):
            assert el.tag not in RUNS_OR_LOADS, (path.name, el.tag)
            assert not any(name.lower().startswith("on") for name in el.attrib), path.name
            src = el.get("src")
            assert src is None or src.startswith("data:"), (path.name, el.tag, src[:60])
            assert not (el.tag == "meta" and el.get("http-equiv")), path.name
