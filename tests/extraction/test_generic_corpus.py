"""The generic extractor on every corpus page of an outlet with no module: one test per
sidecar field (title, authors, published, body), its body next to trafilatura's on the
same page, and the shape of every result."""

from __future__ import annotations

from pathlib import Path
from statistics import mean
from typing import Any

import pytest
import yaml

from newscrawl.outlets import get_extractor
from newscrawl.outlets.base import ARTICLE_FIELDS
from newscrawl.outlets.generic import GenericExtractor
from tests.conftest import CORPUS
from tests.extraction import groundtruth, versus
from tests.extraction.groundtruth import Page, extracted

HERE = Path(__file__).parent
PAGES = versus.generic_pages(CORPUS) if CORPUS.is_dir() else []
PAGE_IDS = [versus.key(p) for p in PAGES]
FIELDS = ("title", "authors", "published")
FIELD_CASES = [(p, name) for p in PAGES for name in FIELDS if name in p.truth]
BODY_PAGES = [p for p in PAGES if versus.expected_body(p) is not None]
DISAGREEMENTS = {
    (row["page"], row["field"]): row
    for row in yaml.safe_load((HERE / "generic_disagreements.yaml").read_text("utf-8"))
}


def _result(page: Page) -> dict[str, Any]:
    return extracted("generic", page.path, page.url)


def test_the_pages_are_there(corpus: Path) -> None:
    assert len([p for p in PAGES if versus.outlet_of(p) == "generic"]) == 90
    # Every benchmark page gives the body; pages of other outlets leave this set as their
    # outlet gets a module of its own, so only a floor is held for them.
    assert len([p for p in BODY_PAGES if versus.outlet_of(p) == "generic"]) == 90
    assert len(BODY_PAGES) > 100
    assert not {versus.outlet_of(p) for p in PAGES} & versus.module_outlets()


def test_every_disagreement_names_a_sidecar_field(corpus: Path) -> None:
    cases = {(versus.key(p), name) for p, name in FIELD_CASES}
    assert set(DISAGREEMENTS) <= cases


@pytest.mark.parametrize(
    "page, name", FIELD_CASES, ids=[f"{versus.key(p)}:{n}" for p, n in FIELD_CASES]
)
def test_sidecar_field(corpus: Path, page: Page, name: str) -> None:
    result = _result(page)
    known = DISAGREEMENTS.get((versus.key(page), name))
    if known:
        assert result[name] == known["ours"], known["why"]
    else:
        ok, why = groundtruth.check(page, name, result)
        assert ok, f"{page.name} {name}: {why}"


def _generic_based(outlet: str) -> bool:
    return isinstance(get_extractor(outlet), GenericExtractor)


def test_exact_title_on_95_percent_of_the_pages_that_assert_one(corpus: Path) -> None:
    # The generic title reading, on every page it reads: the pages above, and those of the
    # outlet modules built on the generic extractor (they keep its title).
    pages = [("generic", p) for p in PAGES if "title" in p.truth]
    pages += [
        (outlet, p)
        for outlet in sorted(versus.module_outlets())
        if _generic_based(outlet)
        for p in groundtruth.outlet_pages(corpus, outlet)
        if "title" in p.truth
    ]
    exact = [p for o, p in pages if groundtruth.check(p, "title", extracted(o, p.path, p.url))[0]]
    assert len(exact) >= 0.95 * len(pages), f"{len(exact)}/{len(pages)}"


@pytest.mark.parametrize("page", BODY_PAGES, ids=[versus.key(p) for p in BODY_PAGES])
def test_body_is_not_far_below_trafilaturas(corpus: Path, page: Page) -> None:
    reference = versus.reference(corpus, versus.group_of(page))
    ours = versus.body_f1(page, _result(page))
    theirs = reference.f1[versus.key(page)]
    assert ours >= theirs - versus.MAX_SHORTFALL, (
        f"body F1 {ours:.3f}, trafilatura ({reference.setting}) {theirs:.3f}"
    )


@pytest.mark.parametrize("group", versus.GROUPS)
def test_mean_body_f1_is_at_least_trafilaturas(corpus: Path, group: str) -> None:
    reference = versus.reference(corpus, group)
    pages = versus.body_pages(corpus, group)
    ours = mean(versus.body_f1(p, _result(p)) for p in pages)
    # The better of trafilatura's two settings on these pages.
    assert ours >= max(reference.means.values()), (ours, reference.means)


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_result_shape(corpus: Path, page: Page) -> None:
    result = _result(page)
    assert tuple(result) == ARTICLE_FIELDS
    assert result["extractor"] == get_extractor("generic").ident == "generic/2"
    assert result["paragraphs"] == [b["text"] for b in result["blocks"] if b["type"] == "paragraph"]
    assert {b["type"] for b in result["blocks"]} <= {"paragraph", "heading"}
    assert result["title"] and result["paragraphs"]
    assert all(p == " ".join(p.split()) and "\u00a0" not in p for p in result["paragraphs"])
    assert result["standfirst"] not in result["paragraphs"]
    assert not [b for b in result["blocks"] if b["text"] == result["title"]]
