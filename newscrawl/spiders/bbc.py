"""BBC News: where to discover its articles and which URLs are articles."""

from __future__ import annotations

import re

from newscrawl.spiders.base import NewsSpider


class BBCSpider(NewsSpider):
    """Discovers from the BBC News RSS feeds and the News front; re-checks due articles."""

    name = "bbc"
    site = "https://www.bbc.co.uk"
    allowed_domains: list[str] = []
    feed_paths = (
        "/news/rss.xml",
        "/news/world/rss.xml",
        "/news/uk/rss.xml",
        "/news/politics/rss.xml",
        "/news/business/rss.xml",
    )
    front_paths = ("/news",)
    # /news/world-us-canada-32275608 (2010 onwards) and /news/articles/cden3j9d1r7o (2023).
    article_path = re.compile(r"^/news/(?:[a-z0-9_]+(?:-[a-z0-9_]+)*-\d{6,}|articles/[a-z0-9]+)/?$")
    live_path = re.compile(r"^/news/live/")
    excluded_path = re.compile(r"^/(?:news/av|sport|iplayer|sounds)/")
