"""What a change looks like at a glance: headline before/after and the changed words."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from typing import Any

from newscrawl.diffing.snippets import change_snippets, headline_change, render_text
from newscrawl.store import Record

DESCRIPTION_LENGTH = 300
SIGNIFICANCE_ORDER = {"substantive": 0, "minor": 1, "trivial": 2}
MAX_SNIPPETS = 3
SHOWN = 3  # changes of a card in view; the rest of the day's are folded


def headline(change: Record) -> dict[str, Any] | None:
    """The headline before/after (``{"old", "new", "segments"}``) when the change rewrote
    it: stored at diff time, else worked out from the record's edits when it has them."""
    if "headline" in change:
        return change["headline"]
    return headline_change(change)


def snippets(change: Record) -> list[dict[str, Any]]:
    """Up to three word-level snippets: stored at diff time; for an older record that
    lacks them, computed from its edits when the record carries them, else none (the
    summary alone is shown)."""
    stored = change.get("snippets")
    if stored is not None:
        return list(stored)[:MAX_SNIPPETS]
    if change.get("edits"):
        return change_snippets(change, limit=MAX_SNIPPETS)
    return []


def with_glance(change: Record) -> Record:
    """The change with ``headline`` and ``snippets`` filled in (a copy)."""
    return {**change, "headline": headline(change), "snippets": snippets(change)}


def describe(change: Record) -> str:
    """One paragraph saying what changed, for a page's description and link previews:
    summary, headline before/after, the changed words marked as wdiff does
    (``[-old-] {+new+}``: previews show no markup)."""
    parts = [change.get("summary") or "Changed"]
    rewrite = headline(change)
    if rewrite:
        parts.append(f"Headline: “{rewrite.get('old')}” → “{rewrite.get('new')}”")
    parts += [render_text(s, "wdiff") for s in snippets(change)]
    text = ". ".join(p.rstrip(". ") for p in parts if p)
    if len(text) > DESCRIPTION_LENGTH:
        text = text[: DESCRIPTION_LENGTH - 1].rstrip() + "…"
    return text


def cards(changes: Iterable[Record]) -> list[dict[str, Any]]:
    """One card per article per day (UTC), in the order the changes come (newest first),
    each holding that day's changes of the article."""
    out: list[dict[str, Any]] = []
    by_key: dict[tuple[str, str], dict[str, Any]] = {}
    for change in changes:
        change = with_glance(change)
        day = change["detected"].astimezone(UTC).date().isoformat()
        key = (change["url"], day)
        card = by_key.get(key)
        if card is None:
            card = by_key[key] = {"url": change["url"], "day": day, "changes": []}
            out.append(card)
        card["changes"].append(change)
    for card in out:
        card.update(_summary(card["changes"]))
    return out


def _summary(changes: list[Record]) -> dict[str, Any]:
    newest, oldest = changes[0], changes[-1]
    # The day's headline story: from before its first rewrite to the latest headline.
    rewrites = [c["headline"] for c in reversed(changes) if c["headline"]]
    day_headline = None
    if rewrites:
        day_headline = {"old": rewrites[0]["old"], "new": newest.get("title") or ""}
    significance = min(
        (c.get("significance") or "trivial" for c in changes),
        key=lambda s: SIGNIFICANCE_ORDER.get(s, 3),
    )
    # A busy day folds: its most significant changes stay in view, in time order.
    ranked = sorted(
        range(len(changes)),
        key=lambda i: SIGNIFICANCE_ORDER.get(changes[i].get("significance") or "", 3),
    )
    keep = set(ranked[:SHOWN])
    return {
        "shown": [c for i, c in enumerate(changes) if i in keep],
        "more": [c for i, c in enumerate(changes) if i not in keep],
        "title": newest.get("title"),
        "outlet": newest.get("outlet"),
        "detected": newest["detected"],
        "first_detected": oldest["detected"],
        "from_version": min(c["from_version"] for c in changes),
        "to_version": max(c["to_version"] for c in changes),
        "significance": significance,
        "uncorrected": any(c.get("uncorrected") for c in changes),
        "kinds": sorted({k for c in changes for k in c.get("kinds") or []}),
        "headline": day_headline,
    }
