"""Real Scrapyd nodes on loopback ports, the project deployed to them with scrapyd-deploy,
and a small site serving saved Guardian pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from newscrawl.scheduler.scrapyd import Scrapyd, ScrapydError
from tests.conftest import REPO, free_port
from tests.httpsite import Site

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


class StaticSite(Site):
    """Saved pages at their own paths (``articles`` lists them), with ETags and 304s as a
    real site gives, started at once; ``fetched_by`` tells which User-Agent fetched which
    path."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[str] = []
        self.start()

    def page(self, path: str) -> bytes:
        return self.routes[path].body

    @property
    def fetched_by(self) -> dict[str, list[str]]:
        return {
            path: [headers.get("User-Agent", "") for headers in requests]
            for path, requests in self.request_headers.items()
        }
