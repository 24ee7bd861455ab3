"""What the Telegraph, CNBC and Fox News extractors make of pages that are not articles,
built from the outlets' real corpus pages: a paywall teaser, an error page, a video page;
and the declared URL patterns on every corpus URL."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from newscrawl.outlets import NotAnArticle, get_extractor
from newscrawl.outlets.declarations import builtin_outlets

# outlet -> (a real article of the corpus, the element holding its story)
ARTICLES = {
    "telegraph": ("pages/telegraph/fundus--TheTelegraph_2024_09_17.html", "div.articleBodyText"),
    "cnbc": ("pages/cnbc/fundus--fa3bffc7-CNBC.html", "div.ArticleBody-articleBody"),
    "foxnews": ("pages/foxnews/fundus--FoxNews_2023_04_28.html", "div.article-body"),
}


def _article(corpus: Path, outlet: str) -> tuple[lxml.html.HtmlElement, str, str]:
    name, body = ARTICLES[outlet]
    url = json.loads((corpus / name).with_suffix(".json").read_text("utf-8"))["url"]
    return lxml.html.fromstring((corpus / name).read_bytes()), body, url


def _emptied(doc: lxml.html.HtmlElement, body: str) -> lxml.html.HtmlElement:
    """The first story element, with every story element emptied (the Telegraph's story
    is in several)."""
    stories = doc.cssselect(body)
    for story in stories:
        for child in list(story):
            story.remove(child)
    return stories[0]


def _html(doc: lxml.html.HtmlElement) -> bytes:
    return lxml.html.tostring(doc, encoding="utf-8")


@pytest.mark.parametrize("outlet", ARTICLES)
def test_the_whole_article_is_one(corpus: Path, outlet: str) -> None:
    doc, _, url = _article(corpus, outlet)
    assert len(get_extractor(outlet).extract(_html(doc), url)["paragraphs"]) > 10


@pytest.mark.parametrize("outlet", ARTICLES)
def test_a_paywalled_teaser_is_never_a_version(corpus: Path, outlet: str) -> None:
    # The first two paragraphs, then the subscription prompt.
    doc, body, url = _article(corpus, outlet)
    stories = doc.cssselect(body)
    for p in [p for story in stories for p in story.xpath(".//p")][2:]:
        p.drop_tree()
    prompt = lxml.html.fragment_fromstring("<p>Subscribe now to continue reading this story.</p>")
    stories[0].append(prompt)
    with pytest.raises(NotAnArticle, match="paywall"):
        get_extractor(outlet).extract(_html(doc), url)


@pytest.mark.parametrize("outlet", ARTICLES)
def test_an_error_page_is_not_an_article(corpus: Path, outlet: str) -> None:
    # The outlet's page furniture around a "not found" message.
    doc, body, url = _article(corpus, outlet)
    doc.find(".//title").text = "Page not found"
    story = _emptied(doc, body)
    story.append(lxml.html.fragment_fromstring("<p>Sorry, we couldn't find that page.</p>"))
    with pytest.raises(NotAnArticle):
        get_extractor(outlet).extract(_html(doc), url)


@pytest.mark.parametrize("outlet", ARTICLES)
def test_a_video_page_is_not_an_article(corpus: Path, outlet: str) -> None:
    # A video page: og:type video, a one-line write-up under the player.
    doc, body, url = _article(corpus, outlet)
    for el in doc.xpath("//meta[@property='og:type']"):
        el.set("content", "video.other")
    for el in doc.xpath("//script[@type='application/ld+json']"):
        el.drop_tree()
    story = _emptied(doc, body)
    story.append(lxml.html.fragment_fromstring("<p>Lawmakers question the FBI director.</p>"))
    with pytest.raises(NotAnArticle, match="video"):
        get_extractor(outlet).extract(_html(doc), url)


@pytest.mark.parametrize("outlet", ARTICLES)
def test_every_corpus_url_is_an_article_url(corpus: Path, outlet: str) -> None:
    declared = builtin_outlets()[outlet]
    sidecars = [
        *(corpus / "pages" / outlet).glob("*.json"),
        *(corpus / "versions").glob(f"{outlet}-*/case.json"),
    ]
    for url in [json.loads(p.read_text("utf-8"))["url"] for p in sidecars]:
        assert declared.claims(url), url
        path = urlsplit(url).path
        assert declared.article_pattern.search(path), path
        assert not declared.live_pattern.search(path), path
        assert not declared.excluded_pattern.search(path), path
