"""Discovery documents of the replayed site: news sitemap, RSS feeds, fronts, robots.txt."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import format_datetime
from html import escape

from lxml import etree

from newscrawl.replay.world import ArticleState

EDITIONS = ("uk", "us", "au", "international")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
DC_NS = "http://purl.org/dc/elements/1.1/"
SITEMAP_WINDOW = timedelta(days=2)  # Google News sitemaps list the last two days
FEED_LIMIT = 100
# Links a front carries that are never articles: a crawl must not fetch them.
DECOYS = (
    "/video/2024/may/01/replay-newsroom-video",
    "/gallery/2024/may/01/replay-newsroom-gallery",
    "/crosswords/cryptic/29999",
)

ROBOTS_TXT = b"User-agent: *\nAllow: /\n"


def listed(states: Iterable[ArticleState], section: str | None = None) -> list[ArticleState]:
    """Published articles (of one section), newest first."""
    chosen = [s for s in states if s.listed and (section is None or s.section == section)]
    return sorted(chosen, key=lambda s: (-(s.published.timestamp() if s.published else 0), s.path))


def news_sitemap(
    states: Iterable[ArticleState], base: str, now: datetime, lastmod: str = "honest"
) -> bytes:
    """A Google News sitemap of the articles published in the last two days; each
    ``<lastmod>`` is the article's last change (``honest``), the time of this fetch
    (``render``), or left out (``never``)."""
    nsmap = {None: SITEMAP_NS, "news": NEWS_NS}
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap=nsmap)
    for state in listed(states):
        if state.published is None or now - state.published > SITEMAP_WINDOW:
            continue
        url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = base + state.path
        shown = {"honest": state.modified, "render": now}.get(lastmod)
        if shown:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = shown.isoformat()
        news = etree.SubElement(url, f"{{{NEWS_NS}}}news")
        publication = etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        etree.SubElement(publication, f"{{{NEWS_NS}}}name").text = "The Guardian"
        etree.SubElement(publication, f"{{{NEWS_NS}}}language").text = "en"
        etree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = state.published.isoformat()
        etree.SubElement(news, f"{{{NEWS_NS}}}title").text = state.content.headline
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def rss(states: Iterable[ArticleState], base: str, now: datetime, feed: str) -> bytes:
    """RSS 2.0 for an edition (all articles) or a section (its articles)."""
    section = None if feed in EDITIONS else feed
    rss_el = etree.Element("rss", version="2.0", nsmap={"dc": DC_NS})
    channel = etree.SubElement(rss_el, "channel")
    name = feed.replace("-", " ").title() if section else feed.upper()
    etree.SubElement(channel, "title").text = f"{name} | The Guardian"
    etree.SubElement(channel, "link").text = f"{base}/{feed}"
    etree.SubElement(channel, "description").text = f"Latest {name} news from the Guardian"
    etree.SubElement(channel, "language").text = "en-gb"
    etree.SubElement(channel, "pubDate").text = format_datetime(now, usegmt=True)
    for state in listed(states, section)[:FEED_LIMIT]:
        item = etree.SubElement(channel, "item")
        etree.SubElement(item, "title").text = state.content.headline
        etree.SubElement(item, "link").text = base + state.path
        etree.SubElement(item, "description").text = state.content.paras[0].text
        etree.SubElement(item, "category").text = state.section
        if state.published:
            etree.SubElement(item, "pubDate").text = format_datetime(state.published, usegmt=True)
        etree.SubElement(item, "guid").text = base + state.path
    return etree.tostring(rss_el, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _page(title: str, body: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | The Guardian</title></head>\n<body>{body}</body></html>\n"
    ).encode()


def front(states: Iterable[ArticleState], base: str, name: str) -> bytes:
    """An edition or section front: links to its articles (and a few non-articles)."""
    section = None if name in EDITIONS else name
    links = [
        f'<li><a href="{escape(base + s.path)}">{escape(s.content.headline)}</a></li>'
        for s in listed(states, section)[:FEED_LIMIT]
    ]
    links += [f'<li><a href="{base}{path}">{path.split("/")[1]}</a></li>' for path in DECOYS]
    return _page(name, f"<main><h2>{escape(name)}</h2><ul>{''.join(links)}</ul></main>")


def not_article_page(path: str) -> bytes:
    """What a URL serves when it stops being an article: a video page, no story text."""
    return _page(
        "Video",
        f'<main data-path="{escape(path)}"><video src="/media/clip.mp4" controls></video>'
        "<p>Watch the video</p></main>",
    )


def error_page(status: int) -> bytes:
    return _page(f"{status}", f"<main><p>Sorry - the page you requested ({status}).</p></main>")
