"""Each outlet's extractor against trafilatura on the outlet's corpus pages that give the
full body: on no page a lower body token F1 than trafilatura's, in either of its settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.extraction import groundtruth, versus
from tests.extraction.expectations import OUTLETS, OutletExpectations

BODY_PAGES = [
    (outlet, page)
    for outlet in OUTLETS
    for page in (groundtruth.outlet_pages(CORPUS, outlet.name) if CORPUS.is_dir() else [])
    if page.name not in outlet.not_articles and versus.expected_body(page) is not None
]


@pytest.mark.parametrize(
    "outlet, page", BODY_PAGES, ids=[f"{o.name}/{p.name}" for o, p in BODY_PAGES]
)
def test_body_is_not_below_trafilaturas(
    corpus: Path, outlet: OutletExpectations, page: groundtruth.Page
) -> None:
    ours = versus.body_f1(page, groundtruth.extracted(outlet.name, page.path, page.url))
    html = page.path.read_bytes()
    for setting in versus.SETTINGS:
        theirs = versus.body_f1(page, versus.trafilatura_result(html, page.url, setting))
        assert ours >= theirs, f"body F1 {ours:.3f}, trafilatura ({setting}) {theirs:.3f}"
