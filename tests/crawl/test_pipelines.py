"""VersionPipeline and DiffPipeline decisions, on a real SQLite store and real pages."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newscrawl.outlets import get_extractor
from newscrawl.outlets.declarations import builtin_outlets
from newscrawl.pipelines.diffs import DiffPipeline
from newscrawl.pipelines.versions import VersionPipeline, suspect_reason
from newscrawl.spiders.loader import spider_class
from newscrawl.store import open_store
from tests.crawl.conftest import START

URL = "https://www.theguardian.com/politics/2019/nov/03/boris-johnson-apologises"


@pytest.fixture
def store(store_uri):
    with open_store(store_uri) as opened:
        yield opened


@pytest.fixture
def pipelines(store):
    # These tests count News Sniffer's intervals; the evidence policy has its own tests.
    settings = {
        "NEWSCRAWL_STORE": store.uri,
        "NEWSCRAWL_RECHECK_POLICY": "newsniffer",
        "NEWSCRAWL_RECHECK_JITTER": 0,
    }
    crawler = get_crawler(spider_class(builtin_outlets()["guardian"]), settings)
    versions = build_from_crawler(VersionPipeline, crawler)
    diffs = build_from_crawler(DiffPipeline, crawler)
    versions.store = diffs.store = store
    return versions, diffs


def fetch(html: bytes, minutes: float = 0, url: str = URL, **overrides):
    fields = get_extractor("guardian").extract(html, url)
    fields.pop("url")
    fields.update(overrides)
    return {
        "url": url,
        "response_url": url,
        "outlet": "guardian",
        "raw_html": html,
        "fetched": START + timedelta(minutes=minutes),
        "etag": None,
        "last_modified": None,
        **fields,
    }


def check(pipelines, item):
    versions, diffs = pipelines
    outcome = versions.store_article(item)
    diffs.record_changes(item["url"])
    return outcome


@pytest.fixture
def boris(corpus):
    folder = corpus / "versions" / "guardian-boris-johnson-apologises"
    return (folder / "v1.html").read_bytes(), (folder / "v2.html").read_bytes()


def test_first_fetch_is_version_one_and_a_repeat_is_unchanged(pipelines, store, boris):
    assert check(pipelines, fetch(boris[0])) == "versions_new"
    assert check(pipelines, fetch(boris[0], 31)) == "unchanged"
    article = store.get_article(URL)
    assert article["version_count"] == 1
    assert article["checks"] == 2
    assert store.count_changes(url=URL) == 0


def test_a_template_change_with_the_same_text_is_not_a_version(pipelines, store, boris):
    check(pipelines, fetch(boris[0]))
    assert check(pipelines, fetch(boris[1], 31)) == "unchanged"
    assert store.get_article(URL)["version_count"] == 1


def test_furniture_changes_are_not_a_version(pipelines, store, corpus):
    folder = corpus / "versions" / "guardian-anger-grows-rbs-chiefs-bonus"
    url = "http://www.guardian.co.uk/business/2012/jan/27/anger-grows-rbs-chiefs-bonus"
    check(pipelines, fetch((folder / "v1.html").read_bytes(), url=url))
    assert check(pipelines, fetch((folder / "v2.html").read_bytes(), 31, url=url)) == "unchanged"


def test_typography_and_paragraph_boundaries_alone_are_not_a_version(pipelines, boris):
    item = fetch(boris[0])
    check(pipelines, item)
    paragraphs = item["paragraphs"]
    joined = [paragraphs[0] + " " + paragraphs[1], *paragraphs[2:]]
    retyped = [p.replace("'", "\u2019").replace(" ", "\u00a0", 1) for p in joined]
    blocks = [{"type": "paragraph", "text": p} for p in retyped]
    again = fetch(boris[0], 31, paragraphs=retyped, blocks=blocks)
    assert check(pipelines, again) == "unchanged"


def test_an_edit_is_stored_with_its_change_record(pipelines, store, boris):
    item = fetch(boris[0])
    check(pipelines, item)
    edited = [*item["paragraphs"][:3], "A new paragraph nobody announced.", *item["paragraphs"][3:]]
    blocks = [{"type": "paragraph", "text": p} for p in edited]
    assert check(pipelines, fetch(boris[0], 31, paragraphs=edited, blocks=blocks)) == (
        "versions_new"
    )
    change = store.get_change(URL, 2)
    assert change["kinds"] == ["body"]
    assert [e["type"] for e in change["edits"]] == ["paragraph_added"]
    # The small fields lists, feeds and alerts show without reading the edits.
    assert [s["segments"] for s in change["snippets"]] == [
        [{"op": "insert", "text": "A new paragraph nobody announced."}]
    ]
    assert change["headline"] is None
    assert change["detected"] == START + timedelta(minutes=31)
    assert store.get_article(URL)["last_changed"] == START + timedelta(minutes=31)


def test_a_flip_flop_does_not_make_a_version_each_time(pipelines, store, boris):
    a = fetch(boris[0])
    check(pipelines, a)
    b = fetch(boris[0], 31, title="Johnson says sorry to Tory members")
    assert check(pipelines, b) == "versions_new"
    for minute in (62, 93, 124, 155):
        title = a["title"] if minute % 2 == 0 else b["title"]
        outcome = check(pipelines, fetch(boris[0], minute, title=title))
        assert outcome in ("flipflops", "unchanged")
    article = store.get_article(URL)
    assert article["version_count"] == 2
    assert article["flipflops"] >= 2
    assert [e["kind"] for e in article["events"]].count("flipflop") == article["flipflops"]


def test_new_articles_and_flip_flops_are_logged(pipelines, boris, caplog):
    caplog.set_level(logging.INFO, logger="newscrawl.pipelines.versions")
    first = fetch(boris[0])
    check(pipelines, first)
    check(pipelines, fetch(boris[0], 31, title="Johnson says sorry to Tory members"))
    check(pipelines, fetch(boris[0], 62))
    assert [r.getMessage() for r in caplog.records] == [
        f"guardian: new article: {first['title']} (v1)",
        f"guardian: flip-flop: {first['title']} returned to the text of v1",
    ]


def test_an_extractor_upgrade_reextracts_instead_of_reporting_a_diff(pipelines, store, boris):
    stale = fetch(boris[0], extractor="guardian/0")
    stale["paragraphs"] = stale["paragraphs"] + ["Share on Facebook"]
    stale["blocks"] = stale["blocks"] + [{"type": "paragraph", "text": "Share on Facebook"}]
    check(pipelines, stale)
    assert check(pipelines, fetch(boris[0], 31)) == "unchanged"
    assert store.get_article(URL)["version_count"] == 1


def test_a_fetch_that_lost_most_of_its_text_is_suspect(pipelines, store, boris):
    check(pipelines, fetch(boris[0]))
    paragraphs = fetch(boris[0])["paragraphs"][:2]
    blocks = [{"type": "paragraph", "text": p} for p in paragraphs]
    assert check(pipelines, fetch(boris[0], 31, paragraphs=paragraphs, blocks=blocks)) == (
        "suspect"
    )
    article = store.get_article(URL)
    assert article["version_count"] == 1 and article["suspects"] == 1
    assert article["events"][-1]["kind"] == "suspect"
    assert article["next_check"] == START + timedelta(minutes=31 + 5)


def test_an_upgrade_that_drops_old_junk_is_not_suspect(pipelines, store, boris):
    # The old extractor kept a long junk block; the current one rightly reads less than
    # half as many words. Compared with the re-extracted version: unchanged.
    stale = fetch(boris[0], extractor="guardian/0")
    junk = ["Most viewed " + "headline " * 300] * 10
    stale["paragraphs"] = stale["paragraphs"] + junk
    stale["blocks"] = stale["blocks"] + [{"type": "paragraph", "text": j} for j in junk]
    check(pipelines, stale)
    assert check(pipelines, fetch(boris[0], 31)) == "unchanged"
    assert store.get_article(URL)["suspects"] == 0


def test_a_lost_change_record_is_repaired_on_the_next_check(pipelines, store, boris):
    versions, diffs = pipelines
    item = fetch(boris[0])
    check(pipelines, item)
    edited = fetch(boris[0], 31, title="A headline changed just before a crash")
    assert versions.store_article(edited) == "versions_new"  # the process dies here
    assert store.versions_missing_change(URL) == [2]
    check(pipelines, fetch(boris[0], 62, title=edited["title"]))
    assert store.versions_missing_change(URL) == []
    assert store.get_change(URL, 2)["kinds"] == ["headline"]


def test_checks_without_an_article_update_the_schedule(pipelines, store, boris):
    versions, _ = pipelines
    check(pipelines, fetch(boris[0]))
    base = {"url": URL, "outlet": "guardian", "http_status": None, "detail": None}
    versions.store_check(
        {
            **base,
            "result": "not_modified",
            "fetched": START + timedelta(minutes=31),
            "etag": '"v2"',
            "last_modified": None,
        }
    )
    article = store.get_article(URL)
    assert article["interval"] == pytest.approx(1800 * 1.2)
    assert article["etag"] == '"v2"'
    versions.store_check(
        {**base, "result": "gone", "detail": "HTTP 410", "fetched": START + timedelta(minutes=70)}
    )
    article = store.get_article(URL)
    assert (article["status"], article["next_check"]) == ("gone", None)


def test_a_failed_first_fetch_is_tracked_so_it_is_retried(pipelines, store):
    versions, _ = pipelines
    url = "https://www.theguardian.com/world/2026/nov/02/never-fetched"
    versions.store_check(
        {
            "url": url,
            "outlet": "guardian",
            "result": "failed",
            "detail": "HTTP 503",
            "fetched": START,
            "http_status": 503,
        }
    )
    article = store.get_article(url)
    assert article["failures"] == 1
    assert article["next_check"] is not None
    assert store.due_articles("guardian", article["next_check"])[0]["url"] == url


def test_a_discovered_page_that_is_gone_is_not_tracked(pipelines, store):
    versions, _ = pipelines
    url = "https://www.theguardian.com/world/2026/nov/02/gone-before-we-came"
    versions.store_check(
        {
            "url": url,
            "outlet": "guardian",
            "result": "gone",
            "detail": "HTTP 404",
            "fetched": START,
            "http_status": 404,
        }
    )
    assert store.get_article(url) is None


@pytest.mark.parametrize(
    ("title", "words", "suspect"),
    [
        ("Headline", 100, None),
        ("Headline", 50, None),  # exactly half is not "most of the text"
        ("Headline", 49, "the body lost most of its text: 49 words, version 3 had 100"),
        ("Headline", 0, "the body lost most of its text: 0 words"),
        ("", 100, "the headline is missing"),
        ("Headline", 400, None),
    ],
)
def test_suspect_reason(title, words, suspect):
    latest = {"number": 3, "title": "Headline", "paragraphs": ["word " * 60, "word " * 40]}
    version = {"title": title, "paragraphs": ["word " * words] if words else []}
    reason = suspect_reason(latest, version, 0.5)
    if suspect is None:
        assert reason is None
    else:
        assert reason.startswith(suspect)
    assert suspect_reason(None, version, 0.5) is None  # a first fetch is never suspect


def test_the_version_pipeline_answers_which_changes_are_pending(pipelines, store, boris):
    """The diff pipeline skips its store trip when this answer is empty."""
    versions, diffs = pipelines
    first = fetch(boris[0])
    assert versions._with_pending(versions.store_article, first) == ("versions_new", [])
    edited = fetch(boris[0], 31, title="A headline changed")
    assert versions._with_pending(versions.store_article, edited) == ("versions_new", [2])
    diffs.record_changes(URL)
    again = fetch(boris[0], 62, title="A headline changed")
    assert versions._with_pending(versions.store_article, again) == ("unchanged", [])
    gone = {
        "url": "https://www.theguardian.com/never/seen",
        "outlet": "guardian",
        "result": "gone",
        "http_status": 404,
        "detail": "HTTP 404",
        "fetched": START,
        "etag": None,
        "last_modified": None,
    }
    assert versions._with_pending(versions.store_check, gone) == (False, [])


def test_the_page_digest_is_kept_only_while_the_page_shows_the_latest_version(
    pipelines, store, boris
):
    check(pipelines, fetch(boris[0], page_digest="a"))
    assert store.get_article(URL)["page_digest"] == "a"
    edited = "Johnson says sorry to Tory members"
    assert check(pipelines, fetch(boris[0], 31, title=edited, page_digest="b")) == "versions_new"
    assert store.get_article(URL)["page_digest"] == "b"
    # Back to version 1's text: a flip-flop, so neither validators nor the digest may
    # let the next check skip reading the page.
    assert check(pipelines, fetch(boris[0], 62, page_digest="a")) == "flipflops"
    assert store.get_article(URL)["page_digest"] is None
    assert check(pipelines, fetch(boris[0], 93, title=edited, page_digest="b")) == "unchanged"
    assert store.get_article(URL)["page_digest"] == "b"
    paragraphs = fetch(boris[0])["paragraphs"][:2]
    blocks = [{"type": "paragraph", "text": p} for p in paragraphs]
    lost = fetch(boris[0], 124, title=edited, paragraphs=paragraphs, blocks=blocks, page_digest="c")
    assert check(pipelines, lost) == "suspect"
    assert store.get_article(URL)["page_digest"] == "b"
