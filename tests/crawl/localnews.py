"""Pages of a made-up news site that no outlet module knows, for generic-extractor crawls."""

from __future__ import annotations

import json

PARAGRAPHS = [
    "The city council voted on Monday to close the old harbour bridge to cars from March.",
    "Councillors argued for three hours before the vote, which passed by nine votes to six.",
    "The bridge, built in 1931, has needed emergency repairs twice in the past two years.",
    "Cyclists and pedestrians will still be able to cross while the works are carried out.",
    "The mayor said the decision was the hardest the council had taken this year.",
    "A public meeting on the new bus routes will be held at the town hall next week.",
]


def article(
    headline: str = "Council votes to close harbour bridge",
    paragraphs: list[str] | None = None,
    author: str = "Ann Lee",
) -> str:
    """An article page any sensible generic extractor reads: JSON-LD NewsArticle, an
    <h1>, the body as <p> inside <article>, and site chrome around it."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "author": {"@type": "Person", "name": author},
        "datePublished": "2026-11-02T09:00:00+00:00",
    }
    body = "".join(f"<p>{p}</p>" for p in (PARAGRAPHS if paragraphs is None else paragraphs))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{headline} | Local News</title>"
        f"<meta property='og:title' content='{headline}'>"
        f"<script type='application/ld+json'>{json.dumps(data)}</script></head>"
        "<body><nav><a href='/'>Home</a></nav><main>"
        f"<article><h1>{headline}</h1><div class='byline'>By {author}</div>{body}</article>"
        "</main><footer>Local News</footer></body></html>"
    )


def feed(base: str, paths: list[str]) -> str:
    items = "".join(f"<item><title>t</title><link>{base}{p}</link></item>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Local</title>'
        f"<link>{base}/</link><description>d</description>{items}</channel></rss>"
    )
