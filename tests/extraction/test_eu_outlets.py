"""The Independent, RT, The Intercept, The Irish Times and RTÉ: each outlet's body next to
trafilatura's on the same page, and what the module outlets refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.outlets import NotAnArticle, get_extractor
from tests.conftest import CORPUS
from tests.extraction import groundtruth, versus
from tests.extraction.groundtruth import Page, extracted

# outlet -> corpus folder
FOLDERS = {
    "independent": "independent",
    "rt": "rt",
    "theintercept": "theintercept",
    "irishtimes": "irishtimes-com",
    "rte": "rte-ie",
}
BODY_PAGES = [
    (outlet, page)
    for outlet, folder in FOLDERS.items()
    for page in (groundtruth.outlet_pages(CORPUS, folder) if CORPUS.is_dir() else [])
    if versus.expected_body(page) is not None
]


def _trafilatura_best(page: Page) -> float:
    html = page.path.read_bytes()
    return max(
        versus.body_f1(page, versus.trafilatura_result(html, page.url, setting))
        for setting in versus.SETTINGS
    )


def test_there_are_body_pages(corpus: Path) -> None:
    assert {o for o, _ in BODY_PAGES} >= {"independent", "theintercept"}


@pytest.mark.parametrize("outlet, page", BODY_PAGES, ids=[f"{o}/{p.name}" for o, p in BODY_PAGES])
def test_body_is_never_below_trafilaturas(corpus: Path, outlet: str, page: Page) -> None:
    ours = versus.body_f1(page, extracted(outlet, page.path, page.url))
    theirs = _trafilatura_best(page)
    assert ours >= theirs, f"body F1 {ours:.3f}, trafilatura's better setting {theirs:.3f}"


@pytest.mark.parametrize(
    "outlet, name, marker",
    [
        ("rt", "rt/wpp--564427.html", b"article__text"),
        (
            "rte",
            "rte-ie/wpp--aer-lingus-repeats-call-to-reject-ryanair-offer-business.html",
            b"storyBody",
        ),
    ],
)
def test_a_redesign_without_the_body_element_is_not_an_article(
    corpus: Path, outlet: str, name: str, marker: bytes
) -> None:
    # A page whose body element is gone is refused rather than stored as "every paragraph
    # deleted".
    html = (corpus / "pages" / name).read_bytes().replace(marker, b"renamed-by-redesign")
    with pytest.raises(NotAnArticle, match="body selectors"):
        get_extractor(outlet).extract(html, "https://example.org/x")


@pytest.mark.parametrize("outlet", ["rt", "theintercept"])
def test_a_front_is_not_an_article(outlet: str) -> None:
    html = (
        '<html><head><title>Home</title><script type="application/ld+json">'
        '{"@type": "CollectionPage", "name": "Home"}</script></head><body><ul>'
        + "".join(f'<li><a href="/news/{i}-x/">Story {i}</a></li>' for i in range(20))
        + "</ul></body></html>"
    )
    with pytest.raises(NotAnArticle):
        get_extractor(outlet).extract(html.encode(), "https://example.org/")
