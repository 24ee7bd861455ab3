"""Helpers every outlet extractor shares: decoding, metadata, text, dates, bylines, body blocks."""

from __future__ import annotations

import codecs
import json
import re
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timezone
from typing import Any

import lxml.etree
import lxml.html
from dateutil import parser as dateparser

from newscrawl.outlets.base import NotAnArticle

# -- decoding ------------------------------------------------------------------------

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Tolerate a few stray bad bytes in a real page, but not a binary file.
_MAX_REPLACED = 0.001
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_html(data: bytes | str) -> str:
    """The page as text: BOM, then the declared charset, then UTF-8.

    Raises ``NotAnArticle`` for an empty file or bytes that are not text in any of them."""
    if isinstance(data, str):
        text = data
    else:
        if not data.strip():
            raise NotAnArticle("empty file")
        if b"\x00" in data[:4096] and not data.startswith(
            (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
        ):
            raise NotAnArticle("binary data, not an HTML page")
        text = _decode_bytes(data)
    if not text.strip():
        raise NotAnArticle("empty file")
    return text


def _decode_bytes(data: bytes) -> str:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    # Guardian pages declare their charset after a long ASCII-art comment, so look far.
    match = _CHARSET_RE.search(data[:65536])
    declared = match.group(1).decode("ascii").lower() if match else None
    text = _try_decode(data, declared) or _try_decode(data, "utf-8")
    if text is None:
        # A real UTF-8 page with a stray bad byte, else a legacy page that never said so.
        lenient = data.decode("utf-8", errors="replace")
        if lenient.count("\ufffd") <= max(1, len(lenient) * _MAX_REPLACED):
            text = lenient
        else:
            text = _try_decode(data, "cp1252")
    if text is None:
        raise NotAnArticle("undecodable bytes: not text in the declared charset, UTF-8 or cp1252")
    if len(_CONTROL.findall(text[:65536])) > max(1, min(len(text), 65536) * _MAX_REPLACED):
        raise NotAnArticle("binary data, not an HTML page")
    return text


def _try_decode(data: bytes, codec: str | None) -> str | None:
    if not codec:
        return None
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_LEADING_NODE = re.compile(r"\s*(?:<!--.*?-->|<\?.*?\?>)", re.S)
_XML_ROOT = re.compile(r"\s*<(?:rss|feed|rdf:RDF|urlset|sitemapindex)\b")


def _is_xml_feed(text: str) -> bool:
    head = text[:8192]
    while match := _LEADING_NODE.match(head):
        head = head[match.end() :]
    return bool(_XML_ROOT.match(head))


def parse_html(text: str) -> lxml.html.HtmlElement:
    """An lxml document for ``text``; ``NotAnArticle`` if nothing HTML-like is in it."""
    # lxml refuses str input that carries an XML encoding declaration.
    text = _XML_DECL.sub("", text, count=1)
    if _is_xml_feed(text):
        raise NotAnArticle("an XML feed or sitemap, not an HTML page")
    try:
        doc = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise NotAnArticle(f"not an HTML page ({exc})") from None
    if doc.find("body") is None and doc.find("head") is None:
        raise NotAnArticle("not an HTML page")
    return doc


# -- text ----------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(text: str | None) -> str:
    """Whitespace collapsed and stripped, no-break and other Unicode spaces made plain,
    invisible characters (soft hyphen, zero-width) removed. Quotes and dashes are kept."""
    if not text:
        return ""
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


def has_words(text: str) -> bool:
    """False for separator paragraphs such as ``"_"`` or ``"."``."""
    return any(ch.isalnum() for ch in text)


# -- metadata ------------------------------------------------------------------------


def meta(doc: lxml.html.HtmlElement, *keys: str) -> str | None:
    """The first non-empty ``<meta>`` content whose property, name or itemprop is one of
    ``keys`` (tried in the order given), cleaned."""
    for key in keys:
        for el in doc.iter("meta"):
            if key in (el.get("property"), el.get("name"), el.get("itemprop")):
                value = clean_text(el.get("content"))
                if value:
                    return value
    return None


def canonical_url(doc: lxml.html.HtmlElement) -> str | None:
    """``<link rel=canonical>``, else ``og:url``."""
    for el in doc.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            return el.get("href").strip()
    return meta(doc, "og:url")


def json_ld(doc: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, lists and ``@graph`` flattened; bad JSON skipped."""
    found: list[dict[str, Any]] = []
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        # Some templates wrap the JSON in a CDATA section or HTML comment.
        raw = re.sub(r"^\s*(<!\[CDATA\[|<!--)|(\]\]>|-->)\s*$", "", raw).strip()
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        found.extend(_flatten_ld(data))
    return found


def _flatten_ld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten_ld(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten_ld(data["@graph"])


def ld_types(obj: dict[str, Any]) -> set[str]:
    """The ``@type`` of a JSON-LD object as a set of names."""
    kind = obj.get("@type")
    return set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()


def ld_person_names(value: Any) -> list[str]:
    """Names from a JSON-LD ``author`` value (a name, a Person, or a list of them)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and clean_text(name):
            names.append(clean_text(name))
    return names


# -- dates ---------------------------------------------------------------------------

# Named zones dateutil does not know without help (it warns, and warnings are errors).
_TZINFOS = {
    "GMT": 0,
    "UTC": 0,
    "Z": 0,
    "BST": 3600,
    "CET": 3600,
    "CEST": 7200,
    "EST": -18000,
    "EDT": -14400,
    "PST": -28800,
    "PDT": -25200,
}
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def normalise_date(value: str | None, default_tz: timezone = UTC) -> str | None:
    """ISO 8601 with timezone (``2019-11-03T10:23:00+00:00``); a date stays a date
    (``2019-11-03``); a time without a zone is taken as ``default_tz``; None if unparsable."""
    value = clean_text(value)
    if not value:
        return None
    if _DATE_ONLY.match(value):
        return value
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = dateparser.parse(value, tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=default_tz)
    return parsed.isoformat(timespec="milliseconds" if parsed.microsecond else "seconds")


def as_datetime(value: str) -> datetime:
    """Parse a value ``normalise_date`` produced (for comparing instants)."""
    return datetime.fromisoformat(value)


# -- bylines -------------------------------------------------------------------------

_BYLINE_LEAD = re.compile(r"^\s*(posted by|words by|written by|by)\s+", re.I)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bwith\b)\s*", re.I)
_PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "van",
    "von",
    "der",
    "den",
    "la",
    "le",
    "al",
    "el",
    "bin",
    "ibn",
    "dos",
    "das",
    "del",
    "y",
    "ter",
    "te",
    "st",
}
_ORG_BYLINE = re.compile(r"\b(staff|agenc(y|ies)|reporters?|correspondents?|desk|team)\b", re.I)


def split_byline(text: str, linked: list[str] | None = None) -> list[str]:
    """Author names from a byline: ``"Shiv Malik and Henry McDonald"`` gives two names.

    ``linked`` are names the page marks up as authors (profile links): they are kept
    as they are, and text around them is searched for unlinked names only. Places and
    roles (``"in Washington"``, ``", social affairs editor"``) are dropped. A byline
    that names an organisation (``"Staff and agencies"``) is kept whole."""
    linked = [clean_text(n) for n in linked or [] if clean_text(n)]
    # Roles in brackets: "(now)", "(earlier)", "(reporting)".
    text = _BYLINE_LEAD.sub("", clean_text(re.sub(r"\([^)]*\)", " ", text)))
    if not linked and _ORG_BYLINE.search(text) and len(text.split()) <= 4:
        return [text]
    names: list[str] = []
    rest = text
    for name in linked:
        rest = rest.replace(name, ",")
    for part in _BYLINE_SPLIT.split(rest):
        part = _BYLINE_LEAD.sub("", part).strip(" .:-–—()")
        part = re.split(r"\s+(?:in|at|for|from)\s+", part)[0]
        if _looks_like_name(part):
            names.append(part)
    ordered = [n for n in _in_text_order(text, linked + names)]
    return list(dict.fromkeys(ordered))


def _looks_like_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 5 or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def _in_text_order(text: str, names: list[str]) -> list[str]:
    return sorted(names, key=lambda n: text.find(n) if n in text else len(text))
