"""End to end: real ``scrapy crawl guardian`` runs against the replay, step by step, with
the store checked against the ground truth after every run, on both store backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newscrawl.replay import load_script, running
from newscrawl.replay.driver import call, compare, crawl
from newscrawl.replay.feeds import DECOYS
from newscrawl.store import open_store
from tests.conftest import REPO

# The newsroom script holds a connection for 4 s; one retry keeps fault steps short.
SETTINGS = {"DOWNLOAD_TIMEOUT": "2", "RETRY_TIMES": "1"}
FAILING = {"failed"}


def status_counts(before: dict[str, Any], after: dict[str, Any], path: str) -> dict[str, int]:
    old = before["paths"].get(path, {}).get("by_status", {})
    new = after["paths"].get(path, {}).get("by_status", {})
    counts = {s: e["requests"] - old.get(s, {}).get("requests", 0) for s, e in new.items()}
    return {s: n for s, n in counts.items() if n}


@pytest.mark.parametrize("backend", ["sqlite_uri", "mongo_uri"])
def test_crawls_match_the_ground_truth_at_every_step(
    backend: str, request: pytest.FixtureRequest, corpus: Path, tmp_path: Path
) -> None:
    store_uri = request.getfixturevalue(backend)
    script = load_script("newsroom", corpus)
    with running(script) as server:
        base = server.base_url
        paths = {s.path for s in script.articles.values()}
        for index, step in enumerate(script.steps):
            if index:
                call(base, "/_replay/step", "POST")
            before = call(base, "/_replay/stats")
            run = crawl(
                base, store_uri, step.time.isoformat(), tmp_path / "deltafetch", SETTINGS, cwd=REPO
            )
            assert run.returncode == 0, run.stderr[-4000:]
            after = call(base, "/_replay/stats")
            truth = call(base, "/_replay/truth")
            with open_store(store_uri) as store:
                assert compare(store, truth) == [], f"step {index}"
            fetches = {
                url.removeprefix(base): outcome
                for url, outcome in truth["steps"][-1]["fetches"].items()
            }
            for path in paths:
                counts = status_counts(before, after, path)
                if path not in fetches:
                    assert counts == {}, f"step {index}: {path} fetched before it was due"
                elif fetches[path] in FAILING:
                    assert sum(counts.values()) >= 1, f"step {index}: {path} not retried"
                else:
                    assert sum(counts.values()) == 1, f"step {index}: {path} {counts}"
                if fetches.get(path) == "not_modified":
                    # A redirected article answers 304 at the path it moved to.
                    served = truth["articles"][base + path]["served_path"]
                    assert status_counts(before, after, served).get("304") == 1, (
                        f"step {index}: {served} no conditional request"
                    )
            assert not any(d in after["paths"] for d in DECOYS)


def test_a_fault_loses_nothing(sqlite_uri: str, corpus: Path, tmp_path: Path) -> None:
    """An edit made while the server fails is stored by the next run, not lost."""
    script = load_script("newsroom", corpus)
    with running(script) as server:
        base = server.base_url
        for index, step in enumerate(script.steps[:4]):
            if index:
                call(base, "/_replay/step", "POST")
            crawl(base, sqlite_uri, step.time.isoformat(), tmp_path / "df", SETTINGS, cwd=REPO)
            with open_store(sqlite_uri) as store:
                rbs = base + script.articles["rbs"].path
                versions = len(store.list_versions(rbs))
                events = [e["kind"] for e in store.get_article(rbs)["events"]]
            # step 2: 500 while the first paragraph is edited; step 3: caught up
            assert versions == (2 if index >= 3 else 1)
            assert ("failed" in events) == (index >= 2)
