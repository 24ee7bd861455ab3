"""Each outlet's extractor on every page of its corpus: one test per sidecar field, and the
shape and cleanliness of every result."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.outlets import NotAnArticle, get_extractor
from newscrawl.outlets.base import ARTICLE_FIELDS
from newscrawl.outlets.common import clean_text, decode_html, parse_html
from tests.conftest import CORPUS
from tests.extraction import groundtruth
from tests.extraction.expectations import OUTLETS, OutletExpectations
from tests.extraction.groundtruth import Page, extracted


def _pages(outlet: OutletExpectations) -> list[Page]:
    pages = groundtruth.outlet_pages(CORPUS, outlet.corpus_folder) if CORPUS.is_dir() else []
    return [p for p in pages if p.name not in outlet.not_articles]


PAGES = [(outlet, page) for outlet in OUTLETS for page in _pages(outlet)]
PAGE_IDS = [f"{o.name}/{p.name}" for o, p in PAGES]
FIELD_CASES = [(o, p, name) for o, p in PAGES for name in p.fields()]
NOT_ARTICLES = [(o, name, word) for o in OUTLETS for name, word in o.not_articles.items()]
SAME_TEXT = [(o, case) for o in OUTLETS for case in o.same_text_cases]
OUTLET_IDS = [o.name for o in OUTLETS]


@pytest.mark.parametrize("outlet", OUTLETS, ids=OUTLET_IDS)
def test_corpus_has_every_template(corpus: Path, outlet: OutletExpectations) -> None:
    pages = groundtruth.outlet_pages(corpus, outlet.corpus_folder)
    assert len(pages) >= outlet.min_pages
    found = {
        name for p in pages for m, name in outlet.templates.items() if m in p.path.read_bytes()
    }
    assert found == set(outlet.templates.values())


@pytest.mark.parametrize(
    "outlet, page, name", FIELD_CASES, ids=[f"{o.name}/{p.name}:{n}" for o, p, n in FIELD_CASES]
)
def test_sidecar_field(corpus: Path, outlet: OutletExpectations, page: Page, name: str) -> None:
    ok, why = groundtruth.check(page, name, extracted(outlet.name, page.path, page.url))
    assert ok, f"{page.name} {name}: {why}"


@pytest.mark.parametrize("outlet, page", PAGES, ids=PAGE_IDS)
def test_result_shape(corpus: Path, outlet: OutletExpectations, page: Page) -> None:
    result = extracted(outlet.name, page.path, page.url)
    assert tuple(result) == ARTICLE_FIELDS
    assert result["extractor"] == get_extractor(outlet.name).ident
    assert result["paragraphs"] == [b["text"] for b in result["blocks"] if b["type"] == "paragraph"]
    assert {b["type"] for b in result["blocks"]} <= {"paragraph", "heading"}
    assert result["title"] and result["paragraphs"]
    assert result["is_live"] is (page.name in outlet.live_pages)


@pytest.mark.parametrize("outlet, page", PAGES, ids=PAGE_IDS)
def test_body_is_reader_text_only(corpus: Path, outlet: OutletExpectations, page: Page) -> None:
    result = extracted(outlet.name, page.path, page.url)
    text = [result["standfirst"] or "", *(b["text"] for b in result["blocks"])]
    leaked = [(j, p[:60]) for p in text for j in outlet.junk if j.lower() in p.lower()]
    assert not leaked
    assert all(p == " ".join(p.split()) and "\u00a0" not in p for p in result["paragraphs"])
    # A standfirst printed as the body's lead is not read a second time as a paragraph.
    assert result["standfirst"] not in result["paragraphs"]


@pytest.mark.parametrize(
    "outlet, name, word", NOT_ARTICLES, ids=[f"{o.name}/{n}" for o, n, _ in NOT_ARTICLES]
)
def test_corpus_pages_that_are_not_articles(
    corpus: Path, outlet: OutletExpectations, name: str, word: str
) -> None:
    page = next(p for p in groundtruth.outlet_pages(corpus, outlet.corpus_folder) if p.name == name)
    with pytest.raises(NotAnArticle, match=word):
        get_extractor(outlet.name).extract(page.path.read_bytes(), page.url)


@pytest.mark.parametrize("outlet, case", SAME_TEXT, ids=[f"{o.name}/{c}" for o, c in SAME_TEXT])
@pytest.mark.parametrize("name", ["title", "standfirst", "authors", "paragraphs", "blocks"])
def test_captures_of_one_article_agree(
    corpus: Path, outlet: OutletExpectations, case: str, name: str
) -> None:
    # The captures differ in template or page furniture, not in the article's text.
    v1 = extracted(outlet.name, corpus / "versions" / case / "v1.html", outlet.url)
    v2 = extracted(outlet.name, corpus / "versions" / case / "v2.html", outlet.url)
    assert v1[name] == v2[name]
    assert v1[name]


CAPTION_CASES = [(name, c) for name, cs in groundtruth.CAPTIONS_IN_SNIPPET.items() for c in cs]


@pytest.mark.parametrize("name, caption", CAPTION_CASES, ids=[n for n, _ in CAPTION_CASES])
def test_snippet_captions_are_captions(corpus: Path, name: str, caption: str) -> None:
    # A caption left out of a sidecar's snippet must be a picture caption of that page,
    # and one the extractor leaves out of the text.
    outlet = next(o for o, p in PAGES if p.name == name)
    page = next(p for o, p in PAGES if p.name == name)
    doc = parse_html(decode_html(page.path.read_bytes()))
    captions = [
        clean_text(el.text_content())
        for el in doc.xpath("//figcaption | //figure | //*[contains(@class, 'caption')]")
    ]
    assert any(c.startswith(clean_text(caption)) or clean_text(caption) in c for c in captions)
    assert clean_text(caption) not in groundtruth.all_text(
        extracted(outlet.name, page.path, page.url)
    )
