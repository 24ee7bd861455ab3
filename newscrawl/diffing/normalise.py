"""Text normalisation for display and comparison, and the version fingerprint."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

# Spaces that must read as one ordinary space.
_SPACES = re.compile("[\u00a0\u2007\u202f]")
# Invisible characters that only affect line breaking: zero-width space, word joiner,
# byte-order mark (zero-width no-break space) and the soft hyphen. ZWJ/ZWNJ are kept:
# they change how emoji and some scripts (Persian, Indic) are rendered.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")

# Comparison only: typographic variants that editors and templates swap freely.
_VARIANTS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
}
_VARIANT = re.compile("[" + "".join(_VARIANTS) + "]")
# A typewriter dash: "--" (and "---") where typeset copy prints an en or em dash.
_TYPED_DASH = re.compile(r"(?<!-)-{2,3}(?!-)")


def clean(text: str | None) -> str:
    """Display form: NFC, non-breaking spaces as spaces, zero-width characters and soft
    hyphens removed, runs of whitespace collapsed to one space, stripped."""
    if not text:
        return ""
    # Regexes rather than str.translate: most text has none of these characters, and a
    # failed regex scan is far cheaper than translating every character.
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    return " ".join(text.split())


def comparison_form(text: str | None) -> str:
    """``clean`` plus curly/straight quotes, apostrophes, primes and dashes unified (a
    typewriter ``--`` too), and the ellipsis character spelled ``...``. For comparing
    only; never stored or shown."""
    text = clean(text)
    if "--" in text:
        text = _TYPED_DASH.sub("-", text)
    if text.isascii():
        return text
    return _VARIANT.sub(lambda m: _VARIANTS[m.group()], text)


def words(text: str | None) -> list[str]:
    """The whitespace-separated words of ``text`` in comparison form."""
    return comparison_form(text).split()


def block_texts(version: Mapping[str, Any]) -> list[str]:
    """The body of a version as a list of texts: ``blocks`` (paragraphs and headings) if
    present, else ``paragraphs``."""
    blocks = version.get("blocks")
    if blocks:
        return [b.get("text") or "" for b in blocks]
    return list(version.get("paragraphs") or [])


def _joined(values: Iterable[str | None]) -> str:
    return "\x1f".join(comparison_form(v) for v in values)


def fingerprint(version: Mapping[str, Any]) -> str:
    """Hex SHA-256 of what a reader would call the article's text.

    Covered, each in comparison form: the headline, the standfirst, the authors (in
    order), the body as one sequence of words (paragraphs and sub-headings; paragraph
    boundaries do not count) and the correction notes (in order). Not covered: the
    section, dates, block types (a paragraph turned into a heading with the same
    words), whitespace, quote and dash styles, soft hyphens and zero-width characters."""
    body = " ".join(words(" ".join(block_texts(version))))
    parts = [
        "title:" + comparison_form(version.get("title")),
        "standfirst:" + comparison_form(version.get("standfirst")),
        "authors:" + _joined(version.get("authors") or []),
        "body:" + body,
        "corrections:" + _joined(version.get("corrections") or []),
    ]
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()
