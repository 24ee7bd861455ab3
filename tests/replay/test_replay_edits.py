"""Each scripted edit shows in the served page: the new text appears, the old one does not."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from newscrawl.replay import ReplayServer, running
from newscrawl.replay.corpus import load_page
from tests.replay.conftest import (
    BREXIT_V1,
    BREXIT_V2,
    COP27,
    NHS,
    RBS_V1,
    make_script,
    request,
    step,
)

ERAS = {"frontend": BREXIT_V1, "dcr": COP27, "r2": RBS_V1}


def body_paragraphs(html: str) -> list[str]:
    """The body paragraphs, found independently of the replay's own selectors."""
    doc = lxml.html.document_fromstring(html)
    for xpath in (
        '//div[contains(@class, "article-body-commercial-selector")]/p',
        '//div[@itemprop="articleBody"]/p',
        '//div[@id="article-body-blocks"]/p',
    ):
        found = [" ".join(p.text_content().split()) for p in doc.xpath(xpath)]
        if found:
            return [t for t in found if t]
    raise AssertionError("no body found")


def served(server: ReplayServer, path: str) -> str:
    reply = request(server.base_url + path)
    assert reply.status == 200
    return reply.text


def run(corpus: Path, ref: str, events: list[dict]) -> tuple[str, str, list[str]]:
    """Publish ``ref``, apply ``events`` at step 1; return the page before and after."""
    script = make_script(corpus, {"a": ref}, [[{"publish": "a"}], events])
    path = script.articles["a"].path
    with running(script) as server:
        before = served(server, path)
        step(server)
        after = served(server, path)
    return before, after, list(load_page(corpus, ref).paragraphs)


@pytest.mark.parametrize("era", sorted(ERAS))
def test_headline_rewrite(corpus: Path, era: str) -> None:
    new = "Replay desk rewrites this headline entirely"
    before, after, _ = run(corpus, ERAS[era], [{"headline": "a", "text": new}])
    old = load_page(corpus, ERAS[era]).headline
    doc = lxml.html.document_fromstring(after)
    assert new in [" ".join(h.text_content().split()) for h in doc.iter("h1")]
    assert old not in [" ".join(h.text_content().split()) for h in doc.iter("h1")]
    assert doc.xpath('//meta[@property="og:title"]/@content')[0].startswith(new)
    assert new not in before


@pytest.mark.parametrize("era", sorted(ERAS))
def test_paragraph_added(corpus: Path, era: str) -> None:
    text = "A paragraph the replay desk added after publication."
    _, after, source = run(corpus, ERAS[era], [{"add": "a", "at": 2, "text": text}])
    assert body_paragraphs(after) == source[:2] + [text] + source[2:]


@pytest.mark.parametrize("era", sorted(ERAS))
def test_paragraph_removed(corpus: Path, era: str) -> None:
    _, after, source = run(corpus, ERAS[era], [{"remove": "a", "at": 1}])
    assert body_paragraphs(after) == source[:1] + source[2:]
    assert source[1][:80] not in " ".join(after.split())


@pytest.mark.parametrize("era", sorted(ERAS))
def test_paragraph_rewritten_and_words_replaced(corpus: Path, era: str) -> None:
    source = load_page(corpus, ERAS[era]).paragraphs
    word = source[0].split()[3]
    events = [
        {"edit": "a", "at": 1, "text": "This paragraph now says something else."},
        {"edit": "a", "at": 0, "old": word, "new": "REPLACED"},
    ]
    _, after, source = run(corpus, ERAS[era], events)
    paragraphs = body_paragraphs(after)
    assert paragraphs[1] == "This paragraph now says something else."
    assert paragraphs[0] == source[0].replace(word, "REPLACED", 1)
    assert paragraphs[2:] == source[2:]


@pytest.mark.parametrize("era", sorted(ERAS))
def test_paragraph_moved(corpus: Path, era: str) -> None:
    _, after, source = run(corpus, ERAS[era], [{"move": "a", "from": 0, "to": 3}])
    assert body_paragraphs(after) == source[1:4] + source[:1] + source[4:]


@pytest.mark.parametrize("era", sorted(ERAS))
def test_correction_appended(corpus: Path, era: str) -> None:
    note = "This article was amended on 1 May 2024 to correct a figure."
    before, after, source = run(corpus, ERAS[era], [{"correction": "a", "text": note}])
    assert body_paragraphs(after) == source + [note]
    doc = lxml.html.document_fromstring(after)
    assert doc.xpath("//p/em/text()")[-1] == note
    assert note not in before


def test_split_and_merge_keep_the_words(corpus: Path) -> None:
    source = load_page(corpus, COP27).paragraphs
    first = " ".join(source[0].split()[:8])
    _, after, _ = run(
        corpus, COP27, [{"split": "a", "at": 0, "after": first}, {"merge": "a", "at": 2}]
    )
    paragraphs = body_paragraphs(after)
    assert paragraphs[:2] == [first, source[0][len(first) :].strip()]
    assert paragraphs[2] == f"{source[1]} {source[2]}"
    assert " ".join(paragraphs) == " ".join(source)


def test_template_change_serves_the_other_capture_with_the_same_text(corpus: Path) -> None:
    before, after, source = run(corpus, BREXIT_V1, [{"template": "a", "page": BREXIT_V2}])
    assert "content__article-body" in before and "content__article-body" not in after
    assert 'data-gu-name="body"' in after
    assert body_paragraphs(before) == body_paragraphs(after) == source


def test_template_change_keeps_earlier_edits(corpus: Path) -> None:
    text = "Added before the redesign."
    script = make_script(
        corpus,
        {"a": BREXIT_V1},
        [
            [{"publish": "a"}, {"add": "a", "at": 0, "text": text}],
            [{"template": "a", "page": BREXIT_V2}],
        ],
    )
    with running(script) as server:
        step(server)
        after = served(server, script.articles["a"].path)
    assert 'data-gu-name="body"' in after and body_paragraphs(after)[0] == text


def test_flipflop_alternates_per_fetch(corpus: Path) -> None:
    script = make_script(
        corpus, {"a": NHS}, [[{"publish": "a"}], [{"flipflop": "a", "text": "Headline B"}]]
    )
    path = script.articles["a"].path
    old = load_page(corpus, NHS).headline
    with running(script) as server:
        step(server)
        pages = [served(server, path) for _ in range(4)]
    assert ["Headline B" in p for p in pages] == [True, False, True, False]
    assert [old in p for p in pages[1::2]] == [True, True]


def test_delete_answers_404_or_410(corpus: Path) -> None:
    script = make_script(
        corpus,
        {"a": NHS, "b": COP27},
        [[{"publish": "a"}, {"publish": "b"}], [{"delete": "a", "status": 404}, {"delete": "b"}]],
    )
    with running(script) as server:
        step(server)
        assert request(server.base_url + script.articles["a"].path).status == 404
        assert request(server.base_url + script.articles["b"].path).status == 410


def test_redirect_answers_301_to_the_new_path(corpus: Path) -> None:
    script = make_script(
        corpus, {"a": NHS}, [[{"publish": "a"}], [{"redirect": "a", "to": "/society/moved-story"}]]
    )
    with running(script) as server:
        step(server)
        reply = request(server.base_url + script.articles["a"].path)
        assert reply.status == 301
        assert reply.headers["location"] == server.base_url + "/society/moved-story"
        moved = request(server.base_url + "/society/moved-story")
    assert moved.status == 200
    assert body_paragraphs(moved.text) == list(load_page(corpus, NHS).paragraphs)


def test_unpublished_articles_are_not_served(corpus: Path) -> None:
    script = make_script(corpus, {"a": NHS, "b": COP27}, [[{"publish": "a"}], [{"publish": "b"}]])
    with running(script) as server:
        assert request(server.base_url + script.articles["b"].path).status == 404
        step(server)
        assert request(server.base_url + script.articles["b"].path).status == 200


def test_reused_page_under_another_path_names_that_path(corpus: Path) -> None:
    script = make_script(
        corpus,
        {"a": {"page": NHS, "path": "/society/2024/may/01/copy-of-a-story"}},
        [[{"publish": "a"}]],
    )
    with running(script) as server:
        page = served(server, "/society/2024/may/01/copy-of-a-story")
        canonical = lxml.html.document_fromstring(page).xpath('//link[@rel="canonical"]/@href')
        assert canonical == [server.base_url + "/society/2024/may/01/copy-of-a-story"]
