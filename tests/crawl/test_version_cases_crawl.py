"""Every real multi-version capture in the corpus, crawled capture by capture through
`scrapy crawl OUTLET -a urls=...` against a local server: an `edit` case gives exactly one
new version whose change record holds every listed edit; `no-change` and `not-an-edit`
cases give one version only."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newscrawl.diffing import comparison_form
from newscrawl.store import open_store
from tests.conftest import CORPUS
from tests.crawl.conftest import later

CASES = sorted(p.parent.name for p in (CORPUS / "versions").glob("*/case.json"))


def _contains(haystack: str | None, needle: str) -> bool:
    return comparison_form(needle) in comparison_form(haystack)


@pytest.mark.parametrize("name", CASES)
def test_version_case_through_a_crawl(site, crawl, sqlite_uri, corpus: Path, name: str) -> None:
    folder = corpus / "versions" / name
    case = json.loads((folder / "case.json").read_text("utf-8"))
    parts = urlsplit(case["url"])
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    url = site.url + path
    for step, file in enumerate(case["files"]):
        site.set(path, (folder / file).read_bytes())
        result = crawl(f"urls={url}", spider=case["outlet"], now=later(60 * 24 * step))
        assert result.returncode == 0, result.log[-3000:]
    with open_store(sqlite_uri) as store:
        article = store.get_article(url)
        assert article is not None, "the first capture was stored"
        if case["expect"] in ("no-change", "not-an-edit"):
            assert article["version_count"] == 1, store.history(url)["changes"]
            return
        assert case["expect"] == "edit"
        assert article["version_count"] == 2
        change = store.get_change(url, 2)
        assert change is not None
        for pair in case["edits"]:
            old, new = pair["old"], pair["new"]
            if old is not None:
                assert any(_contains(e.get("old"), old) for e in change["edits"]), old
            if new is not None:
                assert any(_contains(e.get("new"), new) for e in change["edits"]), new
