"""Two Scrapyd nodes crawling one outlet into one MongoDB: no duplicate or lost versions,
and ``shard=i/n`` jobs split the due re-checks between them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newscrawl.outlets import get_extractor
from newscrawl.store import open_store
from tests.deploy.harness import ScrapydNode, StaticSite

FAST = {"AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0", "TELNETCONSOLE_ENABLED": "0"}
T0 = datetime(2026, 11, 2, 12, tzinfo=UTC)
ADDED = " A sentence added after publication changes this paragraph."


def edited(html: bytes, url: str) -> bytes | None:
    """``html`` with one body paragraph extended (None when no paragraph occurs verbatim
    in the markup); the extractor must see the edit."""
    extractor = get_extractor("guardian")
    before = extractor.extract(html, url)["paragraphs"]
    for paragraph in before:
        raw = paragraph.encode()
        if len(paragraph) > 60 and html.count(raw) == 1:
            after = html.replace(raw, raw + ADDED.encode())
            if extractor.extract(after, url)["paragraphs"] != before:
                return after
    return None


def crawl_on_both(nodes: list[ScrapydNode], site: StaticSite, mongo_uri: str, tmp: Path) -> None:
    """The same URLs scheduled on both nodes back to back, so the jobs overlap."""
    urls = ",".join(site.url + path for path in site.articles)
    jobs = [
        (node, node.api.schedule(
            "guardian",
            {"NEWSCRAWL_STORE": mongo_uri, "DELTAFETCH_DIR": str(tmp / str(node.port)), **FAST},
            {"urls": urls},
        ))
        for node in nodes
    ]  # fmt: skip
    for node, job in jobs:
        node.wait([job])


def test_two_nodes_store_each_version_once(
    scrapyd_nodes: list[ScrapydNode], site: StaticSite, mongo_uri: str, tmp_path: Path
):
    contents = {path: 1 for path in site.articles}
    crawl_on_both(scrapyd_nodes, site, mongo_uri, tmp_path)
    for path in site.articles:
        changed = edited(site.page(path), site.url + path)
        if changed is not None:
            site.set(path, changed)
            contents[path] = 2
    assert sum(contents.values()) > len(contents), "no page could be edited"
    crawl_on_both(scrapyd_nodes, site, mongo_uri, tmp_path)
    crawl_on_both(scrapyd_nodes, site, mongo_uri, tmp_path)  # nothing new this time

    with open_store(mongo_uri) as store:
        for path, distinct in contents.items():
            url = site.url + path
            versions = store.list_versions(url)
            assert [v["number"] for v in versions] == list(range(1, distinct + 1)), path
            assert len({v["fingerprint"] for v in versions}) == distinct, path
            if distinct == 2:
                assert ADDED.strip() in " ".join(versions[1]["paragraphs"])
                assert store.get_change(url, 2) is not None
            assert store.get_article(url)["version_count"] == distinct
        runs = store.list_runs(outlet="guardian", limit=100)
    assert len(runs) == 6 and {run["status"] for run in runs} == {"finished"}
    assert len({run["node"] for run in runs}) == 1  # one machine here, two processes


def test_shards_split_due_rechecks(
    scrapyd_nodes: list[ScrapydNode], site: StaticSite, mongo_uri: str, tmp_path: Path
):
    first, second = scrapyd_nodes
    # The corpus pages were published years ago: News Sniffer's back-off from discovery
    # keeps them due three hours on (the evidence policy would have retired them).
    common = {"NEWSCRAWL_STORE": mongo_uri, "NEWSCRAWL_RECHECK_POLICY": "newsniffer", **FAST}
    urls = ",".join(site.url + path for path in site.articles)
    job = first.api.schedule(
        "guardian",
        {**common, "NEWSCRAWL_NOW": T0.isoformat(), "USER_AGENT": "first-fetch"},
        {"urls": urls},
    )
    first.wait([job])

    later = (T0 + timedelta(hours=3)).isoformat()
    jobs = [
        (node, node.api.schedule(
            "guardian",
            {**common, "NEWSCRAWL_NOW": later, "USER_AGENT": f"shard-{i}",
             "DELTAFETCH_DIR": str(tmp_path / f"df{i}")},
            {"shard": f"{i}/2", "discover": "0", "recheck": "1", "site": site.url},
        ))
        for i, node in enumerate(scrapyd_nodes)
    ]  # fmt: skip
    for node, job in jobs:
        node.wait([job])

    with open_store(mongo_uri) as store:
        shard_of = {path: store.get_article(site.url + path)["shard"] % 2 for path in site.articles}
    assert set(shard_of.values()) == {0, 1}, "the sample should fall into both shards"
    for path in site.articles:
        rechecks = [ua for ua in site.fetched_by[path] if ua.startswith("shard-")]
        assert rechecks == [f"shard-{shard_of[path]}"], (path, site.fetched_by, shard_of)
