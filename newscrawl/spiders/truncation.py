"""Whether a fetched page arrived whole: from the transfer first, then from its markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is raw text: a page cut inside one never closes it.
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "plaintext"})
# Old IE conditional comment markers (<![endif]-->) stop html.parser. Read as an empty
# comment, a marker ends the comment it closes at the same place, and hides nothing.
_CONDITIONAL = re.compile(r"<!\[(?!CDATA\[)[^>]*>")


class _RawText(HTMLParser):
    """Notes whether the page ends inside a raw-text element (a script, a style)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open_raw: str | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in RAW_TEXT:
            self.open_raw = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self.open_raw:
            self.open_raw = None


TAIL = 65536


def _closes(part: bytes) -> bool:
    lowered = part.lower()
    return b"</body" in lowered or b"</html" in lowered


def truncation(body: bytes, flags: list[str] | tuple[str, ...] = ()) -> str | None:
    """Why ``body`` looks cut off, or None when it arrived whole.

    The transfer decides first: Scrapy fails a response shorter than its
    ``Content-Length`` or whose chunked encoding never ended (``DOWNLOAD_FAIL_ON_DATALOSS``),
    and flags it ``dataloss`` when that setting is off. A page that reached ``</body>`` or
    ``</html>`` is whole, whatever follows. HTML lets a page omit both, so otherwise the
    parse decides: a page cut off in transit (a server that died after sending its
    headers, a cache that kept half a page) ends in the middle of a tag, a comment, a
    script or style, or a run of text; a whole page ends after a tag."""
    if "dataloss" in flags:
        return "truncated body (the connection ended before the announced length)"
    # The closing tags are nearly always near the end: the whole page is lowered (a copy)
    # only when its tail has neither.
    if _closes(body[-TAIL:]) or (len(body) > TAIL and _closes(body)):
        return None
    parser = _RawText()
    parser.feed(_CONDITIONAL.sub("<!---->", body.decode("latin-1")))
    if parser.open_raw:
        return f"truncated body (the page ends inside <{parser.open_raw}>, with no </html>)"
    if parser.rawdata.lstrip().startswith("<"):
        return "truncated body (the page ends inside a tag or comment, with no </html>)"
    if not body.rstrip().endswith(b">"):
        return "truncated body (the page ends in the middle of its text, with no </html>)"
    return None
