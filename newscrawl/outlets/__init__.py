"""Per-outlet extraction: pure functions from a page (HTML + URL) to article fields.

Each outlet module defines an ``Extractor`` subclass and registers it by name here.
Nothing in this package makes requests or touches the store."""

from __future__ import annotations

import importlib

from newscrawl.outlets.base import Extractor, NotAnArticle

__all__ = ["Extractor", "NotAnArticle", "OUTLETS", "get_extractor"]

# outlet name -> "module:Class"
OUTLETS: dict[str, str] = {
    "guardian": "newscrawl.outlets.guardian:GuardianExtractor",
    "bbc": "newscrawl.outlets.bbc:BBCExtractor",
    "generic": "newscrawl.outlets.generic:GenericExtractor",
}


def get_extractor(outlet: str) -> Extractor:
    """The extractor registered for ``outlet``; ``KeyError`` names the known ones."""
    try:
        target = OUTLETS[outlet]
    except KeyError:
        known = ", ".join(sorted(OUTLETS))
        raise KeyError(f"no extractor for outlet {outlet!r} (known: {known})") from None
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)()
