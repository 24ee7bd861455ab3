"""A sitemap of thousands of URLs is checked against the store a batch at a time."""

from __future__ import annotations

from newscrawl.spiders.discovery import LOOKUP_BATCH
from newscrawl.store import open_store
from tests.crawl.conftest import later


def sitemap(base: str, entries: list[tuple[str, str]]) -> str:
    urls = "".join(
        f"<url><loc>{base}{path}</loc><lastmod>{mod}</lastmod></url>" for path, mod in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )


def test_every_url_of_a_long_sitemap_is_handled_once(site, pages, crawl, sqlite_uri):
    tracked = pages[0]
    site.set(tracked.path, tracked.html)
    site.set(
        "/sitemaps/news.xml",
        sitemap(site.url, [(tracked.path, "2026-11-02T10:00:00Z")]),
        content_type="text/xml",
    )
    assert crawl(f"site={site.url}").returncode == 0
    url = site.url + tracked.path
    with open_store(sqlite_uri) as store:
        assert store.get_article(url)["checks"] == 1

    # Ten minutes on (long before its next check) the sitemap lists two and a half
    # batches of new URLs (gone: 404), and the tracked article last, edited since.
    fresh = [f"/world/2026/nov/02/story-{n}" for n in range(LOOKUP_BATCH * 5 // 2)]
    entries = [(path, "2026-11-02T11:00:00Z") for path in fresh]
    entries.append((tracked.path, "2026-11-02T12:05:00Z"))
    site.set("/sitemaps/news.xml", sitemap(site.url, entries), content_type="text/xml")
    result = crawl(f"site={site.url}", now=later(10), CONCURRENT_REQUESTS_PER_DOMAIN=16)

    assert result.returncode == 0, result.log[-3000:]
    assert all(site.hits[path] == 1 for path in fresh)
    assert site.hits[tracked.path] == 2  # re-checked on its sitemap signal
    with open_store(sqlite_uri) as store:
        article = store.get_article(url)
        assert article["checks"] == 2
        assert [e["kind"] for e in article["events"]][-1:] == ["signal"]
        assert store.get_article(site.url + fresh[0]) is None  # a 404 found is not tracked
