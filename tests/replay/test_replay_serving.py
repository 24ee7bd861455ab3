"""The replay serves real corpus pages at their real paths, with links kept on itself."""

from __future__ import annotations

import re

import lxml.html

from newscrawl.replay import ReplayServer, Script
from newscrawl.replay.corpus import load_page
from tests.replay.conftest import request


def test_articles_are_served_at_the_path_of_their_real_url(
    demo_server: ReplayServer, demo_script: Script
) -> None:
    for spec in demo_script.articles.values():
        page = load_page(demo_script.corpus, spec.page)
        reply = request(demo_server.base_url + page.path)
        assert reply.status == 200
        assert reply.headers["content-type"] == "text/html; charset=utf-8"
        doc = lxml.html.document_fromstring(reply.text)
        h1s = [" ".join(h.text_content().split()) for h in doc.iter("h1")]
        assert page.headline in h1s
        assert page.paragraphs[0][:60] in " ".join(doc.text_content().split())


def test_real_site_links_point_at_the_replay(
    demo_server: ReplayServer, demo_script: Script
) -> None:
    real = re.compile(rb"(https?:)?//(www\.)?(theguardian\.com|guardian\.co\.uk)(?![\w.-])")
    for spec in demo_script.articles.values():
        page = load_page(demo_script.corpus, spec.page)
        assert real.search(page.html.encode())  # the saved page does link to the real site
        body = request(demo_server.base_url + page.path).body
        assert not real.search(body)
        doc = lxml.html.document_fromstring(body.decode())
        canonical = doc.xpath('//link[@rel="canonical"]/@href')
        assert canonical == [demo_server.base_url + page.path]


def test_robots_allows_everything(demo_server: ReplayServer) -> None:
    reply = request(demo_server.base_url + "/robots.txt")
    assert reply.status == 200
    assert reply.text.split() == ["User-agent:", "*", "Allow:", "/"]


def test_edition_fronts_link_to_published_articles(demo_server: ReplayServer) -> None:
    for edition in ("uk", "us", "au", "international"):
        reply = request(f"{demo_server.base_url}/{edition}")
        assert reply.status == 200
        links = lxml.html.document_fromstring(reply.text).xpath("//a/@href")
        articles = [u for u in links if re.search(r"/\d{4}/[a-z]{3}/\d{2}/", u)]
        articles = [u for u in articles if u.split("/")[3] not in ("video", "gallery")]
        assert len(articles) == 4
        assert all(u.startswith(demo_server.base_url) for u in links)


def test_section_front_lists_only_its_section(demo_server: ReplayServer) -> None:
    links = lxml.html.document_fromstring(request(demo_server.base_url + "/business").body).xpath(
        "//a/@href"
    )
    articles = [u for u in links if "/20" in u and "/video/" not in u and "/gallery/" not in u]
    assert articles and all("/business/" in u for u in articles)


def test_unknown_paths_are_404(demo_server: ReplayServer) -> None:
    assert request(demo_server.base_url + "/politics/2019/nov/03/no-such-story").status == 404


def test_head_answers_without_a_body(demo_server: ReplayServer, demo_script: Script) -> None:
    page = load_page(demo_script.corpus, demo_script.articles["cop27"].page)
    reply = request(demo_server.base_url + page.path, "HEAD")
    assert reply.status == 200 and reply.body == b"" and "etag" in reply.headers
