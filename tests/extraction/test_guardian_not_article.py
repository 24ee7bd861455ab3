"""Pages the Guardian extractor must refuse with NotAnArticle, and a clear reason."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newscrawl.outlets.base import NotAnArticle
from newscrawl.outlets.guardian import GuardianExtractor

URL = "https://www.theguardian.com/world/2023/may/15/example"


def guardian_page(
    *,
    og_type: str = "article",
    content_type: str = "Article",
    ld_type: str = "NewsArticle",
    canonical: str = URL,
    body: str = "<p>The first paragraph of the story.</p>",
    title: str = "Example headline | World news | The Guardian",
) -> str:
    """A page shaped like a dotcom-rendering page: OG and article meta, JSON-LD, the
    window.guardian config with its contentType, and the article body element."""
    ld = json.dumps(
        [
            {
                "@type": ld_type,
                "@context": "https://schema.org",
                "@id": canonical,
                "headline": "Example headline",
                "datePublished": "2023-05-15T11:50:54.000Z",
                "author": [{"@type": "Person", "name": "Jane Doe"}],
            }
        ]
    )
    config = json.dumps({"page": {"contentType": content_type, "isFront": og_type == "website"}})
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><link rel="canonical" href="{canonical}">
<meta property="og:url" content="{canonical}"/><meta property="og:type" content="{og_type}"/>
<meta property="og:title" content="Example headline"/>
<meta property="og:site_name" content="the Guardian"/>
<script type="application/ld+json">{ld}</script>
<script>window.guardian = {{"config": {config}}};</script></head>
<body><main><article><div data-gu-name="headline"><h1>Example headline</h1></div>
<div data-gu-name="body"><div class="article-body-commercial-selector">{body}</div></div>
</article></main></body></html>"""


def test_the_sample_page_itself_is_an_article() -> None:
    # Control: the samples below differ from this one only in what makes them no article.
    result = GuardianExtractor().extract(guardian_page(), URL)
    assert result["title"] == "Example headline"
    assert result["paragraphs"] == ["The first paragraph of the story."]
    assert result["authors"] == ["Jane Doe"]


FRONT = "<ul><li><a href='/world/1'>One story</a></li><li><a href='/world/2'>Two</a></li></ul>"
SAMPLES = {
    "section front": (
        guardian_page(
            og_type="website",
            content_type="Section",
            ld_type="WebPage",
            canonical="https://www.theguardian.com/world",
            body=FRONT,
        ),
        "front",
    ),
    "network front": (
        guardian_page(
            og_type="website",
            content_type="Network Front",
            ld_type="WebPage",
            canonical="https://www.theguardian.com/uk",
            body=FRONT,
        ),
        "front",
    ),
    "gallery (JSON-LD)": (guardian_page(ld_type="ImageGallery", content_type="Gallery"), "gallery"),
    "gallery (config only)": (
        guardian_page(
            ld_type="WebPage",
            content_type="Gallery",
            canonical="https://www.theguardian.com/world/gallery/2023/may/15/x",
        ),
        "gallery",
    ),
    "video": (guardian_page(ld_type="VideoObject", content_type="Video", og_type="video"), "video"),
    "audio": (guardian_page(ld_type="AudioObject", content_type="Audio"), "audio"),
    "crossword": (
        guardian_page(
            ld_type="WebPage",
            content_type="Crossword",
            canonical="https://www.theguardian.com/crosswords/cryptic/29000",
        ),
        "crossword",
    ),
    "video by URL (R2, no JSON-LD)": (
        guardian_page(
            ld_type="WebPage",
            content_type="",
            canonical="http://www.guardian.co.uk/world/video/2012/jan/27/x",
        ),
        "video",
    ),
    "404 page": (
        "<!doctype html><html><head><title>Page not found | The Guardian</title></head>"
        "<body><h1>Sorry – the page you have requested does not exist</h1>"
        "<p>You may have followed an outdated link.</p></body></html>",
        "error page",
    ),
    "no body element": (guardian_page().replace("article-body-commercial-selector", "x"), "no "),
    "empty body": (
        guardian_page(body="<p> </p><figure><figcaption>A caption</figcaption></figure>"),
        "no text",
    ),
    "empty file": (b"", "empty"),
    "blank file": (b" \n\t ", "empty"),
    "invalid bytes": (random.Random(7).randbytes(4096), "binary"),
    "PNG image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary"),
}


@pytest.mark.parametrize("html, word", SAMPLES.values(), ids=SAMPLES.keys())
def test_not_an_article(html: str | bytes, word: str) -> None:
    with pytest.raises(NotAnArticle) as info:
        GuardianExtractor().extract(html, URL)
    assert word in info.value.reason


REAL_NON_GUARDIAN = [
    "pages/bbc/fundus--BBC_2024_08_01.html",
    "pages/nytimes/wpp--heres-how-to-watch-as-the-convention-wraps-up.html",
    "pages/telegraph/readability--telegraph.html",
    "feeds/rss-parser--guardian.rss",
    "feeds/crawler-commons--hebdenbridgetimes-articles-sitemap.xml",
]


@pytest.mark.parametrize("name", REAL_NON_GUARDIAN)
def test_real_pages_that_are_not_guardian_articles(corpus: Path, name: str) -> None:
    with pytest.raises(NotAnArticle) as info:
        GuardianExtractor().extract((corpus / name).read_bytes(), "https://example.org/a")
    assert info.value.reason


def test_real_guardian_page_with_its_body_removed(corpus: Path) -> None:
    page = corpus / "pages" / "guardian" / "wpp--cop27-egypt-climate-disaster-funds.html"
    html = page.read_bytes().replace(b"article-body-commercial-selector", b"gone")
    with pytest.raises(NotAnArticle, match="no Guardian article body"):
        GuardianExtractor().extract(html, URL)


def test_legacy_charset_declared_or_not() -> None:
    text = guardian_page(body="<p>“Curly” quotes – and £5 café</p>")
    declared = text.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252")
    undeclared = text.replace('<meta charset="utf-8">', "").encode("cp1252")
    for html in (declared, undeclared):
        assert GuardianExtractor().extract(html, URL)["paragraphs"] == [
            "“Curly” quotes – and £5 café"
        ]


def test_a_stray_bad_byte_does_not_spoil_a_real_page(corpus: Path) -> None:
    page = corpus / "pages" / "guardian" / "fundus--93f8a510-TheGuardian.html"
    clean = GuardianExtractor().extract(page.read_bytes(), URL)
    damaged = page.read_bytes().replace(b"<title>", b"<title>\xff", 1)
    result = GuardianExtractor().extract(damaged, URL)
    assert result["paragraphs"] == clean["paragraphs"]
    assert result["title"] == clean["title"]
