"""The generic extractor judged against trafilatura on the corpus pages of outlets that have
no module of their own: body token F1 per page, with trafilatura run in the same process.

Shared by the generic extractor's tests and ``benchmarks/extraction.py``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from statistics import mean
from typing import Any

from newscrawl.outlets import OUTLETS
from newscrawl.outlets.common import clean_text
from newscrawl.outlets.scoring import token_f1
from tests.extraction import groundtruth
from tests.extraction.groundtruth import NOT_BODY_BY_DESIGN, Page, outlet_pages

# Allowed shortfall of the generic extractor's body F1 below trafilatura's on any page.
MAX_SHORTFALL = 0.05
# trafilatura's two settings the goal names: precise, and default.
SETTINGS = {"favor_precision": {"favor_precision": True}, "default": {}}


def module_outlets() -> frozenset[str]:
    """Outlets with an extractor module of their own."""
    return frozenset(name for name in OUTLETS if name != "generic")


def generic_pages(corpus: Path) -> list[Page]:
    """Every saved page (``pages/<outlet>/``) of an outlet with no module, ``generic/`` first."""
    folders = sorted(
        (p.name for p in (corpus / "pages").iterdir() if p.is_dir()),
        key=lambda name: (name != "generic", name),
    )
    return [
        page
        for folder in folders
        if folder not in module_outlets()
        for page in outlet_pages(corpus, folder)
        if "/" not in page.name
    ]


def outlet_of(page: Page) -> str:
    """The corpus folder of a page."""
    return page.path.parent.name


def expected_body(page: Page) -> list[str] | None:
    """The body the sidecar gives (``paragraphs``, else ``body`` split in lines), without
    the page furniture some sidecars keep (``groundtruth.NOT_BODY_BY_DESIGN``: both
    extractors are judged against the same text), or None."""
    for source in ("paragraphs", "body"):
        if source in page.truth:
            return groundtruth.expected_paragraphs(page, source)
    return None


def body_f1(page: Page, result: dict[str, Any] | None) -> float:
    """Token F1 of a result's body against the sidecar's (0 for no result).

    A ``paragraphs`` list holds paragraphs only, so it is compared with ``paragraphs``; a
    ``body`` text (the article-extraction-benchmark's ``articleBody``) holds sub-headings
    too, so it is compared with every block."""
    expected = expected_body(page)
    assert expected is not None, f"{page.name} has no body ground truth"
    if result is None:
        return 0.0
    if "paragraphs" in page.truth:
        return token_f1(result["paragraphs"], expected)
    return token_f1([b["text"] for b in result["blocks"]], expected)


def trafilatura_result(html: bytes, url: str, setting: str) -> dict[str, Any] | None:
    """trafilatura's title and text of a page, shaped like a result, or None.

    With its metadata, as a user reading titles would run it (its text differs a little
    from a run without: it knows the headline)."""
    import trafilatura

    raw = trafilatura.extract(
        html, url=url, output_format="json", with_metadata=True, **SETTINGS[setting]
    )
    if not raw:
        return None
    data = json.loads(raw)
    lines = [clean_text(line) for line in (data.get("text") or "").split("\n") if clean_text(line)]
    return {
        "title": data.get("title") or "",
        "paragraphs": lines,
        "blocks": [{"type": "paragraph", "text": t} for t in lines],
    }


@dataclass(frozen=True)
class Reference:
    """trafilatura's body F1 per page, in the setting with the higher mean."""

    setting: str
    f1: dict[str, float]
    means: dict[str, float]


GROUPS = ("generic", "other outlets")


def group_of(page: Page) -> str:
    """``generic`` for the article-extraction-benchmark pages, else ``other outlets``."""
    return "generic" if outlet_of(page) == "generic" else "other outlets"


def body_pages(corpus: Path, group: str) -> list[Page]:
    """The pages of ``group`` whose sidecar gives the body."""
    return [
        p for p in generic_pages(corpus) if group_of(p) == group and expected_body(p) is not None
    ]


@cache
def reference(corpus: Path, group: str) -> Reference:
    """trafilatura on every body page of ``group``, both settings (run once per group)."""
    pages = body_pages(corpus, group)
    scores: dict[str, dict[str, float]] = {}
    for setting in SETTINGS:
        scores[setting] = {
            key(p): body_f1(p, trafilatura_result(p.path.read_bytes(), p.url, setting))
            for p in pages
        }
    means = {s: mean(scores[s].values()) for s in SETTINGS}
    best = max(SETTINGS, key=means.__getitem__)
    return Reference(best, scores[best], means)


def key(page: Page) -> str:
    """``outlet/name`` of a page."""
    return f"{outlet_of(page)}/{page.name}"


def body_f1_without_furniture(page: Page, result: dict[str, Any] | None) -> float:
    """Token F1 of a result's body (compared as in ``body_f1``) against the sidecar's,
    the lines ``NOT_BODY_BY_DESIGN`` names left out of both."""
    if result is None:
        return 0.0
    furniture = NOT_BODY_BY_DESIGN.get(page.name, [])
    expected = [p for p in expected_body(page) or [] if not _listed(p, furniture)]
    texts = result["paragraphs"] if "paragraphs" in page.truth else result["blocks"]
    got = [t if isinstance(t, str) else t["text"] for t in texts]
    return token_f1([t for t in got if not _listed(t, furniture)], expected)


def _listed(text: str, prefixes: list[str]) -> bool:
    return any(text.startswith(p) for p in prefixes)


def trafilatura_best_f1(page: Page) -> float:
    """trafilatura's better body F1 on the page (``body_f1_without_furniture``), of its
    two settings."""
    html = page.path.read_bytes()
    return max(
        body_f1_without_furniture(page, trafilatura_result(html, page.url, setting))
        for setting in SETTINGS
    )
