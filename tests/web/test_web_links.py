"""Absolute links in feeds come from the configured base URL or the viewer's own address,
never from a client's Host header."""

from __future__ import annotations

import http.client
import subprocess
import sys
import time

import feedparser
import pytest

from newscrawl.store import open_store
from newscrawl.web import create_app
from newscrawl.web.db import close_store
from tests.web.sample import GUARDIAN, populate
from tests.web.test_web_serve import free_port

SPOOFED = "evil.example"
FEEDS = ["/feeds/changes.rss", "/feeds/changes.atom", f"/feeds/article.rss?url={GUARDIAN}"]


def links(body: bytes) -> list[str]:
    feed = feedparser.parse(body)
    found = [link["href"] for link in feed.feed.get("links", [])]
    for entry in feed.entries:
        found += [entry.link, entry.id]
    return found


@pytest.mark.parametrize("path", FEEDS)
def test_a_spoofed_host_never_reaches_a_feed(app, path):
    """Reproduces issue 13: a request with ``Host: evil.example`` got feeds whose every
    link pointed at evil.example."""
    with app.test_client() as client:
        body = client.get(path, headers={"Host": SPOOFED}).data
    assert SPOOFED.encode() not in body
    assert links(body) and all(link.startswith("http://localhost/") for link in links(body))


def test_the_configured_base_url_starts_every_link(sqlite_uri):
    with open_store(sqlite_uri) as store:
        populate(store)
    base = "https://news.example.org/watch"
    app = create_app({"STORE_URI": sqlite_uri, "BASE_URL": base, "TESTING": True})
    with app.test_client() as client:
        body = client.get("/feeds/changes.atom", headers={"Host": SPOOFED}).data
    close_store(app)
    found = links(body)
    assert found and all(link.startswith(base + "/") for link in found), found
    assert f"{base}/diff?url=" in body.decode()


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "news.example.org", "https://x.org/?a=1"])
def test_a_bad_base_url_is_refused(sqlite_uri, bad):
    with pytest.raises(ValueError, match="base URL"):
        create_app({"STORE_URI": sqlite_uri, "BASE_URL": bad})


def fetch_feed(port: int) -> bytes:
    deadline = time.monotonic() + 20
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/feeds/changes.rss", headers={"Host": SPOOFED})
            body = conn.getresponse().read()
            conn.close()
            return body
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.parametrize("base_url", [None, "https://news.example.org/"])
def test_serve_links_to_its_own_address_or_the_base_url(sqlite_uri, base_url):
    with open_store(sqlite_uri) as store:
        populate(store)
    port = free_port()
    command = [sys.executable, "-m", "newscrawl", "--store", sqlite_uri, "serve"]
    command += ["--port", str(port)] + (["--base-url", base_url] if base_url else [])
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        process.stdout.readline()
        body = fetch_feed(port)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()
    expected = base_url or f"http://127.0.0.1:{port}/"
    assert SPOOFED.encode() not in body
    assert links(body) and all(link.startswith(expected) for link in links(body))


def test_serve_refuses_a_bad_base_url(sqlite_uri):
    done = subprocess.run(
        [sys.executable, "-m", "newscrawl", "--store", sqlite_uri, "serve", "--port", "0",
         "--base-url", "ftp://x"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "base URL" in done.stderr and "Traceback" not in done.stderr
