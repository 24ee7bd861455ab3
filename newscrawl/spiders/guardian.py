"""The Guardian: where to discover its articles and which URLs are articles."""

from __future__ import annotations

import re

from newscrawl.spiders.base import NewsSpider

_DATE = r"\d{4}/[a-z]{3}/\d{2}"


class GuardianSpider(NewsSpider):
    """Discovers from the news sitemap, section and edition RSS feeds and the edition
    fronts; re-checks due articles."""

    name = "guardian"
    site = "https://www.theguardian.com"
    allowed_domains: list[str] = []
    sitemap_paths = ("/sitemaps/news.xml",)
    feed_paths = (
        "/uk/rss",
        "/world/rss",
        "/us-news/rss",
        "/politics/rss",
        "/business/rss",
        "/environment/rss",
        "/us/rss",
        "/au/rss",
        "/international/rss",
    )
    front_paths = ("/uk", "/us", "/au", "/international")
    article_path = re.compile(rf"^/[a-z0-9-]+(?:/[a-z0-9-]+)*/{_DATE}/[a-z0-9-]+/?$")
    live_path = re.compile(rf"/live/{_DATE}/")
    excluded_path = re.compile(
        r"/(?:video|audio|gallery|picture|crosswords|ng-interactive|interactive)/"
        r"|/(?:all|index)$|/podcasts?/"
    )
