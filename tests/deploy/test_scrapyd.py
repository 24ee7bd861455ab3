"""The project deploys to a real Scrapyd with scrapyd-deploy, and scheduled jobs crawl
into MongoDB and leave run records."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newscrawl.store import open_store
from tests.conftest import REPO
from tests.deploy.harness import ScrapydNode, StaticSite

FAST = {"AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0", "TELNETCONSOLE_ENABLED": "0"}


def test_deployed_project_lists_its_spiders(scrapyd_nodes: list[ScrapydNode]):
    for node in scrapyd_nodes:
        assert "guardian" in node.api.listspiders()


def test_scheduled_job_stores_versions_in_mongodb(
    scrapyd_nodes: list[ScrapydNode], site: StaticSite, mongo_uri: str, tmp_path: Path
):
    node = scrapyd_nodes[0]
    urls = ",".join(site.url + path for path in site.articles)
    job = node.api.schedule(
        "guardian",
        {"NEWSCRAWL_STORE": mongo_uri, "DELTAFETCH_DIR": str(tmp_path / "df"), **FAST},
        {"urls": urls},
    )
    node.wait([job])
    log = node.job_log("guardian", job)
    with open_store(mongo_uri) as store:
        for path in site.articles:
            versions = store.list_versions(site.url + path)
            assert [v["number"] for v in versions] == [1], f"{path}\n{log[-3000:]}"
            assert versions[0]["title"] and versions[0]["paragraphs"]
        [run] = store.list_runs(outlet="guardian")
    assert run["id"] == job
    assert run["status"] == "finished", log[-3000:]
    assert run["pages"] == len(site.articles)
    assert run["new_versions"] == len(site.articles)
    assert site.fetched_by["/robots.txt"], "robots.txt was not asked for"


def newscrawl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_schedule_once_on_scrapyd(
    scrapyd_nodes: list[ScrapydNode], site: StaticSite, mongo_uri: str, tmp_path: Path
):
    node = scrapyd_nodes[1]
    urls = ",".join(site.url + path for path in site.articles[:2])
    settings = [f"--set={k}={v}" for k, v in FAST.items()]
    done = newscrawl(
        "--store", mongo_uri, "schedule", "--scrapyd", node.url, "--once",
        "--outlet", "guardian", "--poll", "0.5", f"--arg=urls={urls}",
        f"--set=DELTAFETCH_DIR={tmp_path / 'df'}", *settings,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with open_store(mongo_uri) as store:
        [run] = store.list_runs(outlet="guardian")
        assert run["status"] == "finished"
        assert run["new_versions"] == 2
    status = newscrawl("--store", mongo_uri, "status", "--outlet", "guardian")
    assert status.returncode == 0, status.stdout + status.stderr
    assert "guardian: ok" in status.stdout


def test_schedule_once_reports_a_failed_job(
    scrapyd_nodes: list[ScrapydNode], tmp_path: Path, site: StaticSite
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("the store cannot be created under a file")
    done = newscrawl(
        "--store", f"sqlite:///{blocker}/newscrawl.db", "schedule", "--scrapyd",
        scrapyd_nodes[0].url, "--once", "--outlet", "guardian", "--poll", "0.5",
        f"--arg=urls={site.url}{site.articles[0]}",
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "failed" in done.stderr
