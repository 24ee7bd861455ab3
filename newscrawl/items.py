"""Items the spiders yield: one fetched article, or the outcome of a check that gave none."""

from __future__ import annotations

import scrapy


def _as_text(body: bytes) -> str:
    """Raw HTML for feed exports, which cannot write bytes."""
    return body.decode("utf-8", errors="replace")


class ArticleItem(scrapy.Item):
    """One fetch of one article, as extracted from the page."""

    url = scrapy.Field()
    """The URL the article was requested from: the key it is tracked under, and where
    re-checks go. Absolute, as fetched (not the canonical URL)."""

    response_url = scrapy.Field()
    """The URL that answered, after redirects. Equal to ``url`` when nothing redirected."""

    canonical_url = scrapy.Field()
    """The page's own canonical URL (``<link rel=canonical>``, ``og:url``), or None."""

    outlet = scrapy.Field()
    """Outlet name, as in ``newscrawl.outlets`` and the spider name (``"guardian"``)."""

    title = scrapy.Field()
    """Headline as the reader sees it, whitespace-normalised. Never empty."""

    standfirst = scrapy.Field()
    """Standfirst (dek, summary) under the headline, or None."""

    authors = scrapy.Field()
    """Author names, one string each, in byline order (``["Kate Proctor"]``); may be empty."""

    published = scrapy.Field()
    """First publication time, ISO 8601 with timezone where known
    (``"2019-11-03T10:23:00+00:00"``), a date (``"2019-11-03"``) when only that is known,
    else None. Taken from the page, never from the clock."""

    modified = scrapy.Field()
    """Last modification time the page states, same format as ``published``, or None."""

    section = scrapy.Field()
    """Section name as the outlet gives it (``"Politics"``), or None."""

    paragraphs = scrapy.Field()
    """Body text only, a list of strings in reading order: paragraphs, block quotes and
    list items. No headings, captions, credits, promos or share links."""

    blocks = scrapy.Field()
    """The body in reading order including sub-headings: a list of
    ``{"type": "paragraph" | "heading", "text": str}``. ``paragraphs`` is exactly the
    texts of the ``paragraph`` blocks."""

    corrections = scrapy.Field()
    """Correction and amendment notes (``"This article was amended on ..."``), a list of
    strings, kept out of ``paragraphs``; empty when there are none."""

    is_live = scrapy.Field()
    """True for a live blog (``LiveBlogPosting``), else False."""

    extractor = scrapy.Field()
    """Name and version of the extractor that produced the fields (``"guardian/3"``).
    When it changes, stored versions are re-extracted before comparing."""

    raw_html = scrapy.Field(serializer=_as_text)
    """The response body as received (bytes). Stored compressed with each version; feed
    exports (``-o items.jsonl``) write it as text."""

    fetched = scrapy.Field()
    """When the response arrived: an aware UTC ``datetime``."""

    http_status = scrapy.Field()
    """HTTP status of the final response (200)."""

    etag = scrapy.Field()
    """``ETag`` response header, or None; sent back as ``If-None-Match`` on re-checks."""

    last_modified = scrapy.Field()
    """``Last-Modified`` response header, or None; sent back as ``If-Modified-Since``."""

    page_digest = scrapy.Field()
    """SHA-256 (hex) of the response and what extraction depends on; kept with the
    article, a re-check that gets the same page skips extraction (``spiders.samepage``)."""

    signal = scrapy.Field()
    """The outlet's signal that made this check due now (``{"source", "element",
    "modified", "detail"}``, see ``newscrawl.signals``), or None for a scheduled check."""

    changes_pending = scrapy.Field()
    """Set by the version pipeline, not stored: the numbers of this article's versions
    still without a change record once this fetch was stored, read in the same store
    call, so the diff pipeline goes to the store only when there is one to write."""


class CheckItem(scrapy.Item):
    """A check of a tracked article that produced no article fields.

    ``result`` is one of:

    - ``"not_modified"``: the server answered 304, or sent the very page of the last
      fetch that confirmed the latest version (see ``newscrawl.spiders.samepage``);
      counts as an unchanged check.
    - ``"gone"``: 404 or 410; recorded as an event, the article stops being checked.
    - ``"failed"``: 5xx, timeout, truncated or empty body after retries; retried later.
    - ``"not_article"``: the page is no longer an article (or never was).
    - ``"refused"``: a page that cannot be stored faithfully: over ``DOWNLOAD_MAXSIZE``
      (also once decompressed), text over ``NEWSCRAWL_MAX_TEXT``, or a parse that would
      lose part of the page; an event says which, and the schedule goes on as usual.
    """

    url = scrapy.Field()
    """The URL that was requested (the article's key)."""

    outlet = scrapy.Field()
    """Outlet name."""

    result = scrapy.Field()
    """``not_modified``, ``gone``, ``failed``, ``not_article`` or ``refused``."""

    http_status = scrapy.Field()
    """HTTP status, or None when no response arrived (timeout, DNS, refused)."""

    detail = scrapy.Field()
    """A short human-readable reason (``"HTTP 410"``, ``"TimeoutError"``)."""

    fetched = scrapy.Field()
    """When the check ended: an aware UTC ``datetime``."""

    etag = scrapy.Field()
    """``ETag`` header of a 304 answer, or None."""

    last_modified = scrapy.Field()
    """``Last-Modified`` header of a 304 answer, or None."""

    signal = scrapy.Field()
    """As ``ArticleItem.signal``."""

    tracked = scrapy.Field()
    """Set by the version pipeline: whether the store tracks the URL after this check
    (False for a discovered page that was gone or not yet an article, which deltafetch
    must not remember, so that it is fetched again when rediscovered)."""

    changes_pending = scrapy.Field()
    """Set by the version pipeline, not stored: the numbers of this article's versions
    still without a change record once this fetch was stored, read in the same store
    call, so the diff pipeline goes to the store only when there is one to write."""
