"""The generic extractor on made-up pages: where each field comes from, the pages that are
not articles (and the near misses it must still read), and outlet selectors."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newscrawl.cli import main
from newscrawl.outlets import NotAnArticle, get_extractor
from newscrawl.outlets.generic import GenericExtractor
from tests.extraction.generic_samples import (
    CORRECTION,
    FRONT_LINKS,
    LD,
    PARAGRAPHS,
    SUBHEADING,
    URL,
    body_html,
    page,
)

NO_LD_HEAD = """<meta property="og:type" content="article"/>
<meta property="og:title" content="Harbour bridge reopens after three years"/>
<meta property="article:published_time" content="2024-05-01T07:30:00Z"/>
<meta property="article:section" content="World"/>
<meta name="author" content="Ana Lima and Tom Hart"/>"""
DUBLIN_CORE_HEAD = """<meta name="DC.title" content="Harbour bridge reopens after three years"/>
<meta name="DC.creator" content="Ana Lima"/><meta name="DC.date.issued" content="2024-05-01"/>"""
SHORT = PARAGRAPHS[:1]
# Over 1,500 characters: as long as a write-up that is an article of its own.
LONG = PARAGRAPHS * 3


def extract(html: str | bytes, url: str = URL, **selectors: list[str]) -> dict:
    return GenericExtractor(**selectors).extract(html, url)


def test_registered_as_generic() -> None:
    extractor = get_extractor("generic")
    assert isinstance(extractor, GenericExtractor)
    assert extractor.ident == "generic/2"
    assert GenericExtractor(name="example").ident == "example/2"


def test_fields_from_json_ld_and_the_body() -> None:
    result = extract(page())
    assert result["title"] == "Harbour bridge reopens after three years"
    assert result["authors"] == ["Ana Lima", "Tom Hart"]
    assert result["published"] == "2024-05-01T08:30:00+01:00"
    assert result["modified"] == "2024-05-02T10:00:00+01:00"
    assert result["section"] == "World"
    assert result["standfirst"] == "The city's busiest crossing is open again."
    assert result["canonical_url"] == URL
    assert result["paragraphs"] == PARAGRAPHS
    assert [b["text"] for b in result["blocks"] if b["type"] == "heading"] == [SUBHEADING]
    assert result["corrections"] == [CORRECTION]
    assert result["is_live"] is False


@pytest.mark.parametrize(
    "ld_raw",
    [
        json.dumps({"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, LD]}),
        json.dumps([{"@type": "BreadcrumbList"}, LD]),
        json.dumps({**LD, "@type": "ReportageNewsArticle"}),
        json.dumps({**LD, "@type": ["BlogPosting", "Article"]}),
    ],
    ids=["@graph", "array", "subtype", "type list"],
)
def test_json_ld_shapes(ld_raw: str) -> None:
    result = extract(page(ld_raw=ld_raw))
    assert result["authors"] == ["Ana Lima", "Tom Hart"]
    assert result["published"] == "2024-05-01T08:30:00+01:00"


def test_broken_json_ld_falls_back_to_open_graph_and_article_meta() -> None:
    broken = json.dumps(LD)[:-10]
    for html in (page(ld_raw=broken, head=NO_LD_HEAD), page(ld=None, head=NO_LD_HEAD)):
        result = extract(html)
        assert result["title"] == "Harbour bridge reopens after three years"
        assert result["authors"] == ["Ana Lima", "Tom Hart"]
        assert result["published"] == "2024-05-01T07:30:00+00:00"
        assert result["section"] == "World"
        assert result["paragraphs"] == PARAGRAPHS


def test_dublin_core_time_and_rel_author() -> None:
    result = extract(page(ld=None, head=DUBLIN_CORE_HEAD))
    assert (result["authors"], result["published"]) == (["Ana Lima"], "2024-05-01")
    byline = (
        '<p class="meta">By <a rel="author" href="/people/ana">Ana Lima</a>'
        ' <time datetime="2024-05-01T09:00:00Z">1 May</time></p>'
    )
    result = extract(page(ld=None, head="", body=byline + body_html()))
    assert result["authors"] == ["Ana Lima"]
    assert result["published"] == "2024-05-01T09:00:00+00:00"


def test_printed_headline_wins_when_metadata_disagree() -> None:
    html = page(
        head='<meta property="og:title" content="Bridge reopens after repairs"/>',
        ld={**LD, "headline": "Harbour bridge reopens"},
        title="Harbour bridge is open again | Example News",
        h1="Harbour bridge is open again",
    )
    # og:title, JSON-LD and <title> disagree; <title> and the printed <h1> agree.
    assert extract(html)["title"] == "Harbour bridge is open again"
    # A tie goes to the JSON-LD headline.
    tie = html.replace("Harbour bridge is open again | Example News", "Example News")
    assert extract(tie)["title"] == "Harbour bridge reopens"


def test_live_blog() -> None:
    assert extract(page(ld={**LD, "@type": "LiveBlogPosting"}))["is_live"] is True
    assert extract(page(), URL.replace("/world/", "/world/live/"))["is_live"] is True
    assert extract(page(), URL.replace("harbour-", "live-updates-harbour-"))["is_live"] is True
    assert extract(page(), URL.replace("harbour-", "live-music-harbour-"))["is_live"] is False


# Pages that are not articles -> a word of the NotAnArticle reason.
NOT_ARTICLES = {
    "front (CollectionPage)": (
        page(ld={"@type": "CollectionPage", "name": "World"}, body=FRONT_LINKS),
        "front",
    ),
    "front (no metadata, headlines only)": (page(ld=None, head="", body=FRONT_LINKS), "front"),
    "front (tag page URL)": (
        page(ld=None, canonical="https://news.example.org/tag/bridges/", body=body_html(SHORT)),
        "front",
    ),
    "author page (og:type profile)": (
        page(ld=None, head='<meta property="og:type" content="profile"/>'),
        "front",
    ),
    "gallery": (
        page(ld={"@type": "ImageGallery", "name": "Bridge"}, body=body_html(SHORT)),
        "gallery",
    ),
    "video (JSON-LD)": (page(ld={"@type": "VideoObject"}, body=body_html(SHORT)), "video"),
    "video (og:type)": (
        page(ld=None, head='<meta property="og:type" content="video.other"/>', body=body_html()),
        "video",
    ),
    "video (URL)": (
        page(
            ld=None,
            canonical="https://news.example.org/video/2024/05/01/bridge",
            body=body_html(SHORT),
        ),
        "video",
    ),
    "error page": (
        page(
            ld=None,
            head="",
            title="Page not found | Example News",
            h1="Sorry, we can't find that page",
            body="<p>The page you asked for has moved or never existed, sorry.</p>",
        ),
        "error page",
    ),
    "paywall stub (stated word count)": (
        page(ld={**LD, "isAccessibleForFree": False, "wordCount": 900}, body=body_html(SHORT)),
        "paywall",
    ),
    "paywall stub (teaser text)": (
        page(
            body=body_html(SHORT)
            + "<p>Subscribe today to continue reading this article and all of our journalism.</p>"
        ),
        "paywall",
    ),
    "empty body": (
        page(body="<figure><img src='x.jpg'><figcaption>The bridge.</figcaption></figure>"),
        "no text",
    ),
    "no headline": (page(ld=None, head="", title="", h1=""), "headline"),
    "empty file": (b"", "empty"),
    "binary data": (random.Random(7).randbytes(4096), "binary"),
}


@pytest.mark.parametrize("name", NOT_ARTICLES)
def test_not_an_article(name: str) -> None:
    html, word = NOT_ARTICLES[name]
    with pytest.raises(NotAnArticle) as info:
        extract(html)
    assert word in info.value.reason


# Near misses: each looks like one of the pages above in one respect, and is an article.
NEAR_MISSES = {
    "article that embeds a video": page(
        ld_raw=json.dumps([LD, {"@type": "VideoObject", "name": "Bridge opening"}])
    ),
    "long write-up on a video page": page(ld={"@type": "VideoObject"}, body=body_html(LONG)),
    "long article under /video/": page(
        canonical="https://news.example.org/video/bridge", body=body_html(LONG)
    ),
    "og:type website": page(head='<meta property="og:type" content="website"/>'),
    "paywalled but whole": page(ld={**LD, "isAccessibleForFree": False, "wordCount": 120}),
    "short news brief": page(body=body_html(PARAGRAPHS[:2])),
}


@pytest.mark.parametrize("name", NEAR_MISSES)
def test_near_misses_are_articles(name: str) -> None:
    result = extract(NEAR_MISSES[name])
    assert result["paragraphs"][0] == PARAGRAPHS[0]


def test_feed_is_not_an_article(corpus: Path) -> None:
    rss = (corpus / "feeds" / "rss-parser--guardian.rss").read_bytes()
    with pytest.raises(NotAnArticle, match="feed"):
        extract(rss)


def test_legacy_charset_declared_or_not() -> None:
    text = page(body=body_html([*PARAGRAPHS[:3], "“Curly” quotes – and £5 café."]))
    declared = text.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252")
    undeclared = text.replace('<meta charset="utf-8">', "").encode("cp1252")
    for html in (declared, undeclared):
        assert extract(html)["paragraphs"][-1] == "“Curly” quotes – and £5 café."


# -- selectors an outlet declares ---------------------------------------------------------

PROMO = '<div class="promo"><p>Sign up for our newsletter, the best of the week, free.</p></div>'


def test_body_selectors_restrict_the_body_and_drop_selectors_remove() -> None:
    html = page(body=body_html(extra=PROMO))
    result = extract(html, body_selectors=["div.article-body"], drop_selectors=[".promo"])
    assert result["paragraphs"] == PARAGRAPHS
    assert result["corrections"] == [CORRECTION]
    kept = extract(html, body_selectors=["div.article-body"])
    assert kept["paragraphs"][-1].startswith("Sign up for our newsletter")


def test_xpath_selectors_and_drop_selectors_without_body_selectors() -> None:
    html = page(body=body_html(extra=PROMO))
    by_xpath = extract(html, body_selectors=['//div[@class="article-body"]/p'])
    assert by_xpath["paragraphs"][: len(PARAGRAPHS)] == PARAGRAPHS
    # Without body selectors, drop selectors prune the page before the body is read.
    dropped = extract(page(body=body_html(extra=PROMO * 3)), drop_selectors=[".promo"])
    assert not [p for p in dropped["paragraphs"] if "newsletter" in p]
    assert dropped["paragraphs"] == PARAGRAPHS


def test_page_labels_above_the_body_are_not_paragraphs() -> None:
    labels = "<p>Thursday 23 January 2014</p><p>Register</p><p>Login</p>"
    result = extract(page(body=labels + body_html()), body_selectors=["div.article-body"])
    assert result["paragraphs"] == PARAGRAPHS
    # A short first line that is a sentence is the article's.
    short = extract(page(body="<p>It is open.</p>" + body_html()), body_selectors=["article"])
    assert short["paragraphs"] == ["It is open.", *PARAGRAPHS]


def test_a_body_selector_that_matches_nothing_is_no_article() -> None:
    # A redesign that moves the body must not be read as "every paragraph deleted".
    with pytest.raises(NotAnArticle, match="body selectors"):
        extract(page(), body_selectors=["div.story-text"])


@pytest.mark.parametrize("selector", ["div..x", "//div[", "", "p:nth-child(x)"])
def test_bad_selectors_are_refused_when_declared(selector: str) -> None:
    with pytest.raises(ValueError, match="selector"):
        GenericExtractor(body_selectors=[selector])
    with pytest.raises(ValueError, match="selector"):
        GenericExtractor(drop_selectors=[selector])


def test_extract_command_with_outlet_generic(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    saved = tmp_path / "article.html"
    saved.write_text(page(), encoding="utf-8")
    assert main(["extract", "--outlet", "generic", "--url", URL, str(saved)]) == 0
    article = json.loads(capsys.readouterr().out)
    assert (article["title"], article["paragraphs"]) == (LD["headline"], PARAGRAPHS)
    assert article["extractor"] == "generic/2"
    front = tmp_path / "front.html"
    front.write_text(page(ld={"@type": "CollectionPage"}, body=FRONT_LINKS), encoding="utf-8")
    assert main(["extract", "--outlet", "generic", str(front)]) == 3
    assert "front" in capsys.readouterr().err


def test_a_summary_escaped_twice_reads_as_printed() -> None:
    # The CMS wrote "&amp;ldquo;" into the meta: the reader's text has the quotation mark.
    page = (
        "<html><head><title>Exams</title>"
        '<meta property="og:description" content="Results &amp;ldquo;distorted&amp;rdquo; '
        'by coursework, AT&amp;T says">'
        '<meta property="article:published_time" content="2014-12-29T10:00:00Z"></head>'
        "<body><article><h1>Exams</h1>"
        + "<p>Margaret Thatcher feared the exams would lower standards in schools.</p>" * 12
        + "</article></body></html>"
    )
    result = GenericExtractor().extract(page.encode(), "https://news.example.org/2014/exams")
    assert result["standfirst"] == "Results “distorted” by coursework, AT&T says"
