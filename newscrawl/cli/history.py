"""``newscrawl history URL``: an article, every stored version of it and what changed."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from newscrawl.store import Record, open_store, resolve_store_uri


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "history",
        help="show an article's versions and changes",
        description="Show the stored article at URL, each of its versions and each change "
        "between them. --json prints {article, versions, changes} with ISO 8601 times.",
    )
    parser.add_argument("url", metavar="URL", help="the article's URL, as newscrawl fetches it")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(func=main)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"cannot print a {type(value).__name__} as JSON")


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def render_text(history: Record) -> str:
    """The readable view: one line for the article, then its versions and changes."""
    article = history["article"]
    versions, changes = history["versions"], history["changes"]
    lines = [
        f"{article['url']} ({article['outlet']}, {article.get('status') or 'active'}): "
        f"{len(versions)} version{'' if len(versions) == 1 else 's'}, "
        f"{len(changes)} change{'' if len(changes) == 1 else 's'}, "
        f"first seen {_when(article.get('first_seen'))}, "
        f"next check {_when(article.get('next_check'))}",
    ]
    by_target = {change["to_version"]: change for change in changes}
    for version in versions:
        change = by_target.get(version["number"])
        if change is not None:
            label = change.get("significance") or "?"
            kinds = ", ".join(change.get("kinds") or [])
            lines.append(f"    [{label}: {kinds}] {change.get('summary') or ''}".rstrip())
        title = version.get("title") or "(no headline)"
        lines.append(f"  v{version['number']}  {_when(version.get('fetched'))}  {title}")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    with open_store(resolve_store_uri(args.store), must_exist=True) as store:
        history = store.history(args.url)
    if history is None:
        print(f"newscrawl: no article stored for {args.url}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(history, default=_jsonable, ensure_ascii=False, indent=2))
    else:
        print(render_text(history))
    return 0
