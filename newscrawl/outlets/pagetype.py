"""What a page is: an outlet's own or not, an article or a front or media page, live or not."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from newscrawl.outlets.base import NotAnArticle
from newscrawl.outlets.common import (
    canonical_url,
    decode_html,
    json_ld,
    ld_types,
    meta,
    parse_html,
)


class ParsedPage(NamedTuple):
    """A page read for extraction."""

    text: str
    doc: Any
    ld: list[dict[str, Any]]
    article_ld: dict[str, Any]
    """The page's JSON-LD article object, ``{}`` if it has none."""


def parse_page(html: bytes | str, article_types: frozenset[str]) -> ParsedPage:
    """Decode and parse ``html``, and find its JSON-LD; ``NotAnArticle`` if it is no page."""
    text = decode_html(html)
    doc = parse_html(text)
    ld = json_ld(doc)
    return ParsedPage(text, doc, ld, article_object(ld, article_types))


def article_object(ld: list[dict[str, Any]], types: frozenset[str]) -> dict[str, Any]:
    """The first JSON-LD object of one of the article ``types``, else ``{}``."""
    return next((o for o in ld if ld_types(o) & types), {})


def reject_ld_types(ld: list[dict[str, Any]], kinds: Mapping[str, str]) -> None:
    """``NotAnArticle`` if a JSON-LD object is one of ``kinds`` (type -> word for a person).

    Call it only when the page has no article object: an article may embed a video."""
    for obj in ld:
        for kind in ld_types(obj):
            if kind in kinds:
                raise NotAnArticle(f"{kinds[kind]} page ({kind}), not an article")


def reject_og_type(doc: Any) -> None:
    """``NotAnArticle`` if the page declares an ``og:type`` other than ``article``."""
    og_type = (meta(doc, "og:type") or "").lower()
    if og_type and og_type != "article":
        raise NotAnArticle(f"og:type is {og_type!r}: a front or media page, not an article")


def reject_url_paths(doc: Any, url: str, segments: Mapping[str, str]) -> None:
    """``NotAnArticle`` if a directory of the URL or the canonical URL is one of
    ``segments`` (path segment -> word for a person): ``/video/``, ``/gallery/``."""
    for address in (url, canonical_url(doc)):
        for segment in urlsplit(address or "").path.lower().split("/")[1:-1]:
            if segment in segments:
                raise NotAnArticle(f"{segments[segment]} page (URL /{segment}/)")


def on_hosts(doc: Any, hosts: tuple[str, ...]) -> bool:
    """Whether the page's canonical URL or ``og:url`` is on one of ``hosts``."""
    # The page, not the URL it was fetched from: saved copies are served from anywhere.
    for url in (canonical_url(doc), meta(doc, "og:url")):
        if (urlsplit(url or "").hostname or "").endswith(hosts):
            return True
    return False


def live_in_ld(ld: list[dict[str, Any]]) -> bool:
    """Whether the page's JSON-LD calls it a live blog."""
    return any("LiveBlogPosting" in ld_types(o) for o in ld)


def path_matches(urls: Iterable[str | None], pattern: re.Pattern[str]) -> bool:
    """Whether the path of any of ``urls`` matches ``pattern`` (a live page's ``/live/``)."""
    return any(pattern.search(urlsplit(u or "").path) for u in urls)
