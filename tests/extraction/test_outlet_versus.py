"""Each outlet module's body next to trafilatura's on every corpus page of the outlet that
gives the full body: never below it, in either of trafilatura's settings. Both are scored
on the sidecar's body without the lines that are page furniture by design
(``groundtruth.NOT_BODY_BY_DESIGN``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newscrawl.outlets.scoring import token_f1
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


def body_f1(page: Page, result: dict[str, Any] | None) -> float:
    """Token F1 of a result's body (as ``versus.body_f1`` compares it) against the
    sidecar's, furniture left out of both."""
    if result is None:
        return 0.0
    furniture = groundtruth.NOT_BODY_BY_DESIGN.get(page.name, [])
    expected = [p for p in versus.expected_body(page) or [] if not _listed(p, furniture)]
    texts = result["paragraphs"] if "paragraphs" in page.truth else result["blocks"]
    got = [t if isinstance(t, str) else t["text"] for t in texts]
    return token_f1([t for t in got if not _listed(t, furniture)], expected)


def _listed(text: str, prefixes: list[str]) -> bool:
    return any(text.startswith(p) for p in prefixes)


def trafilatura_f1(page: Page) -> float:
    """trafilatura's better body F1 on the page, of its two settings."""
    html = page.path.read_bytes()
    return max(
        body_f1(page, versus.trafilatura_result(html, page.url, setting))
        for setting in versus.SETTINGS
    )


def test_every_judged_outlet_has_body_pages(corpus: Path) -> None:
    assert {name for name, _ in PAGES} == set(JUDGED)


@pytest.mark.parametrize("outlet, page", PAGES, ids=[f"{o}/{p.name}" for o, p in PAGES])
def test_body_is_not_below_trafilaturas(corpus: Path, outlet: str, page: Page) -> None:
    ours = body_f1(page, extracted(outlet, page.path, page.url))
    theirs = trafilatura_f1(page)
    assert ours >= theirs, f"body F1 {ours:.3f}, trafilatura {theirs:.3f}"
