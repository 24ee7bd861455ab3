"""Pages each outlet's extractor must refuse with NotAnArticle and a clear reason, and the
near misses it must still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.outlets import NotAnArticle, get_extractor
from tests.extraction.samples import NOT_OURS, OUTLETS, OutletSamples

OUTLET_IDS = [o.name for o in OUTLETS]
CONTROLS = [(o, name) for o in OUTLETS for name in o.article_fields]
SAMPLES = [(o, name) for o in OUTLETS for name in o.not_articles]
# Each outlet refuses the other outlets' articles as well as pages of no outlet here.
FOREIGN = [
    (o, page)
    for o in OUTLETS
    for page in (*(other.refused_by_others for other in OUTLETS if other is not o), *NOT_OURS)
]
BODYLESS = [(o, name) for o in OUTLETS for name in o.bodyless_pages]


@pytest.mark.parametrize("outlet, name", CONTROLS, ids=[f"{o.name}:{n}" for o, n in CONTROLS])
def test_the_sample_page_itself_is_an_article(outlet: OutletSamples, name: str) -> None:
    # Control: the samples below differ from this one only in what makes them no article.
    result = get_extractor(outlet.name).extract(outlet.article, outlet.url)
    assert result[name] == outlet.article_fields[name]


@pytest.mark.parametrize("outlet, name", SAMPLES, ids=[f"{o.name}/{n}" for o, n in SAMPLES])
def test_not_an_article(outlet: OutletSamples, name: str) -> None:
    html, word = outlet.not_articles[name]
    with pytest.raises(NotAnArticle) as info:
        get_extractor(outlet.name).extract(html, outlet.url)
    assert word in info.value.reason


@pytest.mark.parametrize("outlet", OUTLETS, ids=OUTLET_IDS)
def test_live_pages_are_marked_live(outlet: OutletSamples) -> None:
    assert get_extractor(outlet.name).extract(outlet.live, outlet.url)["is_live"] is True


@pytest.mark.parametrize("outlet, name", FOREIGN, ids=[f"{o.name}/{n}" for o, n in FOREIGN])
def test_real_pages_that_are_not_the_outlets_articles(
    corpus: Path, outlet: OutletSamples, name: str
) -> None:
    with pytest.raises(NotAnArticle) as info:
        get_extractor(outlet.name).extract((corpus / name).read_bytes(), "https://example.org/a")
    assert info.value.reason


@pytest.mark.parametrize("outlet, name", BODYLESS, ids=[f"{o.name}/{n}" for o, n in BODYLESS])
def test_real_page_with_its_body_removed(corpus: Path, outlet: OutletSamples, name: str) -> None:
    extractor = get_extractor(outlet.name)
    html = (corpus / "pages" / outlet.name / f"{name}.html").read_bytes()
    extractor.extract(html, outlet.url)  # control
    for marker in outlet.body_markers:
        html = html.replace(marker, b"gone")
    with pytest.raises(NotAnArticle, match=outlet.no_body):
        extractor.extract(html, outlet.url)


@pytest.mark.parametrize("outlet", OUTLETS, ids=OUTLET_IDS)
def test_legacy_charset_declared_or_not(outlet: OutletSamples) -> None:
    text = outlet.one_paragraph("“Curly” quotes – and £5 café")
    declared = text.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252")
    undeclared = text.replace('<meta charset="utf-8">', "").encode("cp1252")
    for html in (declared, undeclared):
        assert get_extractor(outlet.name).extract(html, outlet.url)["paragraphs"] == [
            "“Curly” quotes – and £5 café"
        ]


@pytest.mark.parametrize("outlet", OUTLETS, ids=OUTLET_IDS)
def test_a_stray_bad_byte_does_not_spoil_a_real_page(corpus: Path, outlet: OutletSamples) -> None:
    extractor = get_extractor(outlet.name)
    page = corpus / outlet.damaged_page
    clean = extractor.extract(page.read_bytes(), outlet.url)
    damaged = page.read_bytes().replace(b"<title>", b"<title>\xff", 1)
    assert damaged != page.read_bytes()
    result = extractor.extract(damaged, outlet.url)
    assert result["paragraphs"] == clean["paragraphs"]
    assert result["title"] == clean["title"]
