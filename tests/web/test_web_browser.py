"""What a reader sees in a real browser: headless Chromium over a live server."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from werkzeug.serving import make_server

from tests.conftest import REPO
from tests.web.sample import GUARDIAN, HOSTILE

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
