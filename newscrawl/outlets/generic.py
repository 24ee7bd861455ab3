"""TEMPORARY minimal generic extractor (stand-in until the real one lands)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import lxml.html

from newscrawl.outlets.base import Extractor, NotAnArticle
from newscrawl.outlets.common import decode_html


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _json_ld(root: Any) -> dict[str, Any]:
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return item
    return {}


class GenericExtractor(Extractor):
    """Title from JSON-LD, og:title or <h1>; paragraphs: the <p> in <article> or <body>."""

    version = 1

    def __init__(
        self,
        name: str = "generic",
        body_selectors: Sequence[str] = (),
        drop_selectors: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.body_selectors = tuple(body_selectors)
        self.drop_selectors = tuple(drop_selectors)

    def extract(self, html: bytes | str, url: str) -> dict[str, Any]:
        root = lxml.html.fromstring(decode_html(html))
        for selector in self.drop_selectors:
            for element in root.cssselect(selector):
                element.drop_tree()
        data = _json_ld(root)
        og = root.xpath('string(//meta[@property="og:title"]/@content)').strip()
        h1 = root.xpath("//h1")
        title = data.get("headline") or og or (_text(h1[0]) if h1 else "")
        containers = [e for s in self.body_selectors for e in root.cssselect(s)]
        containers = containers or root.xpath("//article") or root.xpath("//body")
        paragraphs = [_text(p) for c in containers for p in c.iter("p") if _text(p)]
        if not title or not paragraphs:
            raise NotAnArticle("no headline or no paragraphs")
        author = data.get("author") or []
        authors = (
            [a.get("name", "") if isinstance(a, dict) else str(a) for a in author]
            if (isinstance(author, list))
            else [author.get("name", "") if isinstance(author, dict) else str(author)]
        )
        return {
            "url": url,
            "canonical_url": None,
            "title": " ".join(str(title).split()),
            "standfirst": None,
            "authors": [a for a in authors if a],
            "published": data.get("datePublished"),
            "modified": data.get("dateModified"),
            "section": None,
            "paragraphs": paragraphs,
            "blocks": [{"type": "paragraph", "text": p} for p in paragraphs],
            "corrections": [],
            "is_live": False,
            "extractor": self.ident,
        }
