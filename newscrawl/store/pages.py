"""How a version's raw page is stored: zstd, as a delta against an earlier page of the article.

Versions of one article share almost all of their HTML (the template, the scripts, most
of the text), so a page is compressed with an earlier page of the same article as zstd
prefix: a re-check that changed one paragraph stores a few hundred bytes instead of tens
of KiB. Each blob starts with a one-byte marker:

- ``K`` + a zstd frame: a keyframe, the whole page on its own;
- ``D`` + the base version number (4 bytes, big-endian) + a zstd frame compressed with
  the base version's page as prefix. A base is always a self-contained blob (a keyframe
  or an old zlib blob), never another delta, so reading any version takes at most two
  decompressions and a damaged delta spoils no other version (a damaged keyframe, only
  the deltas stored against it: the next version is then stored whole);
- anything else is the zlib stream written by earlier releases (its first byte is
  ``x``), still read as it is.

A page becomes a keyframe when its article has no stored page yet, or when its delta
would exceed ``KEYFRAME_RATIO`` of the base's own blob (a redesign, a rewritten page):
the next versions then delta against it.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass

if sys.version_info >= (3, 14):
    from compression import zstd
else:  # the same module, backported (a Scrapy dependency before Python 3.14)
    from backports import zstd

KEYFRAME = b"K"
DELTA = b"D"
LEVEL = 3  # measured: level 1 misses most matches in a 400 KB prefix; 3 finds them
KEYFRAME_RATIO = 0.25
MIN_PREFIX = 8  # zstd refuses a shorter dictionary
MAX_WINDOW_LOG = 27  # what every zstd decoder accepts without being told


class PageError(ValueError):
    """A stored page blob that cannot be decoded (damaged, or its base is missing)."""


@dataclass(frozen=True)
class Base:
    """The self-contained page a new version may be stored against."""

    number: int
    page: bytes
    blob_size: int


def keyframe(page: bytes) -> bytes:
    return KEYFRAME + zstd.compress(page, LEVEL)


def _options(prefix: bytes, page: bytes) -> dict:
    # The window must reach back over the whole prefix for its matches to count.
    window = min(MAX_WINDOW_LOG, max(10, (len(prefix) + len(page)).bit_length()))
    return {
        zstd.CompressionParameter.compression_level: LEVEL,
        zstd.CompressionParameter.window_log: window,
    }


def _prefix(page: bytes) -> zstd.ZstdDict:
    return zstd.ZstdDict(page, is_raw=True).as_prefix


def encode(page: bytes, base: Base | None) -> bytes:
    """The blob to store for ``page``: a delta against ``base`` when that is small, else a
    keyframe."""
    if base is None or len(base.page) < MIN_PREFIX or not 0 < base.number < 2**32:
        return keyframe(page)
    frame = zstd.compress(page, options=_options(base.page, page), zstd_dict=_prefix(base.page))
    if len(frame) > KEYFRAME_RATIO * base.blob_size:
        return keyframe(page)
    return DELTA + base.number.to_bytes(4, "big") + frame


def base_number(blob: bytes) -> int | None:
    """The version whose page ``blob`` needs, or None for a self-contained blob."""
    if blob[:1] == DELTA:
        if len(blob) < 5:
            raise PageError("a delta page blob without its base number")
        return int.from_bytes(blob[1:5], "big")
    return None


def decode(blob: bytes, load: Callable[[int], bytes | None]) -> bytes:
    """The page stored as ``blob``; ``load(number)`` returns another version's blob (or
    None), for a delta's base."""
    try:
        if blob[:1] == KEYFRAME:
            return zstd.decompress(blob[1:])
        number = base_number(blob)
        if number is None:
            return zlib.decompress(blob)
        base_blob = load(number)
        if base_blob is None:
            raise PageError(
                f"the page of version {number}, which this page is stored against, is missing"
            )
        if base_number(base_blob) is not None:
            raise PageError(f"the page of version {number} is itself a delta")
        base = decode(base_blob, load)
        if len(base) < MIN_PREFIX:
            raise PageError(f"the page of version {number} is too short to be a base")
        return zstd.decompress(blob[5:], zstd_dict=_prefix(base))
    except (zlib.error, zstd.ZstdError) as exc:
        raise PageError(f"a damaged page blob: {exc}") from exc


def base_for(latest: tuple[int, bytes] | None, load: Callable[[int], bytes | None]) -> Base | None:
    """The base for the next version, from the article's latest (number, blob): that page
    itself when it is self-contained, else the page it was stored against."""
    if latest is None:
        return None
    number, blob = latest
    try:
        found = base_number(blob)
        if found is not None:
            number, blob = found, load(found)
            if blob is None or base_number(blob) is not None:
                return None
        return Base(number, decode(blob, load), len(blob))
    except PageError:
        return None  # a damaged page cannot be a base: the new page is stored whole
