"""Shared extraction helpers: text cleaning, dates, bylines, body blocks, scoring."""

from __future__ import annotations

import re

import lxml.html
import pytest

from newscrawl.outlets import common
from newscrawl.outlets.base import NotAnArticle
from newscrawl.outlets.blocks import body_blocks
from newscrawl.outlets.common import (
    MAX_DEPTH,
    clean_text,
    decode_html,
    meta,
    normalise_date,
    parse_fragment,
    parse_html,
    split_byline,
)
from newscrawl.outlets.scoring import boundary_mismatches, token_f1


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("  two\n\t words  ", "two words"),
        ("no\u00a0break\u202fspaces", "no break spaces"),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
        ("“curly” ‘quotes’ – dash … stay", "“curly” ‘quotes’ – dash … stay"),
        (None, ""),
    ],
)
def test_clean_text(raw: str | None, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("2022-11-09T11:18:56.000Z", "2022-11-09T11:18:56+00:00"),
        ("2015-03-20T17:38:42.251Z", "2015-03-20T17:38:42.251+00:00"),
        ("2012-10-16T11:34:05+01:00", "2012-10-16T11:34:05+01:00"),
        ("2019-11-03T10:23:09+0000", "2019-11-03T10:23:09+00:00"),
        ("2012-01-27T12:58:53Z", "2012-01-27T12:58:53+00:00"),
        ("Friday 20 March 2015 17:38:30 GMT", "2015-03-20T17:38:30+00:00"),
        ("Sun 3 Nov 2019 10:23 BST", "2019-11-03T10:23:00+01:00"),
        ("2019-11-03 10:23", "2019-11-03T10:23:00+00:00"),
        ("2012-10-16", "2012-10-16"),
        ("not a date", None),
        ("", None),
    ],
)
def test_normalise_date(raw: str, iso: str | None) -> None:
    assert normalise_date(raw) == iso


@pytest.mark.parametrize(
    "byline, linked, names",
    [
        ("Shiv Malik and Henry McDonald", ["Shiv Malik"], ["Shiv Malik", "Henry McDonald"]),
        ("Posted by Matthew Weaver and Haroon Siddique", [], ["Matthew Weaver", "Haroon Siddique"]),
        ("Ben Jacobs in Washington", ["Ben Jacobs"], ["Ben Jacobs"]),
        ("Randeep Ramesh, social affairs editor", ["Randeep Ramesh"], ["Randeep Ramesh"]),
        ("Alan Travis Home affairs editor", ["Alan Travis"], ["Alan Travis"]),
        ("By Jane Doe, John Roe and Ann Lee", [], ["Jane Doe", "John Roe", "Ann Lee"]),
        (
            "Martin Belam and Mabel Banfield-Nwachi (now); Jordyn Beazley (earlier)",
            [],
            ["Martin Belam", "Mabel Banfield-Nwachi", "Jordyn Beazley"],
        ),
        ("Ursula von der Leyen", [], ["Ursula von der Leyen"]),
        ("Staff and agencies", [], ["Staff and agencies"]),
        ("", [], []),
    ],
)
def test_split_byline(byline: str, linked: list[str], names: list[str]) -> None:
    assert split_byline(byline, linked) == names


def blocks_of(html: str) -> list[tuple[str, str]]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [
        (b["type"], b["text"]) for b in body_blocks(root, lambda el: "promo" in el.get("class", ""))
    ]


def test_body_blocks_keep_boundaries_headings_quotes_and_lists() -> None:
    html = """<p>One <a href="#">link</a>&nbsp;here<br>and on.</p>
      <h2>A sub-heading</h2>
      <blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>
      <blockquote>Bare quote</blockquote>
      <ul><li>Item one</li><li><p>Item two</p></li></ul>
      <aside class="promo"><p>Sign up</p></aside><figure><figcaption>Caption</figcaption></figure>
      <div class="promo">Related stuff</div><script>var p = '<p>x</p>';</script>
      Loose text <em>at the end</em>"""
    assert blocks_of(html) == [
        ("paragraph", "One link here and on."),
        ("heading", "A sub-heading"),
        ("paragraph", "Quoted one."),
        ("paragraph", "Quoted two."),
        ("paragraph", "Bare quote"),
        ("paragraph", "Item one"),
        ("paragraph", "Item two"),
        ("paragraph", "Loose text at the end"),
    ]


def test_inline_markup_adds_no_spaces() -> None:
    assert blocks_of('<p><span class="drop-cap">W</span>hale <b>9.31am:</b>Welcome</p>') == [
        ("paragraph", "Whale 9.31am:Welcome")
    ]


def test_a_link_with_an_icon_stays_in_its_paragraph() -> None:
    # The icon's <svg><path> is no block: the link does not split the paragraph.
    html = (
        '<p>Data from <a href="#">Our World<span><svg><path d="M0"/></svg></span></a>'
        ", Denmark leads.</p>"
    )
    assert blocks_of(html) == [("paragraph", "Data from Our World, Denmark leads.")]


def test_token_f1_and_boundaries() -> None:
    assert token_f1(["A b c."], ["a, b, c"]) == 1.0
    assert token_f1("a b", "c d") == 0.0
    assert token_f1([], []) == 1.0
    assert 0.6 < token_f1("a b c d", "a b c") < 0.9
    assert boundary_mismatches(["a b", "c d"], ["a b", "c d"]) == []
    assert boundary_mismatches(["a b c d"], ["a b", "c d"]) == [0, 1]
    assert boundary_mismatches(["a b", "x y"], ["a b", "c d"]) == [1]


def _depth(el: lxml.html.HtmlElement) -> int:
    return 1 + max((_depth(child) for child in el if isinstance(child.tag, str)), default=0)


@pytest.mark.parametrize("levels", [MAX_DEPTH - 3, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 40])
def test_parsing_flattens_only_what_is_deeper_than_the_limit(levels: int) -> None:
    # html > body > the nest, with words and a comment at every level.
    nest = "".join(f"<div>w{n} <!-- c -->" for n in range(levels)) + "</div>" * levels
    for root, above in (
        (parse_html(f"<html><body>{nest}</body></html>"), 2),
        (parse_fragment(nest), 1),
    ):
        words = root.text_content().split()
        assert words == [f"w{n}" for n in range(levels)]
        assert _depth(root) == min(levels + above, MAX_DEPTH)


ISO_SAMPLES = [
    f"2019-11-03{sep}10:23{sec}{zone}"
    for sep in ("T", " ")
    for sec in ("", ":09", ":09.5", ":09.251", ":09.000000", ":09.123456")
    for zone in ("", "Z", "+01:00", "-0500", "+0000", "+05:30")
] + ["2019-11-03T24:00:00Z", "2019-02-30T10:00:00Z", "2019-11-03T10:23:09.1234567Z"]


def test_the_iso_fast_path_reads_dates_as_dateutil_does(monkeypatch) -> None:
    fast = [normalise_date(value) for value in ISO_SAMPLES]
    monkeypatch.setattr(common, "_ISO", re.compile(r"(?!)"))  # dateutil for every value
    assert fast == [normalise_date(value) for value in ISO_SAMPLES]
    assert fast[1] == "2019-11-03T10:23:00+00:00"


def _meta_key_by_key(doc: lxml.html.HtmlElement, *keys: str) -> str | None:
    """``meta`` as it was written first: one walk of the page per key."""
    for key in keys:
        for el in doc.iter("meta"):
            if key in (el.get("property"), el.get("name"), el.get("itemprop")):
                value = clean_text(el.get("content"))
                if value:
                    return value
    return None


META_KEYS = [
    ("og:title",),
    ("article:published_time", "datePublished", "DC.date.issued", "pubdate", "date"),
    ("description", "og:description", "twitter:description"),
    ("author", "article:author", "byl", "sailthru.author"),
    ("article:modified_time", "dateModified", "og:updated_time", "last-modified"),
    ("nothing-has-this", "og:type", "og:site_name"),
]


def test_meta_finds_what_a_walk_per_key_finds(corpus) -> None:
    pages = sorted((corpus / "pages").glob("*/*.html"))
    assert len(pages) > 100
    for path in pages:
        try:
            doc = parse_html(decode_html(path.read_bytes()))
        except NotAnArticle:
            continue
        for keys in META_KEYS:
            assert meta(doc, *keys) == _meta_key_by_key(doc, *keys), (path.name, keys)
    doc = lxml.html.document_fromstring(
        '<meta name="a" content=" "><meta property="b" name="a" content="B">'
        '<meta itemprop="a" content="A"><p>x</p>'
    )
    assert meta(doc, "a", "b") == _meta_key_by_key(doc, "a", "b") == "B"
    assert meta(doc, "b", "a") == "B" and meta(doc) is None
