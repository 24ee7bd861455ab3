"""End to end: a sitemap ``<lastmod>`` makes a changed article due before its back-off
(real ``scrapy crawl guardian`` runs against the replay newsroom, both policies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.replay import from_dict, running
from newscrawl.replay.corpus import load_page
from newscrawl.replay.driver import call, crawl, fetched_paths
from newscrawl.store import open_store
from tests.conftest import REPO

EDITED = "versions/guardian-anger-grows-rbs-chiefs-bonus/v1.html"
REDESIGNED = "versions/guardian-boris-johnson-apologises/v1.html"
QUIET = "pages/guardian/wpp--cop27-egypt-climate-disaster-funds.html"
SCRIPT = {
    "name": "signals",
    "articles": {"edited": EDITED, "redesigned": REDESIGNED, "quiet": QUIET},
    "steps": [
        {
            "time": "2024-06-03T08:00:00Z",
            "do": [{"publish": "edited"}, {"publish": "redesigned"}, {"publish": "quiet"}],
        },
        {
            "time": "2024-06-03T08:10:00Z",
            "note": "Ten minutes on, long before any back-off is over.",
            "do": [
                {"headline": "edited", "text": "RBS chief's bonus: anger grows in Westminster"},
                {
                    "template": "redesigned",
                    "page": "versions/guardian-boris-johnson-apologises/v2.html",
                },
            ],
        },
    ],
}
SIGNALS_ON = {"NEWSCRAWL_SIGNALS": "1", "NEWSCRAWL_RECHECK_JITTER": "0.1"}


@pytest.mark.parametrize("policy", ["evidence", "newsniffer"])
@pytest.mark.parametrize("backend", ["sqlite_uri", "mongo_uri"])
def test_a_sitemap_lastmod_makes_a_changed_article_due_now(
    policy: str, backend: str, request: pytest.FixtureRequest, corpus: Path, tmp_path: Path
) -> None:
    store_uri = request.getfixturevalue(backend)
    script = from_dict(SCRIPT, corpus)
    settings = {**SIGNALS_ON, "NEWSCRAWL_RECHECK_POLICY": policy}
    with running(script) as server:
        base = server.base_url
        paths = {name: spec.path for name, spec in script.articles.items()}
        urls = {name: base + path for name, path in paths.items()}
        first = crawl(base, store_uri, "2024-06-03T08:00:00Z", tmp_path / "df", settings, REPO)
        assert first.returncode == 0, first.stderr[-4000:]
        with open_store(store_uri) as store:
            before = {name: store.get_article(url) for name, url in urls.items()}
        for article in before.values():  # nothing is due at 08:10 by the schedule
            assert article["next_check"] is None or article["next_check"].isoformat() > (
                "2024-06-03T08:10:00+00:00"
            )
        call(base, "/_replay/step", "POST")
        stats = call(base, "/_replay/stats")
        second = crawl(base, store_uri, "2024-06-03T08:10:00Z", tmp_path / "df", settings, REPO)
        assert second.returncode == 0, second.stderr[-4000:]
        fetched = fetched_paths(stats, call(base, "/_replay/stats"))
        with open_store(store_uri) as store:
            edited = store.get_article(urls["edited"])
            versions = store.list_versions(urls["edited"])
            redesigned = store.get_article(urls["redesigned"])
            state = store.outlet_state("guardian")
    # the edited article was checked at once and its new headline stored
    assert fetched.get(paths["edited"]) == 1
    assert [v["title"] for v in versions][-1] == "RBS chief's bonus: anger grows in Westminster"
    assert len(versions) == 2
    signal_events = [e["detail"] for e in edited["events"] if e["kind"] == "signal"]
    assert signal_events == ["sitemap lastmod 08:10: changed"]
    # the redesign moved lastmod but not the text: checked, no version, counted as wrong
    assert fetched.get(paths["redesigned"]) == 1
    assert len([e for e in redesigned["events"] if e["kind"] == "signal"]) == 1
    assert redesigned["version_count"] == 1
    assert (state.get("sitemap_right"), state.get("sitemap_wrong")) == (1, 1)
    # the redesigned page carries another dateModified for the same text: noted
    assert [e["kind"] for e in redesigned["events"]].count("modified_moved") == 1
    assert state.get("modified_moved") == 1
    # an article whose lastmod did not move is left to its schedule
    assert paths["quiet"] not in fetched


def test_signals_off_leave_the_changed_article_to_its_back_off(
    sqlite_uri: str, corpus: Path, tmp_path: Path
) -> None:
    script = from_dict(SCRIPT, corpus)
    settings = {"NEWSCRAWL_SIGNALS": "0", "NEWSCRAWL_RECHECK_POLICY": "newsniffer"}
    with running(script) as server:
        base = server.base_url
        crawl(base, sqlite_uri, "2024-06-03T08:00:00Z", tmp_path / "df", settings, REPO)
        call(base, "/_replay/step", "POST")
        stats = call(base, "/_replay/stats")
        run = crawl(base, sqlite_uri, "2024-06-03T08:10:00Z", tmp_path / "df", settings, REPO)
        assert run.returncode == 0, run.stderr[-4000:]
        fetched = fetched_paths(stats, call(base, "/_replay/stats"))
    assert not any(path in fetched for path in (s.path for s in script.articles.values()))


def quiet_newsroom(corpus: Path, lastmod: str) -> dict:
    """Four articles that never change, crawled four times five minutes apart."""
    section = load_page(corpus, QUIET).section
    articles = {
        f"story{i}": {"page": QUIET, "path": f"/{section}/2024/jun/03/quiet-story-{i}"}
        for i in range(4)
    }
    steps = [{"time": "2024-06-03T08:00:00Z", "do": [{"publish": name} for name in articles]}]
    steps += [{"time": f"2024-06-03T08:{m:02d}:00Z", "do": []} for m in (5, 10, 15)]
    return {"name": f"quiet-{lastmod}", "lastmod": lastmod, "articles": articles, "steps": steps}


@pytest.mark.parametrize(("lastmod", "wrong"), [("render", 3), ("never", 0)])
def test_a_lastmod_touched_on_every_render_costs_three_requests_then_none(
    lastmod: str, wrong: int, sqlite_uri: str, corpus: Path, tmp_path: Path
) -> None:
    script = from_dict(quiet_newsroom(corpus, lastmod), corpus)
    paths = [spec.path for spec in script.articles.values()]
    per_run = []
    with running(script) as server:
        base = server.base_url
        for index, step in enumerate(script.steps):
            if index:
                call(base, "/_replay/step", "POST")
            before = call(base, "/_replay/stats")
            run = crawl(base, sqlite_uri, step.time.isoformat(), tmp_path / "df", SIGNALS_ON, REPO)
            assert run.returncode == 0, run.stderr[-4000:]
            fetched = fetched_paths(before, call(base, "/_replay/stats"))
            per_run.append(sum(fetched.get(path, 0) for path in paths))
    with open_store(sqlite_uri) as store:
        state = store.outlet_state("guardian")
        versions = [len(store.list_versions(base + path)) for path in paths]
    # discovery, then a probation of three signal checks that all find nothing, then none
    assert per_run == [4, wrong, 0, 0]
    assert state.get("sitemap_wrong", 0) == state.get("sitemap_streak", 0) == wrong
    assert versions == [1, 1, 1, 1]
