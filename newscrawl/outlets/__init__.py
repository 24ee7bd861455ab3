"""Per-outlet extraction: pure functions from a page (HTML + URL) to article fields.

Each outlet module defines an ``Extractor`` subclass and registers it by name here.
Nothing in this package makes requests or touches the store."""

from __future__ import annotations

import importlib

from newscrawl.outlets.base import Extractor, NotAnArticle, PageUnreadable

__all__ = ["Extractor", "NotAnArticle", "OUTLETS", "PageUnreadable", "get_extractor"]

# outlet name -> "module:Class"
OUTLETS: dict[str, str] = {
    "guardian": "newscrawl.outlets.guardian:GuardianExtractor",
    "bbc": "newscrawl.outlets.bbc:BBCExtractor",
    "generic": "newscrawl.outlets.generic:GenericExtractor",
    "cnbc": "newscrawl.outlets.cnbc:CNBCExtractor",
    "independent": "newscrawl.outlets.independent:IndependentExtractor",
    "rt": "newscrawl.outlets.rt:RTExtractor",
    "theintercept": "newscrawl.outlets.theintercept:TheInterceptExtractor",
    "nytimes": "newscrawl.outlets.nytimes:NYTimesExtractor",
    "washingtonpost": "newscrawl.outlets.washingtonpost:WashingtonPostExtractor",
    "apnews": "newscrawl.outlets.apnews:APNewsExtractor",
    "reuters": "newscrawl.outlets.reuters:ReutersExtractor",
    "cnn": "newscrawl.outlets.cnn:CNNExtractor",
}


def get_extractor(outlet: str) -> Extractor:
    """The extractor of ``outlet``: an extractor module registered here, else the one a
    built-in outlet declares (the generic extractor with its selectors); ``KeyError``
    names the known ones."""
    target = OUTLETS.get(outlet)
    if target is None:
        from newscrawl.outlets.declarations import builtin_outlets

        declared = builtin_outlets()
        if outlet in declared:
            return declared[outlet].build_extractor()
        known = ", ".join(sorted({*OUTLETS, *declared}))
        raise KeyError(f"no extractor for outlet {outlet!r} (known: {known})")
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)()
