"""Pages that used to invent a version: a parse cut short by deep nesting, and a UTF-8 page
with stray Latin-1 bytes read as cp1252. Each must give the true text or be refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.outlets import PageUnreadable, get_extractor
from newscrawl.outlets.common import decode_html
from tests.extraction.samples import OUTLETS, OutletSamples

OUTLET_IDS = [o.name for o in OUTLETS]
HEADLINE = "Minister’s “secret” plan – café £5m"


def embed(depth: int) -> str:
    """An embed (a social post, a chart) whose markup is ``depth`` elements deep."""
    return "<div>" * depth + "<span>embedded</span>" + "</div>" * depth


def with_embed(outlet: OutletSamples, depth: int) -> str:
    return outlet.one_paragraph(f"Before the embed.</p>{embed(depth)}<p>After the embed.")


@pytest.mark.parametrize("outlet", OUTLETS, ids=OUTLET_IDS)
@pytest.mark.parametrize("depth", [300, 1000, 2000])
def test_a_deeply_nested_embed_does_not_cut_the_body(outlet: OutletSamples, depth: int) -> None:
    """Reproduces issue 13: libxml2 stopped at 256 levels, so everything after the embed
    (here the last paragraph) was lost and a "paragraphs deleted" version stored."""
    paragraphs = get_extractor(outlet.name).extract(with_embed(outlet, depth), outlet.url)[
        "paragraphs"
    ]
    assert paragraphs[0] == "Before the embed."
    assert paragraphs[-1] == "After the embed."


@pytest.mark.parametrize("outlet", OUTLETS, ids=OUTLET_IDS)
def test_a_real_page_keeps_every_paragraph_around_a_deep_embed(
    corpus: Path, outlet: OutletSamples
) -> None:
    extractor = get_extractor(outlet.name)
    html = (corpus / outlet.damaged_page).read_bytes()
    clean = extractor.extract(html, outlet.url)
    marker = next(m for m in outlet.body_markers if m in html)
    cut = html.index(b"</p>", html.index(marker)) + len(b"</p>")
    shallow, deep = (html[:cut] + embed(n).encode() + html[cut:] for n in (5, 1500))
    paragraphs = extractor.extract(deep, outlet.url)["paragraphs"]
    # The deep embed reads as the same embed a few levels deep would: nothing lost.
    assert paragraphs == extractor.extract(shallow, outlet.url)["paragraphs"]
    assert [p for p in paragraphs if p != "embedded"] == clean["paragraphs"]


@pytest.mark.parametrize("outlet", OUTLETS, ids=OUTLET_IDS)
def test_a_parse_that_would_lose_text_refuses_the_page(outlet: OutletSamples) -> None:
    """Deeper than the parser can go at all: refused with a reason, never a cut body."""
    with pytest.raises(PageUnreadable, match="lost part of the page"):
        get_extractor(outlet.name).extract(with_embed(outlet, 5000), outlet.url)


def page_with_stray_bytes(outlet: OutletSamples, declare: bool, stray: int) -> bytes:
    """A UTF-8 page whose ad slot holds ``stray`` Latin-1 bytes (``é`` as 0xE9)."""
    text = outlet.one_paragraph(f"{HEADLINE} said the paper.")
    text = text.replace("Example headline", HEADLINE)
    if not declare:
        text = text.replace('<meta charset="utf-8">', "")
    html = text.encode("utf-8")
    ad = b"<!-- ad slot: caf\xe9 " + b"\xe9" * stray + b" -->"
    return html.replace(b"</body>", ad + b"</body>")


@pytest.mark.parametrize("outlet", OUTLETS, ids=OUTLET_IDS)
@pytest.mark.parametrize("declare", [True, False], ids=["declared", "undeclared"])
@pytest.mark.parametrize("stray", [1, 40])
def test_stray_latin1_bytes_do_not_turn_the_headline_into_mojibake(
    outlet: OutletSamples, declare: bool, stray: int
) -> None:
    """Reproduces issue 13: past 0.1% of bad bytes the whole page was read as cp1252, the
    headline came out as "Ministerâ€™s" and a "headline rewritten" version was stored."""
    result = get_extractor(outlet.name).extract(
        page_with_stray_bytes(outlet, declare, stray), outlet.url
    )
    assert result["title"] == HEADLINE
    assert result["paragraphs"] == [f"{HEADLINE} said the paper."]


@pytest.mark.parametrize("outlet", OUTLETS, ids=OUTLET_IDS)
def test_a_real_page_with_a_stray_byte_run_keeps_its_text(
    corpus: Path, outlet: OutletSamples
) -> None:
    extractor = get_extractor(outlet.name)
    html = (corpus / outlet.damaged_page).read_bytes()
    clean = extractor.extract(html, outlet.url)
    damaged = html.replace(b"</body>", b"<!-- " + b"\xe9\xa3\x93" * 400 + b" --></body>", 1)
    result = extractor.extract(damaged, outlet.url)
    assert (result["title"], result["paragraphs"]) == (clean["title"], clean["paragraphs"])


def test_the_http_charset_is_followed_when_the_page_declares_none() -> None:
    page = "<html><body><h1>Новости дня</h1></body></html>"
    assert "Новости дня" in decode_html(page.encode("koi8-r"), declared="koi8-r")
    assert "Новости дня" in decode_html(page.encode("windows-1251"), declared="windows-1251")


def test_a_wrong_legacy_header_does_not_spoil_a_utf8_page() -> None:
    """A server that says ISO-8859-1 for a UTF-8 page: the bytes are plainly UTF-8."""
    page = f'<html><head><meta charset="utf-8"><title>{HEADLINE}</title></head></html>'
    assert HEADLINE in decode_html(page.encode("utf-8"), declared="iso-8859-1")


def test_the_header_charset_wins_over_the_meta_for_a_legacy_page() -> None:
    page = '<html><head><meta charset="utf-8"></head><body>Grüße, café</body></html>'
    assert "Grüße, café" in decode_html(page.encode("iso-8859-15"), declared="iso-8859-15")


def test_a_legacy_page_declared_in_its_meta_stays_legacy() -> None:
    page = '<html><head><meta charset="iso-8859-2"></head><body>Łódź, Kraków</body></html>'
    assert "Łódź, Kraków" in decode_html(page.encode("iso-8859-2"))
