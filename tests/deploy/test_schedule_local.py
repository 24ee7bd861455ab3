"""``newscrawl schedule --once`` running real local ``scrapy crawl`` processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newscrawl.cli.schedule import watched_hosts
from newscrawl.scheduler.runners import LocalRunner
from newscrawl.store import open_store
from tests.deploy.harness import StaticSite

FAST = ["--set=AUTOTHROTTLE_ENABLED=0", "--set=DOWNLOAD_DELAY=0", "--set=TELNETCONSOLE_ENABLED=0"]


def newscrawl(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_local_command_line():
    runner = LocalRunner({"NEWSCRAWL_STORE": "sqlite:///x.db"}, {"shard": "0/2"})
    command = runner.command("guardian", "j1")
    assert command[1:] == [
        "-m", "scrapy", "crawl", "guardian", "-a", "_job=j1",
        "-s", "NEWSCRAWL_STORE=sqlite:///x.db", "-a", "shard=0/2",
    ]  # fmt: skip


def test_once_runs_a_local_crawl(site: StaticSite, sqlite_uri: str, tmp_path: Path):
    urls = ",".join(site.url + path for path in site.articles[:3])
    done = newscrawl(
        tmp_path, "--store", sqlite_uri, "schedule", "--once", "--outlet", "guardian",
        "--poll", "0.2", f"--arg=urls={urls}", f"--log-dir={tmp_path / 'logs'}",
        f"--set=DELTAFETCH_DIR={tmp_path / 'df'}", *FAST,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [log] = (tmp_path / "logs" / "guardian").glob("*.log")
    with open_store(sqlite_uri) as store:
        [run] = store.list_runs()
        assert run["id"] == log.stem
        assert (run["status"], run["new_versions"]) == ("finished", 3)


def test_once_fails_when_the_crawl_fails(sqlite_uri: str, tmp_path: Path):
    done = newscrawl(
        tmp_path, "--store", sqlite_uri, "schedule", "--once", "--outlet", "no-such-outlet",
        "--poll", "0.2",
    )  # fmt: skip
    assert done.returncode == 1
    assert "no-such-outlet job" in done.stderr and "failed" in done.stderr


def test_schedule_adds_the_per_host_outlets_of_watched_articles(sqlite_uri: str, tmp_path: Path):
    assert watched_hosts(f"sqlite:///{tmp_path / 'none.db'}", ["guardian"]) == []  # no store
    with open_store(sqlite_uri) as store:
        for url, outlet in [
            ("https://www.theguardian.com/a", "guardian"),
            ("https://news.example.org/a", "news.example.org"),
            ("http://127.0.0.1:8080/a", "127.0.0.1:8080"),
            ("https://local.example/a", "local"),  # a declared outlet of a user's file
        ]:
            store.upsert_article(url, outlet, {})
    assert watched_hosts(sqlite_uri, ["bbc", "guardian", "local"]) == [
        "127.0.0.1:8080",
        "news.example.org",
    ]
