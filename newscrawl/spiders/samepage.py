"""Knowing a fetched page is the very page of the article's last fetch, without reading it.

Many sites send no validators (``ETag``, ``Last-Modified``) for their article pages, or
ignore them, so a re-check downloads the whole page even when nothing on it changed.
Extraction is a function of the page's bytes, its ``Content-Type`` (the charset), its
final URL, the extractor (with the selectors an outlet declares for it) and the settings
that decide whether an extracted page is kept (``NEWSCRAWL_TRACK_LIVE``,
``NEWSCRAWL_MAX_TEXT``). A digest of all of them is stored with the article after each
fetch that confirmed or added its latest version; a fetch with the same digest would
extract the same fields again, so it counts as a ``not_modified`` check, as a 304 does,
and skips parsing the page."""

from __future__ import annotations

import hashlib


def extraction_key(*parts: object) -> bytes:
    """``parts`` (strings, numbers, tuples of them: what besides the response decides
    the extracted fields and whether they are kept) as bytes for ``page_digest``."""
    return repr(parts).encode("utf-8", "backslashreplace")


def page_digest(body: bytes, content_type: bytes | None, url: str, key: bytes) -> str:
    """The hex SHA-256 of everything extraction reads (0.25 ms for a 400 KB page)."""
    digest = hashlib.sha256()
    for part in (key, content_type or b"", url.encode("utf-8", "surrogatepass")):
        digest.update(len(part).to_bytes(8, "big") + part)
    digest.update(body)
    return digest.hexdigest()
