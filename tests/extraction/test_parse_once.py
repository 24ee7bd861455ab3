"""The outlet modules built on the generic extractor parse each page once, and read what
the page prints from its whole tree, before the body step prunes it."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from newscrawl.outlets import NotAnArticle, get_extractor, pagetype
from newscrawl.outlets.generic import GenericExtractor
from tests.extraction import groundtruth

MODULE_OUTLETS = (
    "nytimes",
    "washingtonpost",
    "independent",
    "rt",
    "theintercept",
    "reuters",
    "apnews",
    "cnn",
    "cnbc",
)
PAGE = """<html><head><title>Counting the herons of the estuary</title>
<meta property="og:title" content="Counting the herons of the estuary">
<meta property="article:published_time" content="2024-05-01T08:00:00Z"></head>
<body><h1>Counting the herons of the estuary</h1>
<p class="dek">Printed under the headline.</p>
<div class="story">
<p>The volunteers who count the herons of the estuary every spring found more nests than
in any year since the count began, and they say the cleaner water is the reason.</p>
<p class="dek">A pull quote that repeats the text.</p>
<p>Their count is sent to the county, which publishes it each autumn with the counts of
the other birds of the marshes, so that anyone can follow the colonies year by year.</p>
</div></body></html>"""


class DekExtractor(GenericExtractor):
    """Reads the first ``p.dek`` as the standfirst: the body step drops every one."""

    def __init__(self) -> None:
        super().__init__("dek", ["div.story"], ["p.dek"])

    def read_printed(self, page: pagetype.ParsedPage, metadata: Mapping[str, Any]) -> Any:
        assert metadata["title"] == "Counting the herons of the estuary"
        assert metadata["paragraphs"] == []
        with pytest.raises(TypeError):
            metadata["title"] = "The hook reads the metadata, never changes it"  # type: ignore[index]
        return [el.text_content() for el in page.doc.xpath('//p[@class="dek"]')]

    def finish(self, result: dict[str, Any], printed: Any) -> dict[str, Any]:
        result["standfirst"] = printed[0]
        return result


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The newscrawl modules that had lxml parse a whole page, one entry per parse (the
    real parser runs; trafilatura's own parses are not counted)."""
    calls: list[str] = []
    real = lxml.html.document_fromstring

    def counted(*args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("newscrawl."):
            calls.append(caller)
        return real(*args, **kwargs)

    monkeypatch.setattr(lxml.html, "document_fromstring", counted)
    yield calls


@pytest.mark.parametrize("outlet", MODULE_OUTLETS)
def test_each_page_is_parsed_once(corpus: Path, parses: list[str], outlet: str) -> None:
    extractor = get_extractor(outlet)
    read = 0
    for page in groundtruth.outlet_pages(corpus, outlet):
        parses.clear()
        try:
            extractor.extract(page.path.read_bytes(), page.url)
        except NotAnArticle:
            # A refused page may be parsed again to say why (printed.refusal).
            continue
        assert len(parses) == 1, f"{page.name}: parsed {len(parses)} times ({parses})"
        read += 1
    assert read, f"no page of {outlet} was read"


def test_printed_fields_come_from_the_whole_page() -> None:
    result = DekExtractor().extract(PAGE, "https://example.org/herons")
    # The body step dropped both p.dek; the hook had read them before.
    assert result["standfirst"] == "Printed under the headline."
    assert len(result["paragraphs"]) == 2
    assert not any("pull quote" in p for p in result["paragraphs"])


def test_the_generic_extractor_reads_nothing_printed() -> None:
    plain = GenericExtractor("dek", ["div.story"], ["p.dek"])
    result = plain.extract(PAGE, "https://example.org/herons")
    assert result["standfirst"] is None
    assert len(result["paragraphs"]) == 2
