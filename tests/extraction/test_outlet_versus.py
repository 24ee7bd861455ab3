"""Each outlet module's body next to trafilatura's on every corpus page of the outlet that
gives the full body: never below it, in either of trafilatura's settings. Both are scored
on the sidecar's body without the lines that are page furniture by design
(``groundtruth.NOT_BODY_BY_DESIGN``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.extraction import groundtruth, versus
from tests.extraction.expectations import OUTLETS
from tests.extraction.groundtruth import Page, extracted

# Outlets judged here; the Guardian and BBC have their own benchmark.
JUDGED = ("reuters", "apnews", "cnn")
PAGES = [
    (outlet.name, page)
    for outlet in OUTLETS
    if outlet.name in JUDGED and CORPUS.is_dir()
    for page in groundtruth.outlet_pages(CORPUS, outlet.name)
    if "/" not in page.name and versus.expected_body(page) is not None
]


def test_every_judged_outlet_has_body_pages(corpus: Path) -> None:
    assert {name for name, _ in PAGES} == set(JUDGED)


@pytest.mark.parametrize("outlet, page", PAGES, ids=[f"{o}/{p.name}" for o, p in PAGES])
def test_body_is_not_below_trafilaturas(corpus: Path, outlet: str, page: Page) -> None:
    ours = versus.body_f1_without_furniture(page, extracted(outlet, page.path, page.url))
    theirs = versus.trafilatura_best_f1(page)
    assert ours >= theirs, f"body F1 {ours:.3f}, trafilatura {theirs:.3f}"
