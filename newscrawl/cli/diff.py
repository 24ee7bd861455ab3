"""``newscrawl diff URL [A B]``: what changed between two versions, in the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newscrawl.cli.history import change_lines, no_article
from newscrawl.cli.terminal import Painter, add_colour_option, wants_colour
from newscrawl.diffing import diff_versions
from newscrawl.store import Record, open_store, resolve_store_uri

BLOCK_NOUNS = {"paragraph": "¶", "heading": "sub-heading "}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="print what changed between two versions of an article",
        description="Print the diff between versions A and B of the article at URL "
        "(default: its latest change): flags, headline, standfirst, byline, corrections "
        "and each body edit with its changed words. Consecutive versions use the stored "
        "change record; any other pair is diffed now.",
    )
    parser.add_argument("url", metavar="URL", help="the article's URL, as newscrawl fetches it")
    parser.add_argument("versions", metavar="A B", type=int, nargs="*", help="version numbers")
    add_colour_option(parser)
    parser.set_defaults(func=main)


def _when(version: Record) -> str:
    fetched = version.get("fetched")
    return fetched.strftime("%Y-%m-%d %H:%M UTC") if fetched else "-"


def _later(old: Record, new: Record) -> str:
    if not old.get("fetched") or not new.get("fetched"):
        return ""
    minutes = round((new["fetched"] - old["fetched"]).total_seconds() / 60)
    if abs(minutes) < 120:
        return f", {minutes} minutes later"
    hours = minutes / 60
    return f", {hours:.0f} hours later" if abs(hours) < 48 else f", {hours / 24:.0f} days later"


def edit_lines(edit: Record, paint: Painter) -> list[str]:
    """One typed edit: where it is and its words, deletions and insertions marked."""
    kind = edit.get("type") or "?"
    old, new = edit.get("old") or "", edit.get("new") or ""
    if kind in ("headline_changed", "standfirst_changed", "byline_changed", "section_changed"):
        label = kind.removesuffix("_changed")
        if edit.get("segments"):
            return [f"{label}: {paint.segments(edit['segments'])}"]
        return [f"{label}: {paint.op('delete', old)} → {paint.op('insert', new)}"]
    if kind == "correction_added":
        return [f"correction note added: {paint.op('insert', new)}"]
    if kind == "correction_removed":
        return [f"correction note removed: {paint.op('delete', old)}"]
    block, _, change = kind.partition("_")
    noun = BLOCK_NOUNS.get(block, f"{block} ")
    old_at = f"{noun}{edit['old_index'] + 1}" if edit.get("old_index") is not None else ""
    new_at = f"{noun}{edit['new_index'] + 1}" if edit.get("new_index") is not None else ""
    if change == "added":
        return [f"{new_at} added: {paint.op('insert', new)}"]
    if change == "deleted":
        return [f"{old_at} deleted: {paint.op('delete', old)}"]
    where = f"{old_at} moved to {new_at}" if change == "moved" else f"{new_at} {change}"
    text = paint.segments(edit["segments"]) if edit.get("segments") else new
    return [f"{where}: {text}"]


def render(article: Record, old: Record, new: Record, change: Record, paint: Painter) -> str:
    lines = [
        paint.bold(f"{article['outlet']}: {new.get('title') or '(no headline)'}"),
        article["url"],
        f"v{old['number']} ({_when(old)}) → v{new['number']} ({_when(new)}{_later(old, new)})",
    ]
    lines += change_lines(change, paint, indent="")[:1]
    lines.append("")
    edits = change.get("edits") or []
    for edit in edits:
        lines += edit_lines(edit, paint)
    if not edits:
        lines.append("no change to the text")
    return "\n".join(lines)


def pick(article: Record, numbers: list[int]) -> tuple[int, int] | str:
    """The two version numbers to compare, or what is wrong with the ones asked for."""
    count = article.get("version_count") or 0
    if not numbers:
        if count < 2:
            return f"{article['url']} has {count} version(s) so far: nothing to compare yet"
        return count - 1, count
    if len(numbers) != 2:
        return "give two version numbers (A B), or none for the latest change"
    a, b = numbers
    for n in (a, b):
        if not 1 <= n <= count:
            return f"no version {n}: {article['url']} has versions 1 to {count}"
    if a == b:
        return "give two different version numbers"
    return a, b


def main(args: argparse.Namespace) -> int:
    uri = resolve_store_uri(args.store)
    with open_store(uri, must_exist=True) as store:
        article = store.get_article(args.url)
        if article is None:
            print(no_article(args.url, uri), file=sys.stderr)
            return 1
        picked = pick(article, args.versions)
        if isinstance(picked, str):
            print(f"newscrawl diff: {picked}", file=sys.stderr)
            return 2 if args.versions else 1
        a, b = picked
        old, new = store.get_version(args.url, a), store.get_version(args.url, b)
        change = store.get_change(args.url, b) if b == a + 1 else None
    if old is None or new is None:
        print(f"newscrawl diff: version {a} or {b} of {args.url} is missing", file=sys.stderr)
        return 1
    if change is None:
        change = diff_versions(old, new)  # any other pair: diffed now, as the viewer does
    paint = Painter(wants_colour(args.color, sys.stdout))
    print(render(article, old, new, change, paint))
    return 0
