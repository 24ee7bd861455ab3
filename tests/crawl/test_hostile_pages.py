"""Hostile and odd pages at crawl level: what each one becomes in the store (issue 13).

A tracked article is stored clean first; then each variant below is served on its
re-check. Benign variants are unchanged checks; cut or oversized pages are failed or
refused checks with a reason, and never a version."""

from __future__ import annotations

import re
import zlib

from newscrawl.store import open_store
from tests.crawl.conftest import later
from tests.extraction.samples import guardian_page

BOMB_BYTES = 64 * 1024 * 1024  # four times the default DOWNLOAD_MAXSIZE


def gzip_bomb(size: int) -> bytes:
    """A gzip body that inflates to ``size`` bytes of HTML; built without holding them."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b"<!doctype html><html><body><p>")]
    chunk = b"a" * (1 << 20)
    parts += [packer.compress(chunk) for _ in range(size >> 20)]
    parts.append(packer.flush())
    return b"".join(parts)


def at_body_start(html: bytes, insert: bytes) -> bytes:
    """``insert`` as the first thing in the page's body, before the article."""
    match = re.search(rb"<body[^>]*>", html, re.I)
    assert match is not None
    return html[: match.end()] + insert + html[match.end() :]


def store_clean(site, pages, crawl, sqlite_uri, extra=()):
    """Serve every page as it is and store it: version 1 of each tracked article."""
    paths = [p.path for p in pages] + [path for path, _ in extra]
    for page in pages:
        site.set(page.path, page.html)
    for path, page in extra:
        site.set(path, page.html)
    result = crawl("urls=" + ",".join(site.url + path for path in paths))
    assert result.returncode == 0, result.log[-3000:]
    with open_store(sqlite_uri) as store:
        for path in paths:
            assert store.get_article(site.url + path)["version_count"] == 1, path
    return paths


def recheck(site, crawl, paths, minutes=31, **settings):
    result = crawl("urls=" + ",".join(site.url + p for p in paths), now=later(minutes), **settings)
    assert result.returncode == 0, result.log[-3000:]
    assert "Traceback" not in result.log, result.log[-3000:]
    return result


def test_valid_pages_that_used_to_look_broken_are_unchanged_checks(site, pages, crawl, sqlite_uri):
    """Reproduces issue 13: stray Latin-1 bytes (mojibake headline), a deep embed (cut
    body), no </html> and >8 KB after </html> ("truncated body" forever) each gave a
    false version or a failed check; each is the same article, unchanged."""
    paths = store_clean(site, pages, crawl, sqlite_uri)
    stray, deep, unclosed, trailing = pages
    site.set(stray.path, stray.html.replace(b"</body>", b"<!-- " + b"\xe9" * 3000 + b" --></body>"))
    site.set(deep.path, at_body_start(deep.html, b"<div>" * 1000 + b"</div>" * 1000))
    site.set(unclosed.path, re.sub(rb"(?i)</(body|html)>\s*", b"", unclosed.html))
    site.set(trailing.path, trailing.html + b"<script>var ads = 1;</script>" + b" " * 20_000)
    recheck(site, crawl, paths)
    with open_store(sqlite_uri) as store:
        for page in pages:
            article = store.get_article(site.url + page.path)
            assert article["version_count"] == 1, (page.path, article["events"])
            assert article["failures"] == 0, (page.path, article["events"])
            assert not article["events"], (page.path, article["events"])
            assert article["checks"] == 2


def test_cut_oversized_and_unreadable_pages_are_refused_or_failed(site, pages, crawl, sqlite_uri):
    """Reproduces issue 13: nothing capped a page (a gzip bomb took 1.1 GB), and a page the
    parser could not read whole was stored cut. Each now gets a check naming the reason."""
    big = ("/extra/2026/nov/02/big-page", pages[0])
    chunked = ("/extra/2026/nov/02/chunked-page", pages[1])
    paths = store_clean(site, pages, crawl, sqlite_uri, extra=[big, chunked])
    unreadable, closed_early, bomb, wordy = pages
    nested = b"<div>" * 5000 + b"<span>embed</span>" + b"</div>" * 5000
    site.set(unreadable.path, at_body_start(unreadable.html, nested))
    site.set(closed_early.path, closed_early.html[: len(closed_early.html) * 2 // 3],
             close_delimited=True, etag=False)  # fmt: skip
    site.set(bomb.path, gzip_bomb(BOMB_BYTES), headers={"Content-Encoding": "gzip"}, etag=False)
    site.set(big[0], big[1].html + b"<!--" + b"x" * (17 * 1024 * 1024) + b"-->", etag=False)
    site.set(wordy.path, wordy.html, etag=False)
    site.set(chunked[0], chunked[1].html, chunked=True, truncate=True, etag=False)
    recheck(site, crawl, paths, NEWSCRAWL_MAX_TEXT=200)
    expected = {
        unreadable.path: ("refused", "lost part of the page"),
        closed_early.path: ("failed", "truncated body"),
        bomb.path: ("refused", "DOWNLOAD_MAXSIZE (16777216 bytes) once decompressed"),
        big[0]: ("refused", "page larger than DOWNLOAD_MAXSIZE (16777216 bytes)"),
        wordy.path: ("refused", "over NEWSCRAWL_MAX_TEXT (200)"),
        chunked[0]: ("failed", "ResponseDataLossError"),
    }
    with open_store(sqlite_uri) as store:
        for path, (kind, words) in expected.items():
            article = store.get_article(site.url + path)
            assert article["version_count"] == 1, (path, article["events"])
            assert article["events"][-1]["kind"] == kind, (path, article["events"])
            assert words in article["events"][-1]["detail"], (path, article["events"])
            assert article["status"] == "active" and article["next_check"] is not None


def test_a_close_delimited_page_that_arrived_whole_is_read(site, pages, crawl, sqlite_uri):
    """An HTTP/1.0-style answer (no Content-Length, ended by closing the connection)
    whose page has no </html> is judged by its parse, not refused for the missing tag."""
    page = pages[1]
    whole = re.sub(rb"(?i)</(body|html)>\s*", b"", page.html)
    site.set(page.path, whole, close_delimited=True, etag=False)
    result = crawl(f"urls={site.url}{page.path}")
    assert result.returncode == 0
    with open_store(sqlite_uri) as store:
        article = store.get_article(site.url + page.path)
        assert article["version_count"] == 1, article["events"]


def test_the_http_header_charset_is_followed(site, crawl, sqlite_uri):
    """A legacy page whose charset only the ``Content-Type`` header names: read in it,
    not guessed as cp1252 from the bytes."""
    text = "Новости дня: все подробности."
    html = guardian_page(body=f"<p>{text}</p>").replace('<meta charset="utf-8">', "")
    path = "/world/2026/nov/02/koi8"
    site.set(path, html.encode("koi8-r"), content_type="text/html; charset=koi8-r")
    result = crawl(f"urls={site.url}{path}")
    assert result.returncode == 0, result.log[-3000:]
    with open_store(sqlite_uri) as store:
        version = store.latest_version(site.url + path)
    assert version is not None and version["paragraphs"] == [text]
