"""Normalisation and fingerprint rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newscrawl.diffing import clean, comparison_form, fingerprint
from newscrawl.diffing.sentences import split_sentences
from newscrawl.diffing.words import tokenise

TABLE = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text("utf-8"))

BASE = {
    "title": "Headline",
    "standfirst": "Standfirst",
    "authors": ["Kate Proctor"],
    "paragraphs": ["One two three.", "Four five six."],
    "corrections": [],
    "section": "Politics",
}


@pytest.mark.parametrize("row", TABLE["clean"], ids=lambda r: repr(r["input"]))
def test_clean(row: dict) -> None:
    assert clean(row["input"]) == row["expected"]


@pytest.mark.parametrize("row", TABLE["comparison"], ids=lambda r: repr(r["input"]))
def test_comparison_form(row: dict) -> None:
    assert comparison_form(row["input"]) == row["expected"]


def test_clean_of_none_is_empty() -> None:
    assert clean(None) == comparison_form(None) == ""


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "Headline changed"),
        ("standfirst", "Standfirst changed"),
        ("authors", ["Kate Proctor", "Peter Walker"]),
        ("authors", ["Peter Walker"]),
        ("paragraphs", ["One two three.", "Four five seven."]),
        ("paragraphs", ["One two three.", "Four five six.", "Seven."]),
        ("paragraphs", ["Four five six.", "One two three."]),
        ("corrections", ["This article was amended on 4 March."]),
        ("blocks", [{"type": "heading", "text": "New"}, {"type": "paragraph", "text": "x"}]),
    ],
)
def test_fingerprint_changes_with_text(field: str, value: object) -> None:
    assert fingerprint({**BASE, field: value}) != fingerprint(BASE)


@pytest.mark.parametrize(
    "field, value",
    [
        ("paragraphs", ["One two three. Four five six."]),
        ("paragraphs", ["One two", "three.", "Four five six."]),
        ("paragraphs", ["  One\u00a0two  three. ", "Four fi\u00adve six.\u200b"]),
        ("title", " Head\u00adline\n"),
        ("section", "Business"),
        ("published", "2024-01-01"),
        ("blocks", [{"type": "paragraph", "text": "One two three. Four five six."}]),
        ("blocks", [{"type": "heading", "text": "One two three."}, {"text": "Four five six."}]),
    ],
)
def test_fingerprint_ignores(field: str, value: object) -> None:
    assert fingerprint({**BASE, field: value}) == fingerprint(BASE)


def test_fingerprint_sees_quote_text_but_not_quote_style() -> None:
    straight = {**BASE, "paragraphs": ['"It\'s fine," he said.']}
    curly = {**BASE, "paragraphs": ["\u201cIt\u2019s fine,\u201d he said."]}
    changed = {**BASE, "paragraphs": ["\u201cIt\u2019s good,\u201d he said."]}
    assert fingerprint(straight) == fingerprint(curly) != fingerprint(changed)


def test_fingerprint_separates_fields() -> None:
    # The same words moved from headline to standfirst is a different article text.
    a = {**BASE, "title": "A B", "standfirst": "C"}
    b = {**BASE, "title": "A", "standfirst": "B C"}
    assert fingerprint(a) != fingerprint(b)


def test_fingerprint_is_hex_sha256() -> None:
    digest = fingerprint(BASE)
    assert len(digest) == 64
    int(digest, 16)


@pytest.mark.parametrize(
    "text",
    ["£2bn for 1,200 people, 5.5% said \u201cdon\u2019t\u201d \u2014 well-known; 3:30pm", "", " "],
)
def test_tokenise_round_trips(text: str) -> None:
    assert "".join(tokenise(text)) == text


def test_tokenise_keeps_numbers_and_contractions_whole() -> None:
    assert [t for t in tokenise("£2bn, 1,200 don't") if t.strip()] == [
        "£",
        "2bn",
        ",",
        "1,200",
        "don't",
    ]


def test_split_sentences() -> None:
    text = 'He left. "I quit," she said! Why? 2024 cost 5.50 each, said a U.S. official.'
    assert split_sentences(text) == [
        "He left.",
        '"I quit," she said!',
        "Why?",
        "2024 cost 5.50 each, said a U.S. official.",
    ]
