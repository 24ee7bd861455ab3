"""Made-up pages shaped like each outlet's, and variants of them that are not articles."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

GUARDIAN_URL = "https://www.theguardian.com/world/2023/may/15/example"
BBC_URL = "https://www.bbc.co.uk/news/articles/c0000000000o"
BBC_BODY = (
    '<div data-component="text-block"><p><b>The lead of the story.</b></p>'
    "<p>The first paragraph of the story.</p></div>"
)


def guardian_page(
    *,
    og_type: str = "article",
    content_type: str = "Article",
    ld_type: str = "NewsArticle",
    canonical: str = GUARDIAN_URL,
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


def bbc_page(
    *,
    og_type: str = "article",
    ld_type: str = "NewsArticle",
    canonical: str = BBC_URL,
    body: str = BBC_BODY,
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


# Not pages at all: every outlet refuses them alike.
NO_PAGES = {
    "empty file": (b"", "empty"),
    "invalid bytes": (random.Random(7).randbytes(4096), "binary"),
}
GUARDIAN_FRONT = (
    "<ul><li><a href='/world/1'>One story</a></li><li><a href='/world/2'>Two</a></li></ul>"
)
BBC_FRONT = (
    "<ul><li><a href='/news/world-1'>One story</a></li><li><a href='/news/uk-2'>Two</a></li></ul>"
)
GUARDIAN_NOT_ARTICLES = {
    "section front": (
        guardian_page(
            og_type="website",
            content_type="Section",
            ld_type="WebPage",
            canonical="https://www.theguardian.com/world",
            body=GUARDIAN_FRONT,
        ),
        "front",
    ),
    "network front": (
        guardian_page(
            og_type="website",
            content_type="Network Front",
            ld_type="WebPage",
            canonical="https://www.theguardian.com/uk",
            body=GUARDIAN_FRONT,
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
    **NO_PAGES,
    "blank file": (b" \n\t ", "empty"),
    "PNG image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary"),
}
BBC_NOT_ARTICLES = {
    "news front": (
        bbc_page(
            og_type="website",
            ld_type="WebPage",
            canonical="https://www.bbc.co.uk/news",
            body=BBC_FRONT,
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
    **NO_PAGES,
}


@dataclass(frozen=True)
class OutletSamples:
    """One outlet's made-up pages, and the real pages its refusals are tried on."""

    name: str
    url: str
    article: str
    """A page that is an article; the pages that are not differ from it only in that."""
    article_fields: dict[str, Any]
    not_articles: dict[str, tuple[str | bytes, str]]
    """Pages that are not articles: name -> (page, a word of the reason)."""
    live: str
    one_paragraph: Callable[[str], str]
    """``article`` with one body paragraph of the given text."""
    refused_by_others: str
    """A real article of the outlet (under the corpus) that no other outlet takes."""
    damaged_page: str
    """A real article that a stray bad byte must not spoil."""
    bodyless_pages: tuple[str, ...]
    body_markers: tuple[bytes, ...]
    """Marks of the body element in real pages: without them there is no body."""
    no_body: str


GUARDIAN = OutletSamples(
    name="guardian",
    url=GUARDIAN_URL,
    article=guardian_page(),
    article_fields={
        "title": "Example headline",
        "paragraphs": ["The first paragraph of the story."],
        "authors": ["Jane Doe"],
    },
    not_articles=GUARDIAN_NOT_ARTICLES,
    live=guardian_page(ld_type="LiveBlogPosting"),
    one_paragraph=lambda text: guardian_page(body=f"<p>{text}</p>"),
    refused_by_others="pages/guardian/wpp--cop27-egypt-climate-disaster-funds.html",
    damaged_page="pages/guardian/fundus--93f8a510-TheGuardian.html",
    bodyless_pages=("wpp--cop27-egypt-climate-disaster-funds",),
    body_markers=(b"article-body-commercial-selector",),
    no_body="no Guardian article body",
)
BBC = OutletSamples(
    name="bbc",
    url=BBC_URL,
    article=bbc_page(),
    article_fields={
        "title": "Example headline",
        "standfirst": "The lead of the story.",
        "paragraphs": ["The first paragraph of the story."],
        "authors": ["Jane Doe"],
        "is_live": False,
    },
    not_articles=BBC_NOT_ARTICLES,
    live=bbc_page(ld_type="LiveBlogPosting", canonical="https://www.bbc.co.uk/news/live/world-1"),
    one_paragraph=lambda text: bbc_page(
        body=f'<div data-component="text-block"><p>{text}</p></div>'
    ),
    refused_by_others="pages/bbc/fundus--BBC_2024_08_01.html",
    damaged_page="pages/bbc/wpp--31014941.html",
    bodyless_pages=("wpp--cden3j9d1r7o", "wpp--31014941", "wpp--8011268.stm"),
    body_markers=(
        b'data-component="text-block"',
        b"story-body",
        b'"articleBody"',
        b"<!-- S BO -->",
    ),
    no_body="no BBC article body",
)
OUTLETS = (GUARDIAN, BBC)
# Real pages of no outlet here, and feeds: every outlet refuses them.
NOT_OURS = (
    "pages/nytimes/wpp--heres-how-to-watch-as-the-convention-wraps-up.html",
    "pages/telegraph/readability--telegraph.html",
    "feeds/rss-parser--guardian.rss",
    "feeds/crawler-commons--hebdenbridgetimes-articles-sitemap.xml",
)
