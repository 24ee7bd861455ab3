"""Pages the BBC extractor must refuse with NotAnArticle, and a clear reason."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newscrawl.outlets.base import NotAnArticle
from newscrawl.outlets.bbc import BBCExtractor

URL = "https://www.bbc.co.uk/news/articles/c0000000000o"


def bbc_page(
    *,
    og_type: str = "article",
    ld_type: str = "NewsArticle",
    canonical: str = URL,
    body: str = '<div data-component="text-block"><p><b>The lead of the story.</b></p>'
    "<p>The first paragraph of the story.</p></div>",
    extra_meta: str = "",
) -> str:
    """A page shaped like a current BBC News article: OG meta, JSON-LD and an <article>
    of data-component blocks."""
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": ld_type,
            "url": canonical,
            "headline": "Example headline",
            "datePublished": "2024-09-30T11:44:06.467Z",
            "author": [{"@type": "Person", "name": "Jane Doe"}],
        }
    )
    return f"""<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Example headline - BBC News</title><link rel="canonical" href="{canonical}">
<meta property="og:url" content="{canonical}"/><meta property="og:type" content="{og_type}"/>
<meta property="og:site_name" content="BBC News"/>{extra_meta}
<script type="application/ld+json">{ld}</script></head>
<body><main><article><div data-component="headline-block"><h1>Example headline</h1></div>
<div data-component="byline-block"><span>Jane Doe</span></div>
<figure><div data-component="image-block"><span>Getty Images</span></div>
<div data-component="caption-block"><figcaption>A caption</figcaption></div></figure>
{body}<div data-component="tags"><a href="/news/topics/x">Related Topics</a></div>
</article></main></body></html>"""


def test_the_sample_page_itself_is_an_article() -> None:
    # Control: the samples below differ from this one only in what makes them no article.
    result = BBCExtractor().extract(bbc_page(), URL)
    assert result["title"] == "Example headline"
    assert result["standfirst"] == "The lead of the story."
    assert result["paragraphs"] == ["The first paragraph of the story."]
    assert result["authors"] == ["Jane Doe"]
    assert result["is_live"] is False


FRONT = (
    "<ul><li><a href='/news/world-1'>One story</a></li><li><a href='/news/uk-2'>Two</a></li></ul>"
)
SAMPLES = {
    "news front": (
        bbc_page(
            og_type="website", ld_type="WebPage", canonical="https://www.bbc.co.uk/news", body=FRONT
        ),
        "front",
    ),
    "front (CollectionPage)": (bbc_page(og_type="website", ld_type="CollectionPage"), "front"),
    "front (old CPS index)": (
        bbc_page(
            ld_type="WebPage", og_type="", extra_meta='<meta name="CPS_ASSET_TYPE" content="IDX"/>'
        ),
        "front",
    ),
    "video page (JSON-LD)": (bbc_page(ld_type="VideoObject", og_type="website"), "video"),
    "video page (URL /news/av/)": (
        bbc_page(ld_type="WebPage", og_type="", canonical="https://www.bbc.co.uk/news/av/uk-1"),
        "video",
    ),
    "live page without an article body": (
        bbc_page(
            ld_type="LiveBlogPosting", canonical="https://www.bbc.co.uk/news/live/world-1", body=""
        ),
        "no BBC article body",
    ),
    "not a BBC page": (
        bbc_page().replace("bbc.co.uk", "example.org").replace("BBC News", "Example News"),
        "not a BBC page",
    ),
    "no body element": (bbc_page().replace('data-component="text-block"', 'class="x"'), "no BBC"),
    "empty body": (bbc_page(body='<div data-component="text-block"><p> </p></div>'), "no text"),
    "empty file": (b"", "empty"),
    "invalid bytes": (random.Random(7).randbytes(4096), "binary"),
}


@pytest.mark.parametrize("html, word", SAMPLES.values(), ids=SAMPLES.keys())
def test_not_an_article(html: str | bytes, word: str) -> None:
    with pytest.raises(NotAnArticle) as info:
        BBCExtractor().extract(html, URL)
    assert word in info.value.reason


def test_live_pages_are_marked_live() -> None:
    live = bbc_page(ld_type="LiveBlogPosting", canonical="https://www.bbc.co.uk/news/live/world-1")
    assert BBCExtractor().extract(live, URL)["is_live"] is True


REAL_NON_BBC = [
    "pages/guardian/wpp--cop27-egypt-climate-disaster-funds.html",
    "pages/nytimes/wpp--heres-how-to-watch-as-the-convention-wraps-up.html",
    "pages/telegraph/readability--telegraph.html",
    "feeds/rss-parser--guardian.rss",
    "feeds/crawler-commons--hebdenbridgetimes-articles-sitemap.xml",
]


@pytest.mark.parametrize("name", REAL_NON_BBC)
def test_real_pages_that_are_not_bbc_articles(corpus: Path, name: str) -> None:
    with pytest.raises(NotAnArticle) as info:
        BBCExtractor().extract((corpus / name).read_bytes(), "https://example.org/a")
    assert info.value.reason


BODY_MARKERS = (b'data-component="text-block"', b"story-body", b'"articleBody"', b"<!-- S BO -->")


@pytest.mark.parametrize("name", ["wpp--cden3j9d1r7o", "wpp--31014941", "wpp--8011268.stm"])
def test_real_bbc_page_with_its_body_removed(corpus: Path, name: str) -> None:
    html = (corpus / "pages" / "bbc" / f"{name}.html").read_bytes()
    BBCExtractor().extract(html, URL)  # control
    for marker in BODY_MARKERS:
        html = html.replace(marker, b"gone")
    with pytest.raises(NotAnArticle, match="no BBC article body"):
        BBCExtractor().extract(html, URL)
