"""The New York Times and Washington Post extractors beyond the sidecars: never below
trafilatura's body on a page, notes printed in the body set apart, and pages that are
not articles refused with a reason."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from newscrawl.outlets import NotAnArticle, get_extractor
from newscrawl.outlets.scoring import token_f1
from tests.conftest import CORPUS
from tests.extraction import groundtruth, versus
from tests.extraction.groundtruth import Page, extracted
from tests.extraction.test_hostile_input import embed

OUTLETS = ("nytimes", "washingtonpost")
BODY_PAGES = [
    (outlet, page)
    for outlet in OUTLETS
    for page in (groundtruth.outlet_pages(CORPUS, outlet) if CORPUS.is_dir() else [])
    if "paragraphs" in page.truth
]
NYT_2018 = "pages/nytimes/wpp--ignoring-deadlines-2021.html"
NYT_URL = "https://www.nytimes.com/2012/08/22/us/politics/ignoring-calls-to-quit-akin.html"
POST_2018 = "pages/washingtonpost/wpp--trump-kim-summit.html"
POST_URL = (
    "https://www.washingtonpost.com/politics/trump-kim/2018/06/12/"
    "ff43465a-6dba-11e8-bf86-a2351b5ece99_story.html"
)
BODY_P = {
    "nytimes": '//div[contains(@class, "StoryBodyCompanionColumn")]//p',
    "washingtonpost": '//article[@itemprop="articleBody"]/p',
}
REAL = {"nytimes": (NYT_2018, NYT_URL), "washingtonpost": (POST_2018, POST_URL)}


@pytest.mark.parametrize("outlet, page", BODY_PAGES, ids=[p.name for _, p in BODY_PAGES])
def test_body_is_not_below_trafilaturas(corpus: Path, outlet: str, page: Page) -> None:
    # Both judged against the same truth: the sidecar's list without what it holds that is
    # not body text by design (groundtruth.NOT_BODY_BY_DESIGN).
    expected = groundtruth.expected_paragraphs(page, "paragraphs")
    ours = token_f1(
        groundtruth.comparable_paragraphs(page, extracted(outlet, page.path, page.url)), expected
    )
    html = page.path.read_bytes()
    theirs = [versus.trafilatura_result(html, page.url, s) for s in versus.SETTINGS]
    best = max(token_f1(t["paragraphs"], expected) if t else 0.0 for t in theirs)
    assert ours >= best, f"body F1 {ours:.3f}, trafilatura {best:.3f}"
    assert ours >= 0.97


def _page(corpus: Path, outlet: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((corpus / REAL[outlet][0]).read_bytes())


def _with_note(corpus: Path, outlet: str, note: str) -> bytes:
    doc = _page(corpus, outlet)
    last = doc.xpath(BODY_P[outlet])[-1]
    last.addnext(lxml.html.fromstring(f"<p>{note}</p>"))
    return lxml.html.tostring(doc)


NOTES = [
    "Correction: An earlier version of this article misstated the day of the vote.",
    "An earlier version of this article misspelled the name of a senator.",
    "Editors’ Note: This article has been revised to explain the source of a quote.",
    "This article has been updated with the senator’s response.",
]


@pytest.mark.parametrize("outlet", OUTLETS)
@pytest.mark.parametrize("note", NOTES)
def test_notes_printed_in_the_body_go_to_corrections(corpus: Path, outlet: str, note: str):
    url = REAL[outlet][1]
    plain = get_extractor(outlet).extract((corpus / REAL[outlet][0]).read_bytes(), url)
    noted = get_extractor(outlet).extract(_with_note(corpus, outlet, note), url)
    assert noted["corrections"] == [*plain["corrections"], note]
    assert noted["paragraphs"] == plain["paragraphs"]


def _paywall_stub(corpus: Path, outlet: str) -> bytes:
    # A fetch behind the paywall: the first two paragraphs, then a subscribe prompt.
    doc = _page(corpus, outlet)
    body = doc.xpath(BODY_P[outlet])
    for p in body[2:]:
        p.drop_tree()
    body[1].addnext(lxml.html.fromstring("<p>Subscribe to continue reading this article.</p>"))
    return lxml.html.tostring(doc)


VIDEO = (
    b'<html><head><meta property="og:type" content="video.other"><title>Summit - Video'
    b"</title></head><body><h1>Summit</h1><div><p>Scenes from Singapore.</p></div></body></html>"
)
ERROR = (
    b"<html><head><title>Page Not Found</title></head><body><h1>Page Not Found</h1>"
    b"<p>We could not find the page you requested.</p></body></html>"
)
FRONT = (
    b'<html><head><title>World News</title><meta property="og:type" content="website">'
    b"</head><body><h1>World</h1>"
    + b"".join(
        b'<article><h2><a href="/2020/01/0%d/world/x.html">Story %d</a></h2><p>Summary %d.</p>'
        b"</article>" % (i, i, i)
        for i in range(1, 9)
    )
    + b"</body></html>"
)
NOT_ARTICLES = {
    "video": (VIDEO, "/video/world/100000004000000/summit.html", "video"),
    "error page": (ERROR, "/2020/01/01/us/gone.html", "error"),
    "section front": (FRONT, "/section/world", "front"),
}


@pytest.mark.parametrize("outlet", OUTLETS)
def test_a_paywall_stub_is_no_version(corpus: Path, outlet: str) -> None:
    with pytest.raises(NotAnArticle, match="paywall stub"):
        get_extractor(outlet).extract(_paywall_stub(corpus, outlet), REAL[outlet][1])


@pytest.mark.parametrize("outlet", OUTLETS)
@pytest.mark.parametrize("kind", NOT_ARTICLES)
def test_pages_that_are_not_articles(outlet: str, kind: str) -> None:
    html, path, word = NOT_ARTICLES[kind]
    site = "https://www.nytimes.com" if outlet == "nytimes" else "https://www.washingtonpost.com"
    with pytest.raises(NotAnArticle, match=word) as info:
        get_extractor(outlet).extract(html, site + path)
    assert info.value.reason


MARKERS = {"nytimes": b"StoryBodyCompanionColumn", "washingtonpost": b'itemprop="articleBody"'}


@pytest.mark.parametrize("outlet", OUTLETS)
def test_a_deep_embed_in_a_real_page_loses_nothing(corpus: Path, outlet: str) -> None:
    path, url = REAL[outlet]
    html = (corpus / path).read_bytes()
    cut = html.index(b"</p>", html.index(MARKERS[outlet])) + len(b"</p>")
    deep = html[:cut] + embed(1500).encode() + html[cut:]
    clean = get_extractor(outlet).extract(html, url)["paragraphs"]
    read = get_extractor(outlet).extract(deep, url)["paragraphs"]
    assert [p for p in read if p != "embedded"] == clean


BAD_INPUT = {
    "empty file": b"",
    "binary data": bytes(range(256)) * 8,
    "a feed": (CORPUS / "feeds" / "newssniffer--nyt_global_home.xml").read_bytes()
    if CORPUS.is_dir()
    else b"",
}


@pytest.mark.parametrize("outlet", OUTLETS)
@pytest.mark.parametrize("kind", BAD_INPUT)
def test_bad_input_is_refused_with_a_reason(outlet: str, kind: str) -> None:
    with pytest.raises(NotAnArticle) as info:
        get_extractor(outlet).extract(BAD_INPUT[kind], REAL[outlet][1])
    assert info.value.reason
