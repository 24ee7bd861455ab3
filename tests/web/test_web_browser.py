"""What a reader sees in a real browser: headless Chromium over a live server."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
from werkzeug.serving import make_server

from newscrawl.store import open_store
from newscrawl.web.evidence import RAW_CSP
from tests.conftest import REPO
from tests.httpsite import Site
from tests.web.hostile import hostile_page
from tests.web.sample import GUARDIAN, HOSTILE, T0, version_record

SCREENSHOTS = REPO / "test-output" / "screenshots"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("chromium is not installed: `make browser` installs Debian's chromium")
    return found


@pytest.fixture
def live(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def browse(chromium: str, profile: Path, *args: str) -> str:
    result = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def dump(chromium: str, profile: Path, url: str) -> str:
    return browse(chromium, profile, "--dump-dom", url)


def screenshot(chromium: str, profile: Path, url: str, name: str, size: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    path.unlink(missing_ok=True)
    browse(chromium, profile, f"--screenshot={path}", f"--window-size={size}", url)
    assert path.stat().st_size > 5000  # a rendered page, not a blank image
    return path


def test_reader_sees_changes_article_and_diff(chromium, live, tmp_path):
    profile = tmp_path / "profile"
    home = dump(chromium, profile, live + "/")
    assert "Latest changes" in home and "Minister resigns over expenses row." in home
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in home and "<script>" not in home

    article_url = f"{live}/article?{urlencode({'url': GUARDIAN})}"
    article = dump(chromium, profile, article_url)
    assert "This article is from the source" in article and "Version 5" in article

    headline = f"{live}/diff?{urlencode({'url': GUARDIAN, 'from': 1, 'to': 2})}"
    assert "<ins>resigns</ins>" in dump(chromium, profile, headline)
    moved = f"{live}/diff?{urlencode({'url': GUARDIAN, 'from': 2, 'to': 3})}"
    assert "Moved to paragraph" in dump(chromium, profile, moved)

    hostile = dump(chromium, profile, f"{live}/article?{urlencode({'url': HOSTILE})}")
    assert 'href="javascript:' not in hostile and "javascript:alert(1)</span>" in hostile
    text = dump(chromium, profile, f"{live}/version?{urlencode({'url': HOSTILE, 'n': 2})}")
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text

    wide, phone = "1280,900", "390,844"
    screenshot(chromium, profile, live + "/", "home.png", wide)
    screenshot(chromium, profile, live + "/", "home-phone.png", phone)
    screenshot(chromium, profile, article_url, "article.png", wide)
    screenshot(chromium, profile, headline, "diff-headline.png", wide)
    screenshot(chromium, profile, moved, "diff-moved.png", wide)
    screenshot(chromium, profile, moved, "diff-moved-phone.png", phone)
    screenshot(chromium, profile, live + "/outlet/guardian", "outlet.png", wide)


@pytest.fixture
def elsewhere() -> Iterator[Site]:
    """Another origin, watched: a hostile stored page tries to reach it."""
    site = Site().start()
    yield site
    site.stop()


def test_a_hostile_raw_page_runs_and_loads_nothing(chromium, app, live, elsewhere, tmp_path):
    url = "https://news.test/hostile-story"
    with open_store(app.config["STORE_URI"]) as store:
        store.upsert_article(url, "guardian", {"first_seen": T0})
        record = version_record(1, {"title": "Minister resigns", "paragraphs": ["x"]}, T0)
        store.add_version(url, record | {"raw_html": hostile_page(elsewhere.url)})
    raw = f"{live}/raw?{urlencode({'url': url, 'n': 1})}"
    # Time for the meta refresh, the onload handler and every fetch to have happened.
    dom = browse(chromium, tmp_path / "p", "--virtual-time-budget=3000", "--dump-dom", raw)
    assert "The article text, kept as evidence." in dom and "As fetched at" in dom
    assert "data-ran" not in dom  # no script, handler or javascript: link ran
    assert dict(elsewhere.hits) == {}  # and nothing was requested from another origin
    screenshot(chromium, tmp_path / "p", raw, "raw-page.png", "1280,900")


@pytest.mark.parametrize("csp", [RAW_CSP, None], ids=["sandboxed", "control"])
def test_the_sandbox_alone_stops_an_uncleaned_page(chromium, elsewhere, tmp_path, csp):
    # Defence in depth: the page exactly as stored, under /raw's CSP and nothing else.
    # The control run, without the CSP, shows that this harness sees loads when they happen.
    page = hostile_page(elsewhere.url)
    headers = [("Content-Type", "text/html")]
    headers += [("Content-Security-Policy", csp)] if csp else []

    def wsgi(environ, start_response):
        start_response("200 OK", headers)
        return [page]

    server = make_server("127.0.0.1", 0, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        dom = browse(
            chromium,
            tmp_path / "p",
            "--virtual-time-budget=3000",
            "--dump-dom",
            f"http://127.0.0.1:{server.port}/",
        )
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
    if csp is None:
        assert {"/script.js", "/image.png", "/style.css", "/refresh"} <= set(elsewhere.hits)
        return
    assert "The article text, kept as evidence." in dom  # not navigated away
    assert 'data-ran="' not in dom.split("<head>")[0]  # no script or handler ran
    assert dict(elsewhere.hits) == {}


def test_new_views_in_a_browser(chromium, live, tmp_path):
    profile = tmp_path / "profile"
    home = dump(chromium, profile, live + "/")
    assert "Takedowns, redirects and flip-flops" in home
    assert "would <ins>fight to </ins>clear her name." in home
    assert "4 changes on 2024-03-01" in home
    gone = dump(chromium, profile, live + "/?event=gone")
    assert "HTTP 410" in gone
    diff = f"{live}/diff?{urlencode({'url': GUARDIAN, 'from': 1, 'to': 2})}"
    page = dump(chromium, profile, diff)
    assert "<title>guardian: “Minister resigns over expenses row”, version 1 → 2" in page
    assert 'property="og:description"' in page
    wide, phone = "1280,900", "390,844"
    screenshot(chromium, profile, live + "/", "home-cards.png", wide)
    screenshot(chromium, profile, live + "/", "home-cards-phone.png", phone)
    screenshot(chromium, profile, live + "/?event=gone", "takedowns.png", wide)
    screenshot(chromium, profile, live + "/?uncorrected=1", "uncorrected-phone.png", phone)
    screenshot(chromium, profile, diff, "diff-phone.png", phone)
    added = f"{live}/diff?{urlencode({'url': GUARDIAN, 'from': 4, 'to': 5})}"
    screenshot(chromium, profile, added, "diff-added-phone.png", phone)


MEASURE = """<script>
const found = [];
const controls = "button, input:not([type=hidden]), select, .diffnav a, .pager a, .quick a, "
  + "details > summary, label.check";
for (const el of document.querySelectorAll(controls)) {
  const box = el.getBoundingClientRect();
  if (box.width && box.height) {
    const label = (el.textContent || el.name || "").trim().slice(0, 30);
    found.push([el.tagName + " " + label, box.height]);
  }
}
const pre = document.createElement("pre");
pre.id = "sizes";
pre.textContent = JSON.stringify(found);
document.body.appendChild(pre);
</script>"""


@pytest.mark.parametrize("size", ["1280,900", "390,844"], ids=["laptop", "phone"])
def test_controls_are_at_least_24px_tall(chromium, app, tmp_path, size):
    # The viewer's own CSP forbids scripts: measure a copy of each page, with a script
    # added, served next to the real stylesheet.
    diff = f"/diff?{urlencode({'url': GUARDIAN, 'from': 4, 'to': 5})}"  # a folded run
    with app.test_client() as client:
        pages = {
            path: client.get(path).get_data(as_text=True).replace("</body>", MEASURE + "</body>")
            for path in ("/", diff)
        }

    def wsgi(environ, start_response):
        path = environ["PATH_INFO"]
        if path.startswith("/measure/"):
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [pages[list(pages)[int(path.rsplit("/", 1)[1])]].encode()]
        return app(environ, start_response)

    server = make_server("127.0.0.1", 0, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        measured = []
        for i in range(len(pages)):
            dom = browse(
                chromium,
                tmp_path / "p",
                f"--window-size={size}",
                "--dump-dom",
                f"http://127.0.0.1:{server.port}/measure/{i}",
            )
            found = json.loads(unescape(dom.split('<pre id="sizes">')[1].split("</pre>")[0]))
            measured += found
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
    names = {name.split(" ")[0] for name, _ in measured}
    assert {"BUTTON", "INPUT", "SELECT", "A", "SUMMARY"} <= names  # every kind was measured
    small = [(name, height) for name, height in measured if height < 24]
    assert small == []
