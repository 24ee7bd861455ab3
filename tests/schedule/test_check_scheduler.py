"""What a stored check tells the schedule: evidence-policy due times from publication,
signals recorded and judged, moved modification times noted (real stores, real pages)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newscrawl.outlets.declarations import builtin_outlets
from newscrawl.pipelines.diffs import DiffPipeline
from newscrawl.pipelines.versions import VersionPipeline
from newscrawl.spiders.loader import spider_class
from newscrawl.store import open_store
from tests.crawl.conftest import START
from tests.crawl.test_pipelines import URL, check, fetch

GuardianSpider = spider_class(builtin_outlets()["guardian"])

PUBLISHED = START - timedelta(hours=5)
SIGNAL = {
    "source": "sitemap",
    "element": "lastmod",
    "modified": START,
    "detail": "sitemap lastmod 12:00",
}


@pytest.fixture
def store(store_uri):
    with open_store(store_uri) as opened:
        yield opened


def build(store, **settings):
    crawler = get_crawler(GuardianSpider, {"NEWSCRAWL_STORE": store.uri, **settings})
    versions = build_from_crawler(VersionPipeline, crawler)
    diffs = build_from_crawler(DiffPipeline, crawler)
    versions.store = diffs.store = store
    return versions, diffs


@pytest.fixture
def boris(corpus):
    return (corpus / "versions" / "guardian-boris-johnson-apologises" / "v1.html").read_bytes()


def test_default_policy_counts_from_the_page_publication_time(store, boris):
    pipelines = build(store, NEWSCRAWL_RECHECK_JITTER=0)
    check(pipelines, fetch(boris, published=PUBLISHED.isoformat()))
    article = store.get_article(URL)
    # five hours old when found: next at the curve's 6 h, not 15 minutes after discovery
    assert article["next_check"] == PUBLISHED + timedelta(hours=6)
    assert article["status"] == "active"


def test_jitter_moves_the_check_earlier_by_a_fixed_amount_per_url(store, boris):
    check(build(store), fetch(boris, published=PUBLISHED.isoformat()))
    due = store.get_article(URL)["next_check"]
    assert PUBLISHED + timedelta(hours=6) - timedelta(minutes=6) <= due
    assert due < PUBLISHED + timedelta(hours=6)


def test_an_article_years_old_is_checked_once_then_retired(store, boris):
    check(build(store), fetch(boris))  # the corpus page says it was published in 2019
    article = store.get_article(URL)
    assert (article["status"], article["next_check"]) == ("retired", None)


def test_a_signal_is_recorded_on_the_check_and_judged(store, boris):
    pipelines = build(store)
    published = PUBLISHED.isoformat()
    check(pipelines, fetch(boris, published=published))
    check(pipelines, {**fetch(boris, 20, published=published), "signal": SIGNAL})
    state = store.outlet_state("guardian")
    assert (state["sitemap_wrong"], state["sitemap_streak"]) == (1, 1)
    edited = fetch(boris, 40, published=published, title="A new headline")
    check(pipelines, {**edited, "signal": SIGNAL})
    events = [(e["kind"], e["detail"]) for e in store.get_article(URL)["events"]]
    assert events == [
        ("signal", "sitemap lastmod 12:00: no change"),
        ("signal", "sitemap lastmod 12:00: changed"),
    ]
    state = store.outlet_state("guardian")
    assert (state["sitemap_right"], state["sitemap_wrong"], state["sitemap_streak"]) == (1, 1, 0)


def test_a_304_answers_a_signal_as_wrong(store, boris):
    versions, _ = pipelines = build(store)
    check(pipelines, fetch(boris, published=PUBLISHED.isoformat()))
    versions.store_check(
        {
            "url": URL,
            "outlet": "guardian",
            "result": "not_modified",
            "http_status": 304,
            "detail": "HTTP 304",
            "fetched": START + timedelta(minutes=20),
            "signal": {**SIGNAL, "source": "feed", "detail": "feed updated 12:00"},
        }
    )
    assert store.outlet_state("guardian")["feed_wrong"] == 1
    assert store.get_article(URL)["events"][-1]["detail"] == "feed updated 12:00: no change"


def test_a_moved_modified_with_the_same_text_is_noted(store, boris):
    pipelines = build(store)
    scheduler = pipelines[0].scheduler
    stamp = "2024-06-03T10:00:00+00:00"
    check(pipelines, fetch(boris, modified=stamp))
    check(pipelines, fetch(boris, 20, modified=stamp))
    assert store.outlet_state("guardian") == {"outlet": "guardian"}  # written once a run
    scheduler.flush(store)
    assert store.outlet_state("guardian") == {"outlet": "guardian", "modified_steady": 1}
    check(pipelines, fetch(boris, 40, modified="2024-06-03T11:00:00+00:00"))
    scheduler.flush(store)
    scheduler.flush(store)  # nothing new: nothing added
    state = store.outlet_state("guardian")
    assert (state["modified_moved"], state["modified_steady"]) == (1, 1)
    event = store.get_article(URL)["events"][-1]
    assert event["kind"] == "modified_moved"
    assert "text unchanged" in event["detail"]
    # a page without a modified time says nothing either way
    check(pipelines, fetch(boris, 60, modified=None))
    scheduler.flush(store)
    assert store.outlet_state("guardian")["modified_moved"] == 1


def test_the_policy_learns_the_outlet_curve_from_stored_changes(store, boris):
    versions, _ = build(store)
    for i in range(30):
        url = f"https://www.theguardian.com/world/2024/jun/03/story-{i}"
        store.upsert_article(url, "guardian", {"published": PUBLISHED.isoformat()})
        detected = PUBLISHED + timedelta(days=3, minutes=i)
        store.add_change({"url": url, "outlet": "guardian", "to_version": 2, "detected": detected})
    policy = versions.scheduler.policy(store, "guardian")
    assert policy.curve.learned_from == 30
    assert sum(2 * 86400 < a < 4 * 86400 for a in policy.curve.ages) >= 3
    newsniffer = build(store, NEWSCRAWL_RECHECK_POLICY="newsniffer")[0]
    assert not hasattr(newsniffer.scheduler.policy(store, "guardian"), "curve")
