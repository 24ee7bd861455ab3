"""A glitch stored as a version must not stay the latest once the page is right again."""

from __future__ import annotations

from newscrawl.outlets import get_extractor
from newscrawl.store import open_store
from tests.crawl.conftest import later


def glitched(html: bytes, url: str) -> bytes:
    """The page with all but its first two paragraphs cut, as a bad parse or a CDN error
    page would give it."""
    paragraphs = get_extractor("guardian").extract(html, url)["paragraphs"]
    cut = html
    for paragraph in paragraphs[2:]:
        cut = cut.replace(paragraph.encode(), b"")
    assert get_extractor("guardian").extract(cut, url)["paragraphs"] != paragraphs
    return cut


def test_a_glitch_version_does_not_stay_the_latest(site, pages, crawl, sqlite_uri):
    """Reproduces: after a glitch version (2) the right text came back, but each check
    counted as a flip-flop back to version 1, so the glitch stayed the latest for good,
    also when the outlet then answered every conditional re-check with 304."""
    page = pages[3]
    url = site.url + page.path
    site.set(page.path, page.html)
    assert crawl(f"urls={url}").returncode == 0
    site.set(page.path, glitched(page.html, url))
    assert crawl(f"urls={url}", now=later(31)).returncode == 0
    site.set(page.path, page.html)  # the glitch is gone for good; the site answers 304s

    counts = []
    for minutes in (62, 93, 124, 155, 186):
        assert crawl(f"urls={url}", now=later(minutes)).returncode == 0
        with open_store(sqlite_uri) as store:
            counts.append(store.get_article(url)["version_count"])

    assert counts == [2, 2, 3, 3, 3]
    with open_store(sqlite_uri) as store:
        versions = store.list_versions(url)
        article = store.get_article(url)
        assert versions[-1]["fingerprint"] == versions[0]["fingerprint"]
        assert len(versions) == 3
        assert article["flipflops"] == 2
        kinds = [e["kind"] for e in article["events"]]
        assert kinds.count("flipflop") == 2 and kinds.count("reverted") == 1
        assert store.get_change(url, 3) is not None
    # Checks before the third return were full fetches; once settled, conditional again.
    sent = site.request_headers[page.path]
    assert [bool(h.get("If-None-Match")) for h in sent[2:]] == [True, False, False, True, True]
