"""ETag / Last-Modified on every article, 304 answers, and the request/byte counts."""

from __future__ import annotations

import hashlib
from email.utils import parsedate_to_datetime
from pathlib import Path

from newscrawl.replay import ReplayServer, Script, running
from tests.replay.conftest import NHS, make_script, request, step

ECONOMY = "/business/2023/may/12/uk-economy-shrank-unexpectedly-in-march"
BREXIT = "/politics/2019/nov/03/boris-johnson-apologises-tory-members-not-leaving-eu-october"


def test_validators_on_every_article(demo_server: ReplayServer, demo_script: Script) -> None:
    for spec in demo_script.articles.values():
        reply = request(demo_server.base_url + spec.path)
        assert reply.headers["etag"].strip('"') == hashlib.sha1(reply.body).hexdigest()[:24]
        modified = parsedate_to_datetime(reply.headers["last-modified"])
        assert modified.isoformat() == "2024-05-01T08:00:00+00:00"


def test_if_none_match_gives_304_until_the_page_changes(demo_server: ReplayServer) -> None:
    url = demo_server.base_url + ECONOMY
    first = request(url)
    again = request(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status == 304 and again.body == b""
    assert again.headers["etag"] == first.headers["etag"]
    step(demo_server)  # the headline is rewritten at step 1
    changed = request(url, headers={"If-None-Match": first.headers["etag"]})
    assert changed.status == 200 and changed.headers["etag"] != first.headers["etag"]
    modified = parsedate_to_datetime(changed.headers["last-modified"])
    assert modified.isoformat() == "2024-05-01T09:00:00+00:00"


def test_if_modified_since(demo_server: ReplayServer) -> None:
    url = demo_server.base_url + ECONOMY
    first = request(url)
    since = {"If-Modified-Since": first.headers["last-modified"]}
    assert request(url, headers=since).status == 304
    step(demo_server)
    assert request(url, headers=since).status == 200
    # If-None-Match wins when both are sent.
    stale = {
        **since,
        "If-None-Match": '"stale"',
        "If-Modified-Since": "Sun, 01 Jan 2034 00:00:00 GMT",
    }
    assert request(url, headers=stale).status == 200


def test_unchanged_page_keeps_its_etag_across_steps(demo_server: ReplayServer) -> None:
    url = demo_server.base_url + BREXIT
    etag = request(url).headers["etag"]
    step(demo_server)  # nothing happens to the Brexit story at step 1
    assert request(url, headers={"If-None-Match": etag}).status == 304


def test_template_change_changes_the_etag_not_the_text(corpus: Path) -> None:
    script = make_script(
        corpus,
        {"a": "versions/guardian-boris-johnson-apologises/v1.html"},
        [
            [{"publish": "a"}],
            [{"template": "a", "page": "versions/guardian-boris-johnson-apologises/v2.html"}],
        ],
    )
    with running(script) as server:
        url = server.base_url + script.articles["a"].path
        etag = request(url).headers["etag"]
        step(server)
        assert request(url, headers={"If-None-Match": etag}).status == 200


def test_stats_count_requests_and_bytes_per_path_and_status(corpus: Path) -> None:
    script = make_script(corpus, {"a": NHS}, [[{"publish": "a"}]])
    with running(script) as server:
        path = script.articles["a"].path
        full = request(server.base_url + path)
        request(server.base_url + path, headers={"If-None-Match": full.headers["etag"]})
        request(server.base_url + "/nowhere/at/all")
        stats = request(server.base_url + "/_replay/stats").json()
    entry = stats["paths"][path]
    assert entry["requests"] == 2 and entry["bytes"] == len(full.body)
    assert entry["saved"] == len(full.body)  # what the 304 did not send
    assert entry["by_status"] == {
        "200": {"requests": 1, "bytes": len(full.body)},
        "304": {"requests": 1, "bytes": 0},
    }
    assert stats["paths"]["/nowhere/at/all"]["by_status"]["404"]["requests"] == 1
    assert stats["totals"]["requests"] == 3
    assert not any(p.startswith("/_replay/") for p in stats["paths"])


def test_304_is_answered_from_validators_without_rendering(demo_server: ReplayServer) -> None:
    room = demo_server.newsroom
    url = demo_server.base_url + ECONOMY
    first = request(url)
    with room.lock:
        room._pages.clear()  # the rendered page is gone; its validators are kept
    saved = room.stats_json()["paths"][ECONOMY]["saved"]
    again = request(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status == 304 and again.headers["etag"] == first.headers["etag"]
    assert again.headers["last-modified"] == first.headers["last-modified"]
    assert not room._pages  # nothing was rendered to answer it
    assert room.stats_json()["paths"][ECONOMY]["saved"] == saved + len(first.body)
    stale = request(url, headers={"If-None-Match": '"stale"'})
    assert stale.status == 200 and stale.body == first.body
