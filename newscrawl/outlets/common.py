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

from newscrawl.outlets.base import NotAnArticle, PageUnreadable

# -- decoding ------------------------------------------------------------------------

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Tolerate a few control characters in a real page, but not a binary file.
_MAX_CONTROL = 0.001
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_MIXED = "newscrawl-utf8-cp1252"


def _as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects one by one as cp1252 (Latin-1 where cp1252 has a
    hole): a stray Latin-1 byte in an ad slot stays one character, and the UTF-8 text
    around it (the headline) keeps its own decoding."""
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start : exc.end]
    chars = []
    for byte in bad:
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars), exc.end


codecs.register_error(_MIXED, _as_cp1252)


def http_charset(content_type: str | bytes | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` header, or None."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    match = _HEADER_CHARSET_RE.search(content_type or "")
    return match.group(1) if match else None


def decode_html(data: bytes | str, declared: str | None = None) -> str:
    """The page as text. ``declared`` is the charset of the HTTP ``Content-Type`` header.

    A byte order mark wins. Otherwise the page is UTF-8 unless a charset is declared
    (the header's first, then the page's ``<meta>``) that is not UTF-8 and the bytes do
    not look like UTF-8 (fewer valid multi-byte sequences than stray bytes). Bytes that
    are not UTF-8 inside a UTF-8 page are read one by one as cp1252, so a few stray
    Latin-1 bytes change only themselves, never the decoding of the rest of the page.

    Raises ``NotAnArticle`` for an empty file or bytes that are not text."""
    if isinstance(data, str):
        text = data
    else:
        if not data.strip():
            raise NotAnArticle("empty file")
        if b"\x00" in data[:4096] and not data.startswith(
            (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
        ):
            raise NotAnArticle("binary data, not an HTML page")
        text = _decode_bytes(data, declared)
        if len(_CONTROL.findall(text[:65536])) > max(1, min(len(text), 65536) * _MAX_CONTROL):
            raise NotAnArticle("binary data, not an HTML page")
    if not text.strip():
        raise NotAnArticle("empty file")
    return text


def _decode_bytes(data: bytes, declared: str | None) -> str:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    # Guardian pages declare their charset after a long ASCII-art comment, so look far.
    match = _CHARSET_RE.search(data[:65536])
    in_page = match.group(1).decode("ascii") if match else None
    codec = next(filter(None, map(_codec, (declared, in_page))), "utf-8")
    if codec != "utf-8" and not _looks_utf8(data):
        return data.decode(codec, errors="replace")
    return data.decode("utf-8", errors=_MIXED)


def _codec(name: str | None) -> str | None:
    """The Python codec for a declared charset name; None for no or an unknown name.
    ISO-8859-1 and US-ASCII mean cp1252, as browsers read them."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return "utf-8" if codec.startswith("utf-8") else codec


def _looks_utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8 whatever the page says: more valid multi-byte UTF-8
    sequences than stray bytes (legacy text almost never forms valid sequences)."""
    sequences = _UTF8_SEQUENCE.findall(data)
    stray = len(_NON_ASCII.findall(data)) - sum(len(s) for s in sequences)
    return len(sequences) > stray


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
    parser = _parser()
    try:
        doc = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise NotAnArticle(f"not an HTML page ({exc})") from None
    _refuse_parse_loss(parser)
    if doc.find("body") is None and doc.find("head") is None:
        raise NotAnArticle("not an HTML page")
    _flatten_deep(doc)
    return doc


def parse_fragment(html: str) -> lxml.html.HtmlElement:
    """A ``<div>`` holding the elements of an HTML fragment (a body kept in a script),
    read whole as ``parse_html`` reads a page, or ``PageUnreadable``."""
    parser = _parser()
    root = lxml.html.fragment_fromstring(html, create_parent="div", parser=parser)
    _refuse_parse_loss(parser)
    _flatten_deep(root)
    return root


def _parser() -> lxml.html.HTMLParser:
    # huge_tree lifts libxml2's nesting limit from 256 to 2048 elements: without it a
    # deeply nested embed ends the parse there and the rest of the article is lost.
    return lxml.html.HTMLParser(huge_tree=True)


def _refuse_parse_loss(parser: lxml.html.HTMLParser) -> None:
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT" or error.level_name == "FATAL":
            # The parser stopped before the end of the page: what it built is a cut body.
            raise PageUnreadable(
                f"the HTML parser lost part of the page (line {error.line}: "
                f"{error.message.strip()})"
            )


# No article text is this deep; below it an embed's markup is kept as its text alone, so
# the extractors' tree walks stay far from Python's recursion limit.
MAX_DEPTH = 200


# The elements ``MAX_DEPTH`` levels down from the one searched (itself level 1): libxml2
# walks the levels in C, and stops at the first level no page reaches.
_AT_MAX_DEPTH = lxml.etree.XPath("./" + "/".join(["*"] * (MAX_DEPTH - 1)))


def _flatten_deep(doc: lxml.html.HtmlElement) -> None:
    """Replace every element deeper than ``MAX_DEPTH`` by its text: all of the words
    stay, only the nesting goes."""
    deep = [el for el in _AT_MAX_DEPTH(doc) if len(el)]
    for el in deep:
        text = el.text_content()
        for child in list(el):
            el.remove(child)
        el.text = text


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
    # One walk of the <meta> elements whatever the number of keys (a date is looked up
    # under up to 18): the value kept is that of the earliest key, and of the first
    # element in the page for that key.
    rank = {key: index for index, key in reversed(list(enumerate(keys)))}
    best, best_rank = None, len(keys)
    for el in doc.iter("meta"):
        for name in (el.get("property"), el.get("name"), el.get("itemprop")):
            found = rank.get(name, best_rank) if name else best_rank
            if found < best_rank:
                value = clean_text(el.get("content"))
                if value:
                    best, best_rank = value, found
                    if found == 0:
                        return best
    return best


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
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def normalise_date(value: str | None, default_tz: timezone = UTC) -> str | None:
    """ISO 8601 with timezone (``2019-11-03T10:23:00+00:00``); a date stays a date
    (``2019-11-03``); a time without a zone is taken as ``default_tz``; None if unparsable."""
    value = clean_text(value)
    if not value:
        return None
    if _DATE_ONLY.match(value):
        return value
    try:
        # Most pages write plain ISO 8601, which the standard library reads in a
        # hundredth of the time dateutil takes; dateutil reads everything else.
        parsed = datetime.fromisoformat(value) if _ISO.match(value) else None
    except ValueError:
        parsed = None
    try:
        if parsed is None:
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
