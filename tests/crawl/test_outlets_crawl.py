"""Outlets as data, through real `scrapy crawl`: a user's declaration, `scrapy list`, bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.cli import main
from newscrawl.outlets.declarations import builtin_outlets
from newscrawl.store import open_store
from tests.conftest import REPO
from tests.crawl.conftest import later
from tests.crawl.localnews import PARAGRAPHS, article, feed

DECLARATION = """\
local:
  title: Local News
  site: {site}
  feeds: [/rss.xml]
  article_pattern: ^/news/\\d{{4}}/[a-z-]+$
  excluded_pattern: ^/news/\\d{{4}}/video-
  extractor: generic
"""


@pytest.fixture
def outlets_file(tmp_path: Path, site) -> Path:
    path = tmp_path / "outlets.yaml"
    path.write_text(DECLARATION.format(site=site.url))
    return path


def scrapy(*args: str, cwd: Path = REPO, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **env},
    )


def test_a_user_declared_outlet_discovers_from_its_feed_and_rechecks(
    site, crawl, sqlite_uri, outlets_file
):
    paths = ["/news/2026/bridge-vote", "/news/2026/bus-routes"]
    site.set(paths[0], article())
    site.set(paths[1], article("New bus routes announced", PARAGRAPHS[3:]))
    site.set("/news/2026/video-bridge", article("Video"))
    site.set("/about", article("About us"))
    links = [*paths, "/news/2026/video-bridge", "/about"]
    site.set("/rss.xml", feed(site.url, links), content_type="application/rss+xml")

    result = crawl(spider="local", NEWSCRAWL_OUTLETS=outlets_file)

    assert result.returncode == 0, result.log[-3000:]
    assert "Traceback" not in result.log
    assert site.hits["/news/2026/video-bridge"] == 0 and site.hits["/about"] == 0
    with open_store(sqlite_uri) as store:
        assert store.count_articles("local") == 2
        first = store.latest_version(site.url + paths[0])
        assert first["title"] == "Council votes to close harbour bridge"
        assert first["paragraphs"] == PARAGRAPHS
        assert first["extractor"].startswith("generic/")

    edited = [*PARAGRAPHS[:2], "The vote was later declared void.", *PARAGRAPHS[2:]]
    site.set(paths[0], article(paragraphs=edited))
    result = crawl("discover=0", spider="local", now=later(31), NEWSCRAWL_OUTLETS=outlets_file)

    assert result.returncode == 0, result.log[-3000:]
    with open_store(sqlite_uri) as store:
        assert store.get_article(site.url + paths[0])["version_count"] == 2
        assert store.get_article(site.url + paths[1])["version_count"] == 1
        change = store.get_change(site.url + paths[0], 2)
        assert "The vote was later declared void." in change["added_text"]
    assert site.hits[paths[0]] == 2 and site.hits[paths[1]] == 2


def test_scrapy_list_names_built_in_and_user_outlets(outlets_file, tmp_path):
    listed = scrapy("list", "-s", f"NEWSCRAWL_OUTLETS={outlets_file}")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split() == sorted({*builtin_outlets(), "local"})
    # outlets.yaml next to scrapy.cfg is found without any setting, from a subdirectory too.
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = newscrawl.settings\n")
    (tmp_path / "sub").mkdir()
    found = scrapy("list", cwd=tmp_path / "sub")
    assert found.stdout.split() == sorted({*builtin_outlets(), "local"}), found.stderr


def test_scrapy_with_a_bad_outlets_file_names_the_file_and_line(tmp_path):
    bad = tmp_path / "outlets.yaml"
    bad.write_text("mine:\n  site: https://example.org\n  feed: [/rss]\n")
    listed = scrapy("list", "-s", f"NEWSCRAWL_OUTLETS={bad}")
    assert listed.returncode != 0
    assert f"{bad}:3: outlet 'mine': unknown key 'feed'" in listed.stderr


def test_newscrawl_outlets_lists_what_each_discovers_from_and_its_extractor(
    outlets_file, sqlite_uri, monkeypatch, capsys
):
    monkeypatch.setenv("NEWSCRAWL_OUTLETS", str(outlets_file))
    with open_store(sqlite_uri) as store:
        store.upsert_article("https://news.example.org/a", "news.example.org", {"watched": True})

    assert main(["--store", sqlite_uri, "outlets"]) == 0
    out = capsys.readouterr().out
    assert "extractor: guardian; discovers from: 1 news sitemap, 9 feeds, 4 fronts" in out
    assert "extractor: generic; discovers from: 1 feed; declared in " + str(outlets_file) in out

    assert main(["--store", sqlite_uri, "outlets", "--json"]) == 0
    rows = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    assert list(rows) == [*sorted({*builtin_outlets(), "local"}), "news.example.org"]
    assert rows["bbc"]["feeds"][0] == "/news/rss.xml" and rows["bbc"]["extractor"] == "bbc"
    assert rows["news.example.org"]["extractor"] == "generic"
    assert rows["news.example.org"]["declared_in"] == "per-host"
    assert rows["local"]["declared_in"] == f"{outlets_file}:1"


def test_newscrawl_outlets_with_a_bad_file_exits_2(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "outlets.yaml"
    bad.write_text("mine:\n  site: https://example.org\n  article_pattern: '(['\n")
    monkeypatch.setenv("NEWSCRAWL_OUTLETS", str(bad))
    assert main(["outlets"]) == 2
    assert f"{bad}:3: outlet 'mine': bad regular expression" in capsys.readouterr().err
