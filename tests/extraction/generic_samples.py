"""Made-up pages of a site no module knows, for the generic extractor's tests."""

from __future__ import annotations

import json
from typing import Any

URL = "https://news.example.org/world/2024/05/01/harbour-bridge-reopens"
PARAGRAPHS = [
    "The harbour bridge reopened to traffic on Wednesday morning, three years after a "
    "barge struck one of its piers and forced the city to close it for repairs.",
    "Engineers replaced two of the bridge's steel girders and strengthened the damaged "
    "pier, the city's transport department said in a statement.",
    "Commuters had faced detours of up to forty minutes while the work went on, and local "
    "shops on both banks said they had lost customers.",
    "The mayor, who cut a ribbon at the eastern end of the bridge, thanked the crews who "
    "had worked through two winters to finish the job.",
    "A second phase of the repairs, to the pedestrian walkway, is due to finish next "
    "spring, according to the department.",
]
SUBHEADING = "What happens next"
CORRECTION = "This article was amended on 2 May 2024 to correct the length of the closure."
LD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Harbour bridge reopens after three years",
    "datePublished": "2024-05-01T08:30:00+01:00",
    "dateModified": "2024-05-02T10:00:00+01:00",
    "author": [{"@type": "Person", "name": "Ana Lima"}, {"@type": "Person", "name": "Tom Hart"}],
    "articleSection": "World",
    "description": "The city's busiest crossing is open again.",
}


def body_html(paragraphs: list[str] = PARAGRAPHS, extra: str = "") -> str:
    """An article body: paragraphs, a sub-heading before the last one, a correction."""
    ps = [f"<p>{p}</p>" for p in paragraphs]
    if len(ps) > 1:
        ps.insert(len(ps) - 1, f"<h2>{SUBHEADING}</h2>")
    return "".join(ps) + extra + f"<p><em>{CORRECTION}</em></p>"


def page(
    *,
    ld: Any = LD,
    ld_raw: str | None = None,
    head: str = '<meta property="og:type" content="article"/>',
    body: str | None = None,
    title: str = "Harbour bridge reopens after three years | Example News",
    canonical: str = URL,
    h1: str = "Harbour bridge reopens after three years",
) -> str:
    """A news page: JSON-LD (``ld``, or ``ld_raw`` as it is), ``head`` meta, a site header
    and footer around an ``<article>`` with an ``<h1>`` and the body."""
    script = ld_raw if ld_raw is not None else (json.dumps(ld) if ld is not None else None)
    ld_tag = f'<script type="application/ld+json">{script}</script>' if script else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><link rel="canonical" href="{canonical}">
<meta property="og:site_name" content="Example News"/>{head}{ld_tag}</head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
</nav></header><main><article><h1>{h1}</h1>
<div class="article-body">{body if body is not None else body_html()}</div></article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Another story</a></li>
<li><a href="/b">Yet another story</a></li></ul></aside></main>
<footer><p>© Example News. All rights reserved.</p></footer></body></html>"""


FRONT_LINKS = "".join(
    f'<h3><a href="/world/2024/05/0{i}/story-{i}">Story number {i} of the day</a></h3>'
    for i in range(1, 8)
)
