"""Declared outlets on Scrapyd: the egg carries the built-in ones, a node lists a user's
outlets, and a job reads the outlets file named in its settings."""

from __future__ import annotations

from pathlib import Path

from newscrawl.outlets.declarations import builtin_outlets
from newscrawl.store import open_store
from tests.crawl.localnews import article, feed
from tests.deploy.harness import ScrapydNode, StaticSite, deploy, project_copy

FAST = {"AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0", "TELNETCONSOLE_ENABLED": "0"}
DECLARATION = "local:\n  site: {site}\n  feeds: [{feed}]\n  article_pattern: ^/news/\n"


def test_user_outlets_on_scrapyd(tmp_path: Path, sqlite_uri: str):
    site = StaticSite()
    node = ScrapydNode(tmp_path / "node")
    try:
        paths = ["/news/bridge-vote", "/news/bus-routes"]
        site.set(paths[0], article())
        site.set(paths[1], article("New bus routes announced"))
        site.set("/rss.xml", feed(site.url, paths), content_type="application/rss+xml")
        # The node's own outlets.yaml (in its working directory) makes `local` a spider
        # Scrapyd lists; its feed is wrong on purpose: the job's file must win.
        (node.home / "outlets.yaml").write_text(
            DECLARATION.format(site=site.url, feed="/wrong.xml")
        )
        job_file = tmp_path / "job-outlets.yaml"
        job_file.write_text(DECLARATION.format(site=site.url, feed="/rss.xml"))
        done = deploy(project_copy(tmp_path / "project"), node)
        assert done.returncode == 0, done.stdout + done.stderr

        assert node.api.listspiders() == sorted({*builtin_outlets(), "local"})

        settings = {"NEWSCRAWL_STORE": sqlite_uri, "NEWSCRAWL_OUTLETS": str(job_file), **FAST}
        settings["DELTAFETCH_DIR"] = str(tmp_path / "df")
        job = node.api.schedule("local", settings, {})
        node.wait([job])

        log = node.job_log("local", job)
        with open_store(sqlite_uri) as store:
            assert store.count_articles("local") == 2, log[-3000:]
            assert store.get_article(site.url + paths[1])["title"] == "New bus routes announced"
        assert site.hits["/wrong.xml"] == 0
    finally:
        node.stop()
        site.stop()
