"""A crawl says what it is doing: a line per new version or change, a summary, and one
clear line (and exit status 1) when the network, DNS or the site is down."""

from __future__ import annotations

import re

import pytest

from newscrawl.cli import main
from tests.conftest import free_port
from tests.crawl.conftest import later, news_sitemap


def log_lines(log: str, logger: str) -> list[str]:
    return [line for line in log.splitlines() if f"[{logger}]" in line]


def test_new_versions_and_changes_are_logged_and_summed_up(site, pages, crawl):
    page, other = pages[0], pages[1]
    for p in (page, other):
        site.set(p.path, p.html)
    site.set("/sitemaps/news.xml", news_sitemap(site.url, [page.path, other.path]))
    first = crawl(f"site={site.url}")
    assert first.returncode == 0, first.log[-3000:]
    news = log_lines(first.log, "newscrawl.pipelines.versions")
    assert len(news) == 2, news
    for p in (page, other):
        assert any(f"INFO: guardian: new article: {p.title} (v1)" in line for line in news)

    site.set(page.path, page.html.replace(page.title.encode(), b"A rewritten headline"))
    second = crawl("discover=0", now=later(31))
    assert second.returncode == 0, second.log[-3000:]
    [changed] = log_lines(second.log, "newscrawl.pipelines.diffs")
    assert "INFO: guardian: headline changed: " in changed
    assert f"{page.title} → A rewritten headline" in changed
    assert changed.endswith("(v2)") and "substantive" in changed

    summary = second.log[second.log.index("guardian: crawl summary (finished):") :]
    assert "Dumping Scrapy stats" not in summary  # the summary comes last
    assert re.search(r"pages: +2 \(2 re-checks due, 0 discovered\)", summary), summary
    assert re.search(r"new articles: +0\n", summary)
    assert re.search(r"new versions: +1 \(0 unchanged, 1 not modified, 0 flip-flops\)", summary), (
        summary
    )
    assert re.search(r"changes: +1 \(1 substantive\)", summary), summary
    assert re.search(r"failures: +0\n", summary + "\n"), summary
    assert "fetched nothing" not in second.log


def test_a_site_that_only_answers_with_server_errors_is_down(site, pages, crawl):
    site.set("/robots.txt", b"busy", status=503)
    site.set(pages[0].path, b"busy", status=503)
    result = crawl(f"urls={site.url}{pages[0].path}")
    assert result.returncode == 1
    assert "Traceback" not in result.log
    [line] = [line for line in result.log.splitlines() if "fetched nothing" in line]
    assert "every request failed (HTTP 503: 4 attempts)" in line  # 2 requests, 1 retry each
    assert result.log.rstrip().endswith(line)


def test_failures_are_summed_up_by_kind(site, pages, crawl):
    site.set(pages[0].path, b"", status=503)
    site.set(pages[1].path, b"gone", status=410)
    site.set(pages[2].path, pages[2].html[:5000], etag=False)
    site.set(pages[3].path, b"", etag=False)
    urls = ",".join(site.url + p.path for p in pages)
    result = crawl(f"urls={urls}", now=later(31))
    assert result.returncode == 0  # some pages answered: the site is up
    summary = result.log[result.log.index("crawl summary") :]
    assert re.search(
        r"failures: +4 \(HttpError 1, empty_body 1, gone 1, truncated_body 1\)", summary
    ), summary
    assert "fetched nothing" not in result.log


@pytest.mark.parametrize(
    "args",
    [
        ["site=http://127.0.0.1:{port}"],  # discovery: sitemap, feeds, fronts
        ["urls=http://no-such-host.invalid:{port}/world/2026/nov/02/a-story"],
    ],
    ids=["connection-refused", "dns"],
)
def test_a_crawl_that_reaches_nothing_says_so_once_and_fails(args, crawl, sqlite_uri, capsys):
    port = free_port()
    result = crawl(*[arg.format(port=port) for arg in args])

    assert result.returncode == 1, result.log[-3000:]
    assert "Traceback" not in result.log, result.log[-4000:]
    [line] = [line for line in result.log.splitlines() if "fetched nothing" in line]
    assert "ERROR: guardian: fetched nothing" in line
    assert "the network, DNS or the site is down" in line and "make demo" in line
    assert result.log.rstrip().endswith(line)  # the last word of the run

    # ``newscrawl status`` says the same, and fails too.
    assert main(["--store", sqlite_uri, "status", "--outlet", "guardian"]) == 1
    flagged = capsys.readouterr().out.splitlines()[0]
    assert "failing: the last 1 run(s) failed" in flagged
    assert "the network, DNS or the site is down" in flagged and "make demo" in flagged
