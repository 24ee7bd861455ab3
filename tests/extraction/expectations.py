"""What the corpus tests expect of each outlet's extractor, beyond the sidecars."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OutletExpectations:
    """One outlet's corpus, as its tests see it."""

    name: str
    url: str
    """A URL of the outlet, for pages read without their own."""
    min_pages: int
    templates: dict[bytes, str]
    """A marker in the HTML of each template the corpus must hold -> template name."""
    junk: tuple[str, ...]
    """Page furniture that must never be read as body text (compared ignoring case)."""
    live_pages: frozenset[str] = frozenset()
    not_articles: dict[str, str] = field(default_factory=dict)
    """Corpus pages that are not articles by design -> a word of the reason."""
    same_text_cases: tuple[str, ...] = ()
    """Version cases whose captures carry the same article text."""


GUARDIAN = OutletExpectations(
    name="guardian",
    url="https://www.theguardian.com/x",
    min_pages=14,
    templates={
        b'data-gu-name="body"': "DCR",
        b"js-article__body": "frontend",
        b'id="article-body-blocks"': "R2",
    },
    junk=(
        "First published on",
        "Last modified on",
        "explainerText",
        "Sign up to",
        "Read more",
        "Share on Facebook",
        "Photograph:",
        "Reuse this content",
    ),
    live_pages=frozenset(
        {"fundus--3179e720-TheGuardian_2023_05_15", "wpp--syria-libya-middle-east-unrest-live"}
    ),
    # Two templates for boris-johnson; a sidebar change and an injected script for
    # anger-grows.
    same_text_cases=("guardian-boris-johnson-apologises", "guardian-anger-grows-rbs-chiefs-bonus"),
)

BBC = OutletExpectations(
    name="bbc",
    url="https://www.bbc.co.uk/news/x",
    min_pages=25,
    templates={
        b"<!-- S BO -->": ".stm",
        b'class="story-body"': "story-body",
        b"story-body__inner": "story-body__inner",
        b'data-component="text-block"': "current",
    },
    junk=(
        "Media caption",
        "Image caption",
        "Image copyright",
        "Image source",
        "Related Topics",
        "More on this story",
        "Share this page",
        "Continue reading the main story",
        "Last updated at",
        "E-mail this to a friend",
        "Printable version",
        "Please turn on JavaScript",
        "Bookmark with",
        "Add your comments",
        "fans by liking us on Facebook",
        "sign up for the weekly bbc.com features newsletter",
        "Posted at",
        "Copyright:",
    ),
    # /news/av/ pages are video pages with a short write-up: not articles, by design (the
    # spider never follows them either), so their sidecars are not checked field by field.
    not_articles={"wpp--61896381": "video"},
    live_pages=frozenset({"postlight--www.bbc.com--1589289678589"}),
)

REUTERS = OutletExpectations(
    name="reuters",
    url="https://www.reuters.com/article/x",
    min_pages=8,
    templates={
        b'data-testid="paragraph-0"': "2021",
        b'class="ArticleBodyWrapper"': "2018",
        b'<span id="article-text">': "2016",
        b'<span id="articleText">': "2014",
    },
    junk=(
        "Min Read",
        "Related Coverage",
        "Our Standards",
        "Trust Principles",
        "Trending On Reuters",
        "Factbox:",
        "Reuters TV",
        ".DXY",
    ),
)

APNEWS = OutletExpectations(
    name="apnews",
    url="https://apnews.com/article/x",
    min_pages=4,
    templates={b"RichTextStoryBody": "2023", b'class="Article"': "2020"},
    junk=("ADVERTISEMENT", "AP Photo", "Copyright", "Share This", "Related Stories"),
)

CNN = OutletExpectations(
    name="cnn",
    url="https://www.cnn.com/2016/01/01/x/index.html",
    min_pages=11,
    templates={
        b'class="article__content"': "2022",
        b"zn-body__paragraph": "2014",
        b'id="storytext"': "money.cnn.com",
        b"cnn_storypgraphtxt": "2011",
        b'class="cnn_storyarea"': "2010",
    },
    junk=(
        "Comments »",
        "SHARE THIS",
        "inRead invented by Teads",
        "Loading weather data",
        "Source: CNN",
        "Related:",
        "Powered by SmartAsset",
        "PAID CONTENT",
        "First published",
    ),
)

OUTLETS = (GUARDIAN, BBC, REUTERS, APNEWS, CNN)
