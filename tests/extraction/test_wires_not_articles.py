"""Reuters, AP News and CNN pages that are not articles, in each outlet's own markup: each
gives ``NotAnArticle`` with a reason a person can read."""

from __future__ import annotations

import json

import pytest

from newscrawl.outlets import NotAnArticle, get_extractor

# The story element of each outlet's current template, around the given paragraphs.
BODIES = {
    "reuters": '<div class="ArticleBodyWrapper">{}</div>',
    "apnews": '<div class="RichTextStoryBody RichTextBody">{}</div>',
    "cnn": '<div class="article__content">{}</div>',
}
URLS = {
    "reuters": "https://www.reuters.com/world/asia-pacific/harbour-bridge-reopens-2024-05-01/",
    "apnews": "https://apnews.com/article/harbour-bridge-0123456789abcdef0123456789abcdef",
    "cnn": "https://www.cnn.com/2024/05/01/world/harbour-bridge-reopens/index.html",
}
LEAD = (
    "The harbour bridge reopened to traffic on Wednesday morning, three years after a barge "
    "struck one of its piers and forced the city to close it for repairs."
)


def page(
    outlet: str,
    paragraphs: list[str],
    *,
    title: str = "Harbour bridge reopens",
    og_type: str = "article",
    ld_type: str = "NewsArticle",
    extra: str = "",
) -> str:
    """A page of ``outlet``'s markup: JSON-LD of ``ld_type`` (``extra`` JSON merged into a
    NewsArticle's), ``og:type``, the headline and the story element."""
    ld = {"@context": "https://schema.org", "@type": ld_type, "headline": title}
    if ld_type == "NewsArticle" and extra:
        ld.update(json.loads(extra))
    body = BODIES[outlet].format("".join(f"<p>{p}</p>" for p in paragraphs))
    return (
        f'<html><head><title>{title}</title><meta property="og:type" content="{og_type}">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f"<body><h1>{title}</h1>{body}</body></html>"
    )


CASES = {
    "video": (dict(og_type="video.other"), [LEAD], "video"),
    "paywall stub": (
        {},
        [LEAD, "Subscribe now to continue reading this story and all of our coverage."],
        "paywall",
    ),
    "teaser of a story not free": (
        dict(extra='{"isAccessibleForFree": false, "wordCount": 900}'),
        [LEAD],
        "paywall",
    ),
    "error page": (dict(title="Page not found", ld_type="WebPage"), ["Sorry."], "error page"),
    "front": (dict(ld_type="CollectionPage"), [LEAD], "front"),
    "empty story": ({}, [], "no text|no headline|front or stub"),
}


@pytest.mark.parametrize("outlet", sorted(BODIES))
@pytest.mark.parametrize("case", sorted(CASES))
def test_not_an_article(outlet: str, case: str) -> None:
    options, paragraphs, reason = CASES[case]
    html = page(outlet, paragraphs, **options)
    with pytest.raises(NotAnArticle, match=reason):
        get_extractor(outlet).extract(html, URLS[outlet])


@pytest.mark.parametrize("outlet", sorted(BODIES))
def test_the_same_markup_with_a_story_is_an_article(outlet: str) -> None:
    # The markup above is read as an article once it holds one: what refuses is the case.
    paragraphs = [f"{LEAD} Paragraph {i} adds what the engineers said." for i in range(12)]
    result = get_extractor(outlet).extract(page(outlet, paragraphs), URLS[outlet])
    assert result["title"] == "Harbour bridge reopens"
    assert result["paragraphs"] == paragraphs
