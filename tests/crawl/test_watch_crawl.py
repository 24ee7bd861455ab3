"""`newscrawl watch` / `unwatch` and suspect fetches, through real `scrapy crawl` runs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newscrawl.cli import main
from newscrawl.store import open_store
from tests.conftest import REPO
from tests.crawl.conftest import START, later
from tests.crawl.localnews import PARAGRAPHS, article

PATH = "/2026/11/02/bridge-vote"


@pytest.fixture
def watch(tmp_path: Path, sqlite_uri: str, monkeypatch, capsys):
    """``newscrawl watch ...`` in the project directory; returns (status, stdout, stderr)."""
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("NEWSCRAWL_NOW", START.isoformat())

    def run(*args: str) -> tuple[int, str]:
        settings = [
            "-s", f"DELTAFETCH_DIR={tmp_path / 'deltafetch'}",
            "-s", "TELNETCONSOLE_ENABLED=0",
            "-s", f"NEWSCRAWL_NOW={START.isoformat()}",
            # Re-checks timed by News Sniffer's back-off (tests/schedule cover the default).
            "-s", "NEWSCRAWL_RECHECK_POLICY=newsniffer",
            "-s", "NEWSCRAWL_RECHECK_JITTER=0",
        ]  # fmt: skip
        code = main(["--store", sqlite_uri, "watch", *args, *settings])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def host_of(site) -> str:
    return urlsplit(site.url).netloc


def test_watch_stores_a_page_of_an_undeclared_host_and_rechecks_it(
    site, watch, crawl, sqlite_uri, capsys
):
    site.set(PATH, article())
    url = site.url + PATH
    host = host_of(site)

    code, out, _ = watch(url)

    assert code == 0, out
    assert f"watching {url} as {host}: version 1" in out
    with open_store(sqlite_uri) as store:
        stored = store.get_article(url)
        assert stored["outlet"] == host and stored["watched"] is True
        assert stored["next_check"] == later(30)
        assert store.latest_version(url)["paragraphs"] == PARAGRAPHS
    assert main(["--store", sqlite_uri, "watch", "--list"]) == 0
    listed = capsys.readouterr().out
    assert url in listed and host in listed and "1 version(s)" in listed

    # The per-host outlet is crawlable by name, like any other outlet.
    site.set(PATH, article("Council votes to keep harbour bridge open"))
    result = crawl(spider=host, now=later(31))
    assert result.returncode == 0, result.log[-3000:]
    with open_store(sqlite_uri) as store:
        assert store.get_article(url)["version_count"] == 2
        assert "headline" in store.get_change(url, 2)["kinds"]

    assert main(["--store", sqlite_uri, "unwatch", url]) == 0
    assert crawl(spider=host, now=later(10_000)).returncode == 0
    assert site.hits[PATH] == 2  # no check after unwatch
    with open_store(sqlite_uri) as store:
        stopped = store.get_article(url)
        assert stopped["status"] == "unwatched" and stopped["next_check"] is None
        assert stopped["events"][-1]["kind"] == "unwatched"
        assert len(store.list_versions(url)) == 2  # history kept
        assert store.watched_articles() == []


def test_watch_files_a_url_under_the_outlet_claiming_its_host(
    site, watch, sqlite_uri, tmp_path, monkeypatch
):
    declared = tmp_path / "outlets.yaml"
    declared.write_text(f"local:\n  site: {site.url}\n  extractor: generic\n")
    monkeypatch.setenv("NEWSCRAWL_OUTLETS", str(declared))
    site.set(PATH, article())

    code, out, _ = watch(site.url + PATH)

    assert code == 0, out
    with open_store(sqlite_uri) as store:
        assert store.get_article(site.url + PATH)["outlet"] == "local"
    # Watching it again checks it again: a 304 to the conditional request is fine.
    code, out, _ = watch(site.url + PATH)
    assert code == 0, out
    assert f"watching {site.url + PATH} as local: version 1" in out
    assert site.request_headers[PATH][-1].get("If-None-Match")


def test_watch_reports_what_it_could_not_store(site, watch, sqlite_uri):
    site.set("/front", "<html><body><nav><a href='/a'>a</a></nav></body></html>")

    code, out, _ = watch(site.url + "/front", site.url + "/missing")

    assert code == 1
    assert f"not watched: {site.url}/front: not_article" in out
    assert f"not watched: {site.url}/missing: gone" in out
    with open_store(sqlite_uri) as store:
        assert store.count_articles() == 0


@pytest.mark.parametrize(
    ("bad", "message"),
    [("ftp://example.org/a", "not an absolute http(s) URL"), ("/2026/a", "not an absolute")],
)
def test_watch_refuses_bad_urls_before_fetching_anything(watch, bad, message):
    code, _, err = watch(bad)
    assert code == 2
    assert message in err


def test_unwatch_of_an_untracked_url_fails(sqlite_uri, capsys):
    open_store(sqlite_uri).close()
    assert main(["--store", sqlite_uri, "unwatch", "https://example.org/never"]) == 1
    assert "is not tracked" in capsys.readouterr().err


def test_a_fetch_that_loses_most_of_its_text_is_suspect_not_a_version(
    site, watch, crawl, sqlite_uri
):
    site.set(PATH, article())
    url = site.url + PATH
    host = host_of(site)
    assert watch(url)[0] == 0

    # A redesign: the article's text moved out of <article>; one paragraph is left there.
    site.set(PATH, article(paragraphs=PARAGRAPHS[:1]))
    result = crawl(spider=host, now=later(31))

    assert result.returncode == 0, result.log[-3000:]
    assert "suspect fetch of" in result.log
    with open_store(sqlite_uri) as store:
        stored = store.get_article(url)
        assert stored["version_count"] == 1
        assert stored["suspects"] == 1 and stored["failures"] == 1
        assert stored["events"][-1]["kind"] == "suspect"
        left, before = (sum(len(p.split()) for p in ps) for ps in (PARAGRAPHS[:1], PARAGRAPHS))
        assert f"{left} words, version 1 had {before}" in stored["events"][-1]["detail"]
        assert stored["next_check"] == later(31 + 5)  # the failure schedule
        run = store.list_runs(outlet=host, limit=1)[0]
        assert run["suspects"] == 1 and run["new_versions"] == 0

    # The page comes back whole: an unchanged check, never "every paragraph deleted".
    site.set(PATH, article())
    assert crawl(spider=host, now=later(37)).returncode == 0
    with open_store(sqlite_uri) as store:
        stored = store.get_article(url)
        assert stored["version_count"] == 1 and stored["change_count"] == 0
        assert stored["failures"] == 0
