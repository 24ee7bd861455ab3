"""A re-check that gets the very page of the last fetch (no validators) is not read again."""

from __future__ import annotations

import re

from newscrawl.spiders.samepage import extraction_key, page_digest
from newscrawl.store import open_store
from tests.crawl.conftest import later, news_sitemap
from tests.crawl.test_guardian_crawl import assert_clean


def publish(site, pages, **options):
    """The pages without ETags, as on sites that send no validators."""
    for page in pages:
        site.set(page.path, page.html, etag=False, **options)
    sitemap = news_sitemap(site.url, [p.path for p in pages])
    site.set("/sitemaps/news.xml", sitemap, content_type="text/xml")


def stat(log: str, name: str) -> int:
    found = re.search(rf"'newscrawl/{name}': (\d+)", log)
    return int(found.group(1)) if found else 0


def recheck(crawl, minutes, **settings):
    result = crawl("discover=0", now=later(minutes), **settings)
    assert result.returncode == 0
    assert_clean(result)
    return result.log


def test_the_same_page_is_a_not_modified_check_without_extraction(site, pages, crawl, sqlite_uri):
    publish(site, pages[:2])
    assert crawl(f"site={site.url}").returncode == 0
    with open_store(sqlite_uri) as store:
        digests = {p.path: store.get_article(site.url + p.path)["page_digest"] for p in pages[:2]}
    assert all(re.fullmatch(r"[0-9a-f]{64}", d) for d in digests.values())

    log = recheck(crawl, 31)
    assert stat(log, "same_page") == stat(log, "not_modified") == 2
    assert stat(log, "unchanged") == stat(log, "versions_new") == 0
    for page in pages[:2]:
        assert site.hits[page.path] == 2
        assert "If-None-Match" not in site.request_headers[page.path][-1]
    with open_store(sqlite_uri) as store:
        for page in pages[:2]:
            article = store.get_article(site.url + page.path)
            assert article["version_count"] == 1
            assert article["checks"] == 2
            assert article["last_checked"] == later(31)
            assert article["next_check"] > later(31)
            assert article["page_digest"] == digests[page.path]


def test_an_edit_is_read_and_stored(site, pages, crawl, sqlite_uri):
    publish(site, pages[:2])
    assert crawl(f"site={site.url}").returncode == 0
    edited = pages[0].html.replace(pages[0].title.encode(), b"A rewritten headline")
    assert edited != pages[0].html
    site.set(pages[0].path, edited, etag=False)

    log = recheck(crawl, 31)
    assert stat(log, "same_page") == 1
    with open_store(sqlite_uri) as store:
        assert store.get_article(site.url + pages[0].path)["version_count"] == 2
        assert store.latest_version(site.url + pages[0].path)["title"] == "A rewritten headline"
        assert store.raw_html(site.url + pages[0].path, 2) == edited


def test_new_bytes_with_the_same_text_are_read_then_skipped(site, pages, crawl, sqlite_uri):
    publish(site, pages[:1])
    assert crawl(f"site={site.url}").returncode == 0
    site.set(pages[0].path, pages[0].html + b"<!-- served by another cache -->", etag=False)

    log = recheck(crawl, 31)
    assert (stat(log, "same_page"), stat(log, "unchanged")) == (0, 1)
    log = recheck(crawl, 70)
    assert (stat(log, "same_page"), stat(log, "unchanged")) == (1, 0)


def test_the_digest_covers_everything_extraction_reads():
    key = extraction_key("guardian/1", (), False, 500_000)
    page = (b"<p>Text</p>", b"text/html; charset=utf-8", "https://example.org/a", key)
    same = page_digest(*page)
    assert page_digest(*page) == same
    others = [
        (b"<p>Text.</p>", *page[1:]),
        (page[0], b"text/html; charset=iso-8859-1", *page[2:]),
        (*page[:2], "https://example.org/b", key),
        (*page[:3], extraction_key("guardian/2", (), False, 500_000)),
        (*page[:3], extraction_key("generic/2", (("article p",), ()), False, 500_000)),
        (*page[:3], extraction_key("guardian/1", (), True, 500_000)),
        # Where one part ends and the next begins is part of the digest too.
        (page[0], b"", page[1].decode() + page[2], key),
    ]
    assert len({page_digest(*other) for other in others} | {same}) == len(others) + 1


def test_another_setting_deciding_what_is_kept_reads_the_page_again(site, pages, crawl, sqlite_uri):
    publish(site, pages[:1])
    assert crawl(f"site={site.url}").returncode == 0
    log = recheck(crawl, 31, NEWSCRAWL_MAX_TEXT=400_000)
    assert (stat(log, "same_page"), stat(log, "unchanged")) == (0, 1)
    log = recheck(crawl, 70, NEWSCRAWL_MAX_TEXT=400_000)
    assert (stat(log, "same_page"), stat(log, "unchanged")) == (1, 0)
