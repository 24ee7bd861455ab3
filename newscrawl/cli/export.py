"""``newscrawl export``: versions, changes or version pairs as JSON Lines or CSV."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from newscrawl.clock import parse_instant
from newscrawl.export.rows import (
    CHANGE_FIELDS,
    PAIR_FIELDS,
    VERSION_FIELDS,
    change_row,
    pair_row,
    version_row,
)
from newscrawl.export.writers import write_csv, write_jsonl
from newscrawl.store import Store, open_store, resolve_store_uri

FIELDS = {
    "versions": VERSION_FIELDS,
    # Typed edits with their word segments are too big for a spreadsheet cell.
    "changes": tuple(f for f in CHANGE_FIELDS if f != "edits"),
    "pairs": PAIR_FIELDS,
}


def instant(value: str) -> datetime:
    try:
        return parse_instant(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date or time: {value!r} (e.g. 2026-03-01 or 2026-03-01T12:00Z)"
        ) from None


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write versions, changes or version pairs as JSON Lines or CSV",
        description="Stream what the store holds to a file or stdout: one row per version "
        "(with its text), per change (before/after text, kinds, significance), or per "
        "version pair (NewsEdits-style sentence lists). Schema: docs/export.md.",
    )
    parser.add_argument("what", choices=sorted(FIELDS), help="which rows")
    parser.add_argument("--format", choices=("jsonl", "csv"), help="default: from the "
                        "--output name (.csv), else jsonl")  # fmt: skip
    parser.add_argument("--outlet", metavar="NAME", help="only this outlet")
    parser.add_argument("--since", type=instant, metavar="TIME",
                        help="from this time on (fetched / detected, ISO 8601, UTC unless "
                        "given)")  # fmt: skip
    parser.add_argument("--until", type=instant, metavar="TIME", help="before this time")
    parser.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout)")
    parser.set_defaults(func=main)


def rows(store: Store, args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    span = {"outlet": args.outlet, "since": args.since, "until": args.until}
    if args.what == "versions":
        return (version_row(v) for v in store.iter_versions(**span))
    if args.what == "changes":
        return (change_row(c) for c in store.iter_changes(**span))
    return _pairs(store, span)


def _pairs(store: Store, span: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for change in store.iter_changes(**span):
        old = store.get_version(change["url"], change["from_version"])
        new = store.get_version(change["url"], change["to_version"])
        if old is not None and new is not None:
            yield pair_row(change, old, new)


def write(store: Store, args: argparse.Namespace, fmt: str, out: TextIO) -> int:
    if fmt == "csv":
        return write_csv(rows(store, args), out, FIELDS[args.what])
    return write_jsonl(rows(store, args), out)


def main(args: argparse.Namespace) -> int:
    fmt = args.format or ("csv" if (args.output or "").endswith(".csv") else "jsonl")
    with open_store(resolve_store_uri(args.store), must_exist=True) as store:
        if not args.output:
            try:
                count = write(store, args, fmt, sys.stdout)
                sys.stdout.flush()
            except BrokenPipeError:
                # Piped into head: the reader has what it wanted.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 0
        else:
            # A half-written export never takes the place of a whole one.
            target = Path(args.output)
            partial = target.with_name(target.name + ".part")
            try:
                newline = "" if fmt == "csv" else None
                with partial.open("w", encoding="utf-8", newline=newline) as out:
                    count = write(store, args, fmt, out)
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
    print(f"newscrawl export: {count} {args.what} rows ({fmt})", file=sys.stderr)
    return 0
