"""The contract every outlet extractor keeps."""

from __future__ import annotations

import abc
from typing import Any

# The fields ``Extractor.extract`` returns, in this order (see ``newscrawl.items`` for
# each field's format).
ARTICLE_FIELDS = (
    "url",
    "canonical_url",
    "title",
    "standfirst",
    "authors",
    "published",
    "modified",
    "section",
    "paragraphs",
    "blocks",
    "corrections",
    "is_live",
    "extractor",
)


class NotAnArticle(ValueError):
    """The page is not an article (a front, gallery, video, error page, empty or
    undecodable file). ``reason`` says which, for a person to read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PageUnreadable(NotAnArticle):
    """The page could not be read whole (the HTML parser gave up part of it): storing
    what was read would invent a version with the rest deleted, so the page is refused."""


class Extractor(abc.ABC):
    """Turns one page of one outlet into article fields. Pure: no I/O.

    ``extract`` returns a dict with exactly the keys of ``ARTICLE_FIELDS``, in order
    (see ``newscrawl.items`` for each field's format).
    It raises ``NotAnArticle`` rather than return an empty or junk body."""

    name: str
    """Outlet name (``"guardian"``)."""

    version: int
    """Bumped whenever the output for some page changes; stored with each version so
    an upgrade re-extracts old pages instead of reporting a fake diff."""

    @property
    def ident(self) -> str:
        """``name/version``, as stored in the ``extractor`` field."""
        return f"{self.name}/{self.version}"

    @abc.abstractmethod
    def extract(self, html: bytes | str, url: str) -> dict[str, Any]:
        """Article fields of the page at ``url``; raises ``NotAnArticle``."""
