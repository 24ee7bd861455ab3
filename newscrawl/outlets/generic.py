"""Any news site: metadata from structured data, the body from the text a reader sees."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from newscrawl.outlets import blocks, common, pagetype, refusals, structured
from newscrawl.outlets.base import Extractor, NotAnArticle
from newscrawl.outlets.selectors import to_xpath
from newscrawl.outlets.trafilatura_body import read_body

# The headline printed again at the start of the body is dropped within this many blocks.
TITLE_WITHIN = 5
# A line of at most this many characters and fewer words, with no sentence end, at the top
# of the body is a label of the page, not the article's text.
LABEL_CHARS = 40
LABEL_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?:;\"”’)。！？]$")
# A live page's URL: /live/..., /liveblog/..., /live-updates-... (not /live-music-...).
_LIVE_URL = re.compile(r"/live(?:/|$)|/liveblog/|/live-(?:updates|blog|news|coverage)\b")
CORRECTION = re.compile(
    r"^\W*(?:correction|clarification|editor'?s note|update)?\W*"
    r"(?:(?:this|the|an earlier version of this) (?:article|story|report|piece|post|headline|"
    r"column|review|caption|graphic)\b[^.]{0,80}?\b(?:has been|was|have been|were) "
    r"(?:amended|corrected|updated to correct|changed to correct)|"
    r"an earlier version of this (?:article|story|report|piece|post)\b|"
    r"corrections?:|clarifications?:)",
    re.I,
)


class GenericExtractor(Extractor):
    """Any news page. Metadata comes from the page's structured data (JSON-LD article
    objects, Open Graph, ``article:*`` and Dublin Core meta, ``<time>``, ``rel=author``).

    The body is what trafilatura reads as the page's main text (see the README's
    dependency table for why), as heading and paragraph blocks. ``body_selectors``
    (CSS, or XPath when they start with ``/`` or ``(``) restrict the body to the text of
    the matched elements, read as they are; ``drop_selectors`` remove the matched
    elements first. A selector that does not parse raises ``ValueError``."""

    version = 2

    def __init__(
        self,
        name: str = "generic",
        body_selectors: Sequence[str] = (),
        drop_selectors: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.body_xpaths = [to_xpath(s) for s in body_selectors]
        self.drop_xpaths = [to_xpath(s) for s in drop_selectors]

    def extract(self, html: bytes | str, url: str) -> dict[str, Any]:
        page = pagetype.parse_page(html, structured.ARTICLE_TYPES)
        text, doc, ld, article_ld = page
        refusals.reject_fronts(doc, ld, article_ld, url)
        title = structured.title(doc, article_ld)
        if not title:
            raise NotAnArticle(refusals.error_page(doc) or "no headline found")
        canonical = common.canonical_url(doc)
        result: dict[str, Any] = {
            "url": url,
            "canonical_url": canonical,
            "title": title,
            "standfirst": structured.standfirst(doc, article_ld),
            "authors": structured.authors(doc, article_ld),
            "published": structured.published(doc, article_ld),
            "modified": structured.modified(doc, article_ld),
            "section": structured.section(doc, article_ld),
            "paragraphs": [],
            "blocks": [],
            "corrections": [],
            "is_live": pagetype.live_in_ld(ld)
            or pagetype.path_matches((url, canonical), _LIVE_URL),
            "extractor": self.ident,
        }
        printed = self.read_printed(page, MappingProxyType(result))
        # Last: the selectors change the tree.
        body = _without_furniture(_without_title(self._body(text, doc, url), title))
        body, result["corrections"] = blocks.split_corrections(body, CORRECTION)
        result["paragraphs"] = paragraphs = blocks.paragraphs(body)
        result["blocks"] = body
        refusals.reject_thin(paragraphs, doc, ld, article_ld, url)
        result["standfirst"] = _standfirst(result["standfirst"], paragraphs)
        return self.finish(result, printed)

    def read_printed(self, page: pagetype.ParsedPage, metadata: Mapping[str, Any]) -> Any:
        """What an outlet module reads from the page as printed, handed to ``finish``.

        Called once the metadata is in ``metadata`` (a read-only view) and before
        the body step, whose selectors prune ``page.doc``: the tree here is the whole page,
        so a module never parses the page a second time. The generic extractor reads
        nothing here."""
        return None

    def finish(self, result: dict[str, Any], printed: Any) -> dict[str, Any]:
        """``result`` (metadata and body) completed with what ``read_printed`` returned;
        the generic extractor returns it as it is."""
        return result

    def _body(self, text: str, doc: Any, url: str) -> list[dict[str, str]]:
        if not self.body_xpaths:
            return read_body(text, url, self.drop_xpaths)
        for xpath in self.drop_xpaths:
            for el in doc.xpath(xpath):
                el.drop_tree()
        roots = [el for xpath in self.body_xpaths for el in doc.xpath(xpath)]
        if not roots:
            raise NotAnArticle("no element matches the outlet's body selectors")
        # An element matched twice, or inside another match, is read once.
        roots = [r for r in dict.fromkeys(roots) if not any(a in roots for a in r.iterancestors())]
        return [b for root in roots for b in blocks.body_blocks(root, _hidden)]


def _hidden(el: Any) -> bool:
    return el.get("aria-hidden") == "true"


def _without_title(body: list[dict[str, str]], title: str) -> list[dict[str, str]]:
    # The headline printed above the body (after a kicker, say) is the title, not body text.
    top = [b for b in body[:TITLE_WITHIN] if b["text"].casefold() != title.casefold()]
    return top + body[TITLE_WITHIN:]


def _without_furniture(body: list[dict[str, str]]) -> list[dict[str, str]]:
    # Page furniture trafilatura sometimes reads as the body's first lines: a date,
    # "Register", "Login", "Print Article". Short, and no sentence.
    start = 0
    while start < len(body) and _is_label(body[start]):
        start += 1
    return body[start:]


def _is_label(block: dict[str, str]) -> bool:
    text = block["text"]
    return (
        block["type"] == "paragraph"
        and len(text) <= LABEL_CHARS
        and len(text.split()) < LABEL_WORDS
        and not _SENTENCE_END.search(text)
    )


def _standfirst(value: str | None, paragraphs: list[str]) -> str | None:
    # A description that repeats a paragraph (or the cut-off start of an early one) is the
    # body's text, not a standfirst.
    if not value or value in paragraphs:
        return None
    start = value.rstrip(".… ")
    return None if any(p.startswith(start) for p in paragraphs[:3]) else value
