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
    folder: str = ""
    """The outlet's corpus folder, when it is not the outlet's name."""

    @property
    def corpus_folder(self) -> str:
        return self.folder or self.name


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

INDEPENDENT = OutletExpectations(
    name="independent",
    url="https://www.independent.co.uk/news/x-b1.html",
    min_pages=9,
    templates={
        b'class="widget storyContent': "2014",
        b'class="full-article"': "2015",
        b'id="main"': "2020s",
    },
    junk=(
        "Suggested Topics",
        "More about:",
        "Read more",
        "in pictures",
        "Show all",
        "Sign up to our free",
        "More articles from this journalist",
        "Subscribe to Independent Premium",
        "Recommended",
    ),
    live_pages=frozenset({"fundus--4b656d8b-TheIndependent_2023_08_14"}),
)

RT = OutletExpectations(
    name="rt",
    url="https://www.rt.com/news/1-x/",
    min_pages=3,
    templates={
        b'<time class="date date_article-header">': "2016",
        b'<span class="date date_article-header">': "2022",
    },
    junk=("Read more", "READ MORE:", "Get short URL", "pic.twitter.com", "(@"),
)

THEINTERCEPT = OutletExpectations(
    name="theintercept",
    url="https://theintercept.com/2024/01/01/x/",
    min_pages=6,
    templates={
        b'class="ti-body"': "firstlook",
        b'class="PostContent"': "react",
        b"entry-content__content": "wordpress",
    },
    junk=(
        "Contact the author",
        "Photo:",
        "Photos:",
        "Join Our Newsletter",
        "We depend on the support",
    ),
)

IRISHTIMES = OutletExpectations(
    name="irishtimes",
    folder="irishtimes-com",
    url="https://www.irishtimes.com/news/x",
    min_pages=1,
    templates={b'class="headline-info"': "2012"},
    junk=("FIONA REDDAN", "Related", "Kingspan to spend"),
)

RTE = OutletExpectations(
    name="rte",
    folder="rte-ie",
    url="https://www.rte.ie/news/x",
    min_pages=1,
    templates={b'id="storyBody"': "2012"},
    junk=("Keywords:", "Updated:", "Print View", "Tweet"),
)

TELEGRAPH = OutletExpectations(
    name="telegraph",
    url="https://www.telegraph.co.uk/news/2024/01/01/x/",
    min_pages=5,
    templates={
        b'id="mainBodyArea"': "2014",
        b'<article itemprop="articleBody"': "2017",
        b"articleBodyText": "2020s",
    },
    junk=("More stories", "Follow us on", "Related Topics", "Advertisement", "Subscribe"),
)

CNBC = OutletExpectations(
    name="cnbc",
    url="https://www.cnbc.com/2019/03/18/x.html",
    min_pages=9,
    templates={
        b'id="cnbc_textbody"': "2011",
        b'id="article_body"': "2016",
        b"ArticleBody-articleBody": "2019 onwards",
    },
    junk=("watch now", "VIDEO", "Getty Images", "More from", "Key Points", "Questions?", "© 2011"),
    # A 2019 capture and a 2022 re-capture: page furniture changed, not the story. (The
    # coals case has no Key Points, so no standfirst: tests/diffing compares its captures.)
    same_text_cases=("cnbc-cybersecurity-vendors-hacking-news-cycle",),
)

FOXNEWS = OutletExpectations(
    name="foxnews",
    url="https://www.foxnews.com/politics/x-y-z",
    min_pages=4,
    templates={
        b"KonaBody": "2010",
        b'itemprop="articleBody"': "2014",
        b'class="article-body"': "2023",
    },
    junk=("Like us on Facebook", "Follow us on Twitter", "CLICK HERE", "Fox News App"),
)

NYTIMES = OutletExpectations(
    name="nytimes",
    url="https://www.nytimes.com/2020/01/01/us/x.html",
    min_pages=18,
    templates={
        b'class="articleHeadline"': "2012",
        b'class="story-body-text': "2014-2017",
        b"StoryBodyCompanionColumn": "2018 onwards",
        b'class="g-headline': "interactive feature",
    },
    junk=(
        "Continue reading the main story",
        "A version of this article appears in print",
        "Supported by",
        "Updated Sept. 2, 2020",
        "is a Metro reporter covering",
        "Follow The New York Times",
        "Sign up for",
        "Credit...",
        "Image Credit",
    ),
)

WASHINGTONPOST = OutletExpectations(
    name="washingtonpost",
    url="https://www.washingtonpost.com/world/x/2015/01/01/x_story.html",
    min_pages=9,
    templates={b"<article>": "article (2014-2015)", b'itemprop="articleBody"': "articleBody"},
    junk=(
        "Email Bio Follow",
        "Opinion writer reporting from",
        "[Read:",
        "Getty Images)",
        "(Reuters)",
        "covers the White House. Since joining The Post",
        "Share on Facebook",
    ),
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

OUTLETS = (
    GUARDIAN,
    BBC,
    NYTIMES,
    WASHINGTONPOST,
    INDEPENDENT,
    RT,
    THEINTERCEPT,
    IRISHTIMES,
    RTE,
    TELEGRAPH,
    CNBC,
    FOXNEWS,
    REUTERS,
    APNEWS,
    CNN,
)
