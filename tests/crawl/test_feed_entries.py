"""Feed entries read from a cut-down feed: the same links and times as feedparser's
reading of the whole feed, on every feed of the corpus and on the shapes feedparser
treats specially."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from lxml import etree

from newscrawl.signals import feed_signal
from newscrawl.spiders.feeds import _entries_cut_down, feed_entries

FEED_FILES = ("*.xml", "*.rss", "*.atom")


def reading(entries: list) -> list[tuple]:
    """What discovery takes from each entry: its link, its times, its signal."""
    return [
        (e.get("link"), dict.get(e, "updated"), dict.get(e, "dc_modified"), feed_signal(e))
        for e in entries
    ]


def corpus_feeds(corpus: Path) -> list[Path]:
    return sorted(p for pattern in FEED_FILES for p in (corpus / "feeds").glob(pattern))


def test_every_corpus_feed_reads_as_feedparser_reads_it_whole(corpus: Path) -> None:
    feeds = corpus_feeds(corpus)
    assert len(feeds) >= 10
    cut = 0
    for path in feeds:
        body = path.read_bytes()
        assert reading(feed_entries(body)) == reading(feedparser.parse(body).entries), path.name
        cut += _entries_cut_down(body) is not None
    assert cut >= len(feeds) - 2  # all but the ill-formed ones take the short way


def test_a_guardian_feed_is_cut_to_the_elements_that_set_links_and_times(corpus: Path) -> None:
    body = (corpus / "feeds" / "rss-parser--guardian.rss").read_bytes()
    whole = etree.fromstring(body)
    cut = etree.fromstring(_entries_cut_down(body))
    items = len(whole.findall("channel/item"))
    assert items == len(cut.findall("channel/item")) == 55
    assert len(list(whole.iter())) > 15 * items
    # per item: itself, its link, guid and dc:date
    assert len(list(cut.iter())) < 5 * items + len(cut.find("channel"))


RSS = """<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:dcterms="http://purl.org/dc/terms/" xmlns:atom="http://www.w3.org/2005/Atom"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>t</title><link>https://e.com/</link>{items}</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://e.com/news/">
<title>t</title><id>urn:feed</id><updated>2024-06-03T10:00:00Z</updated>{items}</feed>"""

CASES = {
    "link and dates": RSS.format(
        encoding="utf-8",
        items="<item><title>a</title><link>https://e.com/1</link>"
        "<description>&lt;p&gt;x&lt;/p&gt;</description><dc:date>2024-06-03T10:42:00Z</dc:date>"
        "</item><item><link>https://e.com/2</link><dcterms:modified>2024-06-03T10:44:00Z"
        "</dcterms:modified><dc:modified>2024-06-03T10:45:00Z</dc:modified></item>"
        "<item><link> https://e.com/3?a=1&amp;b=2 </link><atom:updated>2024-06-03T10:46:00Z"
        "</atom:updated><lastBuildDate>Mon, 03 Jun 2024 10:47:00 GMT</lastBuildDate></item>",
    ),
    "guid as link": RSS.format(
        encoding="utf-8",
        items="<item><guid>https://e.com/g1</guid></item>"
        '<item><guid isPermaLink="false">tag:e.com,2024:2</guid></item>'
        "<item><guid>https://e.com/g3</guid><link>https://e.com/l3</link></item>"
        "<item><link>https://e.com/l4</link><guid>https://e.com/g4</guid></item>",
    ),
    "atom links in rss": RSS.format(
        encoding="utf-8",
        items='<item><atom:link rel="standout" href="https://e.com/s1"/>'
        "<link>https://e.com/1</link></item>"
        '<item><link>https://e.com/2</link><atom:link href="https://e.com/alt2"/></item>'
        '<item><LINK>https://e.com/3</LINK><source url="https://other.org/rss">o</source>'
        "<content:encoded><![CDATA[<a href='/x'><link>no</link></a>]]></content:encoded></item>",
    ),
    "atom": ATOM.format(
        items='<entry><id>urn:1</id><link rel="enclosure" href="/a.mp3"/>'
        '<link rel="alternate" type="text/html" href="story-1"/>'
        "<updated>2024-06-03T10:45:00Z</updated><summary>s</summary></entry>"
        "<entry><id>https://e.com/news/only-an-id</id><updated>2024-06-03T10:46:00Z</updated>"
        '</entry><entry><link href="https://e.com/3" type="application/pdf"/>'
        '<link href="https://e.com/3.html"/><author><name>n</name><uri>https://e.com/me</uri>'
        "</author></entry>",
    ),
    "atom: links and times inside content and source": ATOM.format(
        items='<entry><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        '<link href="https://e.com/in-content"/><updated>2024-01-01T00:00:00Z</updated></div>'
        '</content><link href="https://e.com/a1"/></entry><entry><source>'
        '<link href="https://src.org/"/><updated>2024-02-01T00:00:00Z</updated></source>'
        '<link href="https://e.com/a2"/></entry>'
    ),
    "rss 1.0": """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://e.com/"><title>t</title><link>https://e.com/</link></channel>
<item rdf:about="https://e.com/r1"><title>a</title><link>https://e.com/r1</link>
<dc:date>2024-06-03T10:42:00Z</dc:date></item></rdf:RDF>""",
    "atom 0.3": """<?xml version="1.0"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>t</title>
<entry><link rel="alternate" type="text/html" href="https://e.com/o1"/>
<modified>2024-06-03T10:42:00Z</modified><issued>2024-06-03T08:00:00Z</issued></entry></feed>""",
    "latin-1": RSS.format(
        encoding="iso-8859-1",
        items="<item><link>https://e.com/caf\xe9</link><title>Caf\xe9</title></item>",
    ),
}

FALLBACKS = {
    "a DTD": """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY site "https://e.com">]>
<rss version="2.0"><channel><item><link>&site;/1</link></item></channel></rss>""",
    "an entity XML does not know": RSS.format(
        encoding="utf-8", items="<item><title>a&nbsp;b</title><link>https://e.com/1</link></item>"
    ),
    "bytes not in its encoding": RSS.format(
        encoding="utf-8", items="<item><link>https://e.com/\xe9</link></item>"
    ),
    "not closed": RSS.format(encoding="utf-8", items="<item><link>https://e.com/1</link>")[:-20],
    "empty": "",
}


def encoded(text: str) -> bytes:
    return text.encode("latin-1" if 'encoding="iso-8859-1"' in text else "utf-8")


@pytest.mark.parametrize("name", CASES)
def test_the_shapes_feedparser_treats_specially_read_the_same(name: str) -> None:
    body = encoded(CASES[name])
    assert _entries_cut_down(body) is not None  # the short way
    whole = feedparser.parse(body).entries
    assert whole and any(e.get("link") for e in whole)
    assert reading(feed_entries(body)) == reading(whole)


@pytest.mark.parametrize("name", FALLBACKS)
def test_a_feed_lxml_cannot_read_as_it_is_is_read_whole(name: str) -> None:
    body = FALLBACKS[name].encode("latin-1" if "\xe9" in FALLBACKS[name] else "utf-8")
    assert _entries_cut_down(body) is None
    assert reading(feed_entries(body)) == reading(feedparser.parse(body).entries)


def test_a_page_that_is_no_feed_has_no_entries() -> None:
    assert feed_entries(b"<html><body><a href='/x'>x</a></body></html>") == []
