"""Fixtures for crawl tests: a local site of real Guardian pages, and a way to crawl it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO
from tests.httpsite import Site

# Real Guardian pages of the three markup generations, served at their real paths.
PAGES = [
    "pages/guardian/fundus--93f8a510-TheGuardian.html",
    "pages/guardian/readability--guardian-1.html",
    "pages/guardian/wpp--university-extremist-speakers.html",
    "pages/guardian/wpp--cop27-egypt-climate-disaster-funds.html",
]
LIVE_BLOG = "pages/guardian/fundus--3179e720-TheGuardian_2023_05_15.html"
START = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


@dataclass
class Page:
    path: str
    html: bytes
    title: str


def load_page(corpus: Path, name: str) -> Page:
    sidecar = json.loads((corpus / name).with_suffix(".json").read_text(encoding="utf-8"))
    return Page(urlsplit(sidecar["url"]).path, (corpus / name).read_bytes(), sidecar["title"])


def news_sitemap(base: str, paths: list[str]) -> str:
    entries = "".join(
        f"<url><loc>{base}{p}</loc><news:news><news:publication><news:name>The Guardian"
        "</news:name><news:language>en</news:language></news:publication>"
        "<news:publication_date>2026-11-02T10:00:00Z</news:publication_date>"
        f"<news:title>t</news:title></news:news></url>"
        for p in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + entries + "</urlset>"
    )


def rss(base: str, paths: list[str]) -> str:
    items = "".join(f"<item><title>t</title><link>{base}{p}</link></item>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>UK</title>'
        f"<link>{base}/uk</link><description>d</description>{items}</channel></rss>"
    )


@pytest.fixture
def pages(corpus: Path) -> list[Page]:
    return [load_page(corpus, name) for name in PAGES]


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site().start()
    yield server
    server.stop()


@dataclass
class Crawl:
    returncode: int
    log: str


@pytest.fixture
def crawl(tmp_path: Path, sqlite_uri: str):
    """Run ``scrapy crawl guardian`` (or ``spider=...``) for real, as a subprocess in the
    project directory."""

    def run(
        *args: str,
        now: datetime = START,
        store: str | None = None,
        spider: str = "guardian",
        **settings: object,
    ):
        command = [sys.executable, "-m", "scrapy", "crawl", spider]
        for arg in args:
            command += ["-a", arg]
        merged = {
            "NEWSCRAWL_STORE": store or sqlite_uri,
            "NEWSCRAWL_NOW": now.isoformat(),
            "DELTAFETCH_DIR": str(tmp_path / "deltafetch"),
            "AUTOTHROTTLE_ENABLED": "0",
            "DOWNLOAD_DELAY": "0",
            "TELNETCONSOLE_ENABLED": "0",
            "RETRY_TIMES": "1",
            "NEWSCRAWL_STORE_RETRY_DELAY": "0.1",
            # The corpus pages were published years ago: these tests time re-checks by
            # News Sniffer's back-off from discovery (tests/schedule cover the default).
            "NEWSCRAWL_RECHECK_POLICY": "newsniffer",
            "NEWSCRAWL_RECHECK_JITTER": "0",
            **{k: str(v) for k, v in settings.items()},
        }
        for name, value in merged.items():
            command += ["-s", f"{name}={value}"]
        done = subprocess.run(
            command, cwd=REPO, capture_output=True, text=True, timeout=180, check=False
        )
        return Crawl(done.returncode, done.stderr + done.stdout)

    return run


def later(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)
