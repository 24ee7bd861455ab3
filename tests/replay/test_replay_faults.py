"""Faults on demand: 5xx, slow, held connections, truncated bodies, wrong charset,
a non-article at an article's URL. Each lasts for its step only."""

from __future__ import annotations

import http.client
import socket
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from newscrawl.replay import running
from newscrawl.replay.corpus import load_page
from tests.replay.conftest import NHS, make_script, request, step


def faulty(corpus: Path, fault: dict):
    script = make_script(corpus, {"a": NHS}, [[{"publish": "a"}], [fault], []])
    return script, script.articles["a"].path


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_last_one_step(corpus: Path, status: int) -> None:
    script, path = faulty(corpus, {"fault": "a", "status": status})
    with running(script) as server:
        step(server)
        assert request(server.base_url + path).status == status
        step(server)
        assert request(server.base_url + path).status == 200


def test_slow_still_serves_the_page(corpus: Path) -> None:
    script, path = faulty(corpus, {"slow": "a", "seconds": 0.2})
    with running(script) as server:
        step(server)
        reply = request(server.base_url + path)
    assert reply.status == 200 and load_page(corpus, NHS).headline in reply.text


def test_timeout_holds_the_connection_without_answering(corpus: Path) -> None:
    script, path = faulty(corpus, {"timeout": "a", "seconds": 3})
    with running(script) as server:
        step(server)
        with pytest.raises((TimeoutError, socket.timeout)):
            request(server.base_url + path, timeout=0.5)
        stats = request(server.base_url + "/_replay/stats").json()
        assert stats["paths"][path]["by_status"] == {"timeout": {"requests": 1, "bytes": 0}}


def test_truncate_declares_more_than_it_sends(corpus: Path) -> None:
    script, path = faulty(corpus, {"truncate": "a"})
    with running(script) as server:
        step(server)
        parts = urlsplit(server.base_url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        conn.request("GET", path)
        response = conn.getresponse()
        declared = int(response.getheader("Content-Length"))
        with pytest.raises(http.client.IncompleteRead) as caught:
            response.read()
        conn.close()
    assert 0 < len(caught.value.partial) < declared


def test_wrong_charset_header_with_utf8_body(corpus: Path) -> None:
    script, path = faulty(corpus, {"charset": "a", "declared": "iso-8859-1"})
    with running(script) as server:
        etag = request(server.base_url + path).headers["etag"]
        step(server)
        reply = request(server.base_url + path, headers={"If-None-Match": etag})
    assert reply.status == 200  # served in full, so the wrong header is seen
    assert reply.headers["content-type"] == "text/html; charset=iso-8859-1"
    assert reply.body.decode("utf-8")  # the bytes are still UTF-8
    assert reply.headers["etag"] == etag


def test_not_article_serves_a_page_without_a_story(corpus: Path) -> None:
    script, path = faulty(corpus, {"not_article": "a"})
    with running(script) as server:
        step(server)
        reply = request(server.base_url + path)
        step(server)
        back = request(server.base_url + path)
    assert reply.status == 200
    doc = lxml.html.document_fromstring(reply.text)
    assert not doc.xpath("//h1") and doc.xpath("//video")
    assert load_page(corpus, NHS).headline in back.text
