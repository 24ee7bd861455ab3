"""Scrapy's own floor: what a request costs a crawl process with no newscrawl in it.

A spider that only requests ``NEWSCRAWL_BENCH_FLOOR_REQUESTS`` (default 2,000) URLs of a
local server and yields one small item per response runs in a child process measured
alone (``benchmarks.crawlproc``), and again with no request at all: the difference per
request is Scrapy's cost per request once started. Measured for a 304 and for a 200
carrying a real Guardian page, with Scrapy's default settings and with the Scrapy
settings of a newscrawl crawl (robots.txt, retries, cookies, compression, stats,
``CONCURRENT_ITEMS = 1``; newscrawl's own middlewares, extensions and pipelines left
out). Both allow a 304 through to the spider, as newscrawl does. Last, the 304s of the
replay newsroom that the crawl and peer benchmarks serve, with the ETags it gives the
articles: what those benchmarks measure for newscrawl above this floor is newscrawl's
own work."""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import threading
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.crawl import REPO, build_script
from benchmarks.crawlproc import PEAK_HOOK, Measured, run_measured
from newscrawl.replay import from_dict, resolve_corpus, running
from newscrawl.replay.corpus import guardian_pages

REQUESTS = int(os.environ.get("NEWSCRAWL_BENCH_FLOOR_REQUESTS", "2000"))
ROUNDS = 2

CHILD = (
    PEAK_HOOK
    + """
import json

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

with open(sys.argv[1]) as listed:
    targets = json.load(listed)
mode = sys.argv[2]


class Floor(scrapy.Spider):
    name = "floor"
    statuses = {}

    async def start(self):
        for url, etag in targets:
            yield scrapy.Request(url, headers={"If-None-Match": etag}, dont_filter=True)

    def parse(self, response):
        self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
        yield {"url": response.url, "status": response.status}

    def closed(self, reason):
        sys.stderr.write("statuses " + json.dumps(self.statuses) + "\\n")


if mode == "newscrawl":
    settings = get_project_settings()
    own = ("SPIDER_MIDDLEWARES", "DOWNLOADER_MIDDLEWARES", "EXTENSIONS", "ITEM_PIPELINES")
    settings.setdict({name: {} for name in own}, priority="cmdline")
else:
    settings = Settings()
settings.setdict(
    {
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "HTTPERROR_ALLOWED_CODES": [304, 404, 410],
    },
    priority="cmdline",
)
process = CrawlerProcess(settings)
process.crawl(Floor)
process.start()
"""
)

CASES = (
    (304, "default", "304, Scrapy's default settings"),
    (304, "newscrawl", "304, a newscrawl crawl's Scrapy settings"),
    (200, "default", "200 with a Guardian page, Scrapy's default settings"),
    (200, "newscrawl", "200 with a Guardian page, a newscrawl crawl's Scrapy settings"),
)


def main() -> None:
    corpus = resolve_corpus(os.environ.get("NEWSCRAWL_CORPUS") or REPO.parent / "shared" / "corpus")
    page = median_page(corpus)
    print(
        f"Scrapy alone: {REQUESTS} requests, one item per response, no pipeline; the "
        f"page is {len(page) // 1024} KiB. CPU of the crawl process per request once "
        f"started (start-up and shutdown: the same spider with no request), {ROUNDS} rounds"
    )
    with tempfile.TemporaryDirectory() as tmp:
        with serving(page) as base:
            for status, mode, label in CASES:
                targets = [(f"{base}/{status}/{n}", '"v1"') for n in range(REQUESTS)]
                measure(Path(tmp), targets, status, mode, label)
        spec = build_script(corpus, REQUESTS)
        with running(from_dict(spec, corpus, "floor")) as server:
            paths = [article["path"] for article in spec["articles"].values()]
            targets = validators(server.base_url, paths)
            label = "304 from the replay newsroom, a newscrawl crawl's Scrapy settings"
            measure(Path(tmp), targets, 304, "newscrawl", label)


def measure(tmp: Path, targets: list[tuple[str, str]], status: int, mode: str, label: str) -> None:
    """Print the CPU per request of crawling ``targets`` (URL, ETag sent), each to be
    answered ``status``, less that of the same process with no request, ``ROUNDS`` times."""
    busy, idle = tmp / "targets.json", tmp / "none.json"
    busy.write_text(json.dumps(targets))
    idle.write_text("[]")
    per_request, startup = [], []
    for _ in range(ROUNDS):
        without = crawl(idle, mode).cpu
        run = crawl(busy, mode)
        if f'statuses {{"{status}": {len(targets)}}}' not in run.stderr:
            raise SystemExit(f"{label}: not every response was a {status}:\n{run.stderr[-2000:]}")
        per_request.append((run.cpu - without) / len(targets) * 1000)
        startup.append(without)
    figures = " / ".join(f"{ms:.2f}" for ms in per_request)
    print(
        f"  {label}: {figures} ms per request "
        f"(start-up and shutdown {statistics.median(startup):.2f} s)",
        flush=True,
    )


def crawl(targets: Path, mode: str) -> Measured:
    """One floor crawl process, measured."""
    command = [sys.executable, "-c", CHILD, str(targets), mode]
    env = {"SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": str(REPO)}
    run = run_measured(command, REPO, env)
    if run.returncode:
        raise SystemExit(f"the floor crawl failed:\n{run.stderr[-2000:]}")
    return run


def validators(base: str, paths: list[str]) -> list[tuple[str, str]]:
    """Each article's URL and the ETag the replay gives it (a HEAD request, unmeasured),
    so that the crawl's conditional requests are all answered 304."""

    def fetch(path: str) -> tuple[str, str]:
        request = urllib.request.Request(base + path, method="HEAD")
        with urllib.request.urlopen(request, timeout=30) as response:
            return base + path, response.headers["ETag"]

    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(fetch, paths))


def median_page(corpus: Path) -> bytes:
    """The Guardian page of median size among those the replay serves."""
    refs = [ref for ref in guardian_pages(corpus) if not ref.endswith("/v2.html")]
    pages = sorted(((corpus / ref).read_bytes() for ref in refs), key=len)
    return pages[len(pages) // 2]


@contextmanager
def serving(page: bytes) -> Iterator[str]:
    """A local HTTP/1.1 server (keep-alive): ``/304/…`` answers 304 Not Modified,
    ``/200/…`` the page, anything else 404. Its CPU is this process's, not the crawl's."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            kind = self.path.split("/")[1]
            if kind == "304":
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return
            body = page if kind == "200" else b"not found"
            self.send_response(200 if kind == "200" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
