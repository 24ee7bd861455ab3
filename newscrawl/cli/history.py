"""``newscrawl history URL``: an article, every stored version of it and what changed."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from newscrawl.cli.terminal import Painter, add_colour_option, wants_colour
from newscrawl.diffing.snippets import change_snippets, headline_change
from newscrawl.store import Record, open_store, resolve_store_uri
from newscrawl.store.codec import mask_uri


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "history",
        help="show an article's versions, changes and events",
        description="Show the stored article at URL, each of its versions, each change "
        "between them (significance, uncorrected, the changed words) and its events (gone, "
        "redirected, failed, flip-flop...). --json prints {article, versions, changes} "
        "with ISO 8601 times.",
    )
    parser.add_argument("url", metavar="URL", help="the article's URL, as newscrawl fetches it")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_colour_option(parser)
    parser.set_defaults(func=main)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"cannot print a {type(value).__name__} as JSON")


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def change_lines(change: Record, paint: Painter, indent: str = "    ") -> list[str]:
    """A change: its flags and summary, the headline before/after, the changed words."""
    flags = [change.get("significance") or "?"]
    if change.get("uncorrected"):
        flags.append("uncorrected")
    kinds = ", ".join(change.get("kinds") or [])
    lines = [f"{indent}[{', '.join(flags)}: {kinds}] {change.get('summary') or ''}".rstrip()]
    headline = headline_change(change)
    if headline is not None:
        lines.append(f"{indent}  headline: {paint.segments(headline['segments'])}")
    for snippet in change_snippets(change):
        lines.append(f"{indent}  {paint.snippet(snippet)}")
    return lines


def render_text(history: Record, paint: Painter | None = None) -> str:
    """The readable view: one line for the article, then its versions (each preceded by
    the change that made it) and its events, in time order."""
    paint = paint or Painter(colour=False)
    article = history["article"]
    versions, changes = history["versions"], history["changes"]
    flipflops = article.get("flipflops") or 0
    lines = [
        f"{article['url']} ({article['outlet']}, {article.get('status') or 'active'}): "
        f"{len(versions)} version{'' if len(versions) == 1 else 's'}, "
        f"{len(changes)} change{'' if len(changes) == 1 else 's'}, "
        + (f"{flipflops} flip-flop{'' if flipflops == 1 else 's'}, " if flipflops else "")
        + f"first seen {_when(article.get('first_seen'))}, "
        f"next check {_when(article.get('next_check'))}",
    ]
    by_target = {change["to_version"]: change for change in changes}
    timeline: list[tuple[datetime | None, list[str]]] = []
    for version in versions:
        entry: list[str] = []
        change = by_target.get(version["number"])
        if change is not None:
            entry += change_lines(change, paint)
        title = version.get("title") or "(no headline)"
        entry.append(
            paint.bold(f"  v{version['number']}  {_when(version.get('fetched'))}  {title}")
        )
        timeline.append((version.get("fetched"), entry))
    for event in article.get("events") or []:
        line = (
            f"  {event.get('kind', '?')}  {_when(event.get('time'))}  {event.get('detail') or ''}"
        )
        timeline.append((event.get("time"), [paint.dim(line.rstrip())]))
    # Python's sort is stable: a version and an event at the same time keep this order.
    timeline.sort(key=lambda item: item[0].timestamp() if item[0] else float("-inf"))
    for _, entry in timeline:
        lines += entry
    return "\n".join(lines)


def no_article(url: str, uri: str) -> str:
    """What a command says when the store it read has no article at ``url``."""
    return (
        f"newscrawl: no article stored for {url} in {mask_uri(uri)} "
        "(name another store with --store URI or NEWSCRAWL_STORE)"
    )


def main(args: argparse.Namespace) -> int:
    uri = resolve_store_uri(args.store)
    with open_store(uri, must_exist=True) as store:
        history = store.history(args.url)
    if history is None:
        print(no_article(args.url, uri), file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(history, default=_jsonable, ensure_ascii=False, indent=2))
    else:
        print(render_text(history, Painter(wants_colour(args.color, sys.stdout))))
    return 0
