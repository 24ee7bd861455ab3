"""Meta refresh redirects are read from the head of the page, not from all of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.middlewares.metarefresh import HEAD_BYTES, HeadMetaRefreshMiddleware
from newscrawl.store import open_store

PADDING = "<!-- " + "x" * (2 * HEAD_BYTES) + " -->"


def refresh_page(target: str, delay: int = 0) -> str:
    """A long page whose head sends the reader on to ``target``."""
    return (
        f'<html><head><meta http-equiv="refresh" content="{delay}; url={target}">'
        f"<title>Moved</title></head><body>{PADDING}<p>This story has moved.</p></body></html>"
    )


def decisions(page: bytes) -> tuple[object, object]:
    """What Scrapy's middleware and ours make of ``page``: the same response (None) or
    the URL of the redirect request."""
    crawler = get_crawler(Spider)
    request = Request("https://news.example/story")
    outcomes = []
    for cls in (MetaRefreshMiddleware, HeadMetaRefreshMiddleware):
        middleware = cls.from_crawler(crawler)
        response = HtmlResponse(request.url, body=page, request=request)
        result = middleware.process_response(request, response)
        outcomes.append(None if result is response else result.url)
    return outcomes[0], outcomes[1]


@pytest.mark.parametrize(
    "html",
    [
        refresh_page("/new-home"),
        refresh_page("https://elsewhere.example/story"),
        refresh_page("/slow", delay=500),  # over METAREFRESH_MAXDELAY: not followed
        # A refresh past the first 4,096 characters is not looked at by either.
        "<html><head><title>t</title></head><body>"
        + PADDING
        + '<meta http-equiv="refresh" content="0; url=/late"></body></html>',
        "<html><head><title>t</title></head><body>" + PADDING + "</body></html>",
        # The head in another encoding, a short page, a refresh inside <noscript>.
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title>'
        '<meta http-equiv="refresh" content="0;url=/caf%E9"></head><body>' + PADDING,
        '<html><head><meta http-equiv="refresh" content="0;url=/short"></head></html>',
        '<html><head><noscript><meta http-equiv="refresh" content="0;url=/js"></noscript>'
        "</head><body>" + PADDING,
        "",  # a 304's empty body
    ],
)
def test_it_decides_as_scrapys_own(html: str) -> None:
    page = html.encode("latin-1" if "iso-8859-1" in html else "utf-8")
    scrapys, ours = decisions(page)
    assert ours == scrapys


def test_it_decides_as_scrapys_own_on_real_pages(corpus: Path) -> None:
    names = sorted((corpus / "pages").glob("*/*.html"))[::7]
    assert len(names) > 30
    for name in names:
        scrapys, ours = decisions(name.read_bytes())
        assert ours == scrapys, name.name


def test_a_long_page_without_a_refresh_goes_on_as_it_came() -> None:
    crawler = get_crawler(Spider)
    middleware = HeadMetaRefreshMiddleware.from_crawler(crawler)
    request = Request("https://news.example/story")
    page = ("<html><head><title>t</title></head><body>" + PADDING + "</body></html>").encode()
    response = HtmlResponse(request.url, body=page, request=request)
    assert middleware.process_response(request, response) is response


def test_a_response_without_a_body_goes_on_untouched() -> None:
    crawler = get_crawler(Spider)
    middleware = HeadMetaRefreshMiddleware.from_crawler(crawler)
    request = Request("https://news.example/story")
    response = HtmlResponse(request.url, status=304, body=b"", request=request)
    assert middleware.process_response(request, response) is response
    assert response._cached_benc is None  # its encoding was not even looked for


def test_the_project_uses_it_in_place_of_scrapys() -> None:
    from newscrawl import settings

    mine = "newscrawl.middlewares.metarefresh.HeadMetaRefreshMiddleware"
    assert settings.DOWNLOADER_MIDDLEWARES[mine] == 580
    assert (
        settings.DOWNLOADER_MIDDLEWARES[
            "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"
        ]
        is None
    )


def test_a_crawl_follows_a_long_pages_refresh_to_the_article(site, pages, crawl, sqlite_uri):
    page = pages[0]
    site.set("/moved-story", refresh_page(page.path))
    site.set(page.path, page.html)
    url = site.url + "/moved-story"

    done = crawl(f"urls={url}")

    assert done.returncode == 0, done.log[-2000:]
    assert site.hits[page.path] == 1
    with open_store(sqlite_uri) as store:
        article = store.get_article(url)
        assert article is not None and article["title"] == page.title
        assert article["response_url"] == site.url + page.path
