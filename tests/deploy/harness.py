"""Real Scrapyd nodes on loopback ports, the project deployed to them with scrapyd-deploy,
and a small site serving saved Guardian pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newscrawl.scheduler.scrapyd import Scrapyd, ScrapydError
from tests.conftest import REPO, free_port

BIN = Path(sys.executable).parent
# What building the egg needs from the project (tests, .venv and .git stay behind).
PROJECT_FILES = ("scrapy.cfg", "pyproject.toml", "setup.py", "setup.cfg", "README.md", "LICENSE")


class ScrapydNode:
    """``python -m scrapyd`` with its own config, eggs, logs and dbs in ``home``."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        home.mkdir(parents=True)
        (home / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            f"bind_address = 127.0.0.1\nhttp_port = {self.port}\n"
            f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\n"
            "poll_interval = 0.2\nmax_proc = 4\njobs_to_keep = 50\nfinished_to_keep = 200\n"
        )
        self.output = (home / "scrapyd.out").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scrapyd", "--pidfile", str(home / "twistd.pid")],
            cwd=home,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        self.api = Scrapyd(self.url, "newscrawl", timeout=10)
        deadline = time.monotonic() + 60
        while True:
            try:
                self.api.daemonstatus()
                return
            except ScrapydError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"Scrapyd did not start: {self.log()}") from None
                time.sleep(0.2)

    def log(self) -> str:
        return (self.home / "scrapyd.out").read_text(errors="replace")[-4000:]

    def job_log(self, spider: str, job: str) -> str:
        path = self.home / "logs" / "newscrawl" / spider / f"{job}.log"
        return path.read_text(errors="replace") if path.exists() else "(no log)"

    def wait(self, jobs: list[str], timeout: float = 180) -> None:
        """Until every job in ``jobs`` is finished (bounded)."""
        deadline = time.monotonic() + timeout
        while True:
            finished = {job["id"] for job in self.api.listjobs()["finished"]}
            if set(jobs) <= finished:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"jobs {jobs} not finished after {timeout}s on {self.url}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.close()


def project_copy(dest: Path) -> Path:
    """The project's buildable files copied to ``dest``, so scrapyd-deploy may write its
    setup.py and build directories there and the repository stays untouched."""
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        if (REPO / name).exists():
            shutil.copy2(REPO / name, dest / name)
    shutil.copytree(
        REPO / "newscrawl", dest / "newscrawl", ignore=shutil.ignore_patterns("__pycache__")
    )
    return dest


def deploy(project: Path, node: ScrapydNode, version: str = "1") -> subprocess.CompletedProcess:
    """``scrapyd-deploy`` to ``node`` through a deploy target added to the copy's
    scrapy.cfg (the repository's ``[deploy]`` section is used as it is)."""
    cfg = project / "scrapy.cfg"
    target = f"node{node.port}"
    if f"[deploy:{target}]" not in cfg.read_text():
        with cfg.open("a") as handle:
            handle.write(f"\n[deploy:{target}]\nurl = {node.url}\nproject = newscrawl\n")
    return subprocess.run(
        [str(BIN / "scrapyd-deploy"), target, "--version", version],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


class StaticSite:
    """Serves ``pages`` (path -> HTML bytes) and a permissive robots.txt on 127.0.0.1,
    and records which User-Agent fetched which path."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {"/robots.txt": b"User-agent: *\nAllow: /\n"}
        self.articles: list[str] = []
        self.fetched_by: dict[str, list[str]] = defaultdict(list)
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                with site.lock:
                    site.fetched_by[self.path].append(self.headers.get("User-Agent", ""))
                    body = site.pages.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                body = body if body is not None else b"<html><body>not here</body></html>"
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
