"""``newscrawl outlets``: the declared outlets, what each discovers from, which extractor."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from newscrawl.cli.schedule import project_settings, watched_hosts
from newscrawl.outlets.declarations import Outlet, OutletsError, load_outlets
from newscrawl.store import resolve_store_uri


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "outlets",
        help="list the outlets: built-in, declared in outlets.yaml, and watched hosts",
        description="List every outlet `scrapy crawl NAME` accepts: the built-in ones, those "
        "of the user's outlets.yaml (or $NEWSCRAWL_OUTLETS), and the per-host outlets of "
        "articles watched on undeclared hosts (read from the store when there is one). "
        "Exit status 2: the declarations file is invalid.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=main)


def describe(outlet: Outlet) -> dict[str, Any]:
    return {
        "name": outlet.name,
        "title": outlet.title,
        "site": outlet.site,
        "hosts": list(outlet.hosts),
        "discovers_from": outlet.discovers_from(),
        "news_sitemaps": list(outlet.news_sitemaps),
        "feeds": list(outlet.feeds),
        "fronts": list(outlet.fronts),
        "extractor": outlet.extractor,
        "declared_in": outlet.source,
    }


def main(args: argparse.Namespace) -> int:
    settings = project_settings()
    try:
        outlets = load_outlets(settings)
    except OutletsError as exc:
        print(f"newscrawl outlets: {exc}", file=sys.stderr)
        return 2
    listed = [outlets[name] for name in outlets]
    hosts = watched_hosts(resolve_store_uri(args.store, settings), outlets)
    listed += [outlets.resolve(host) for host in hosts]
    rows = [describe(outlet) for outlet in listed]
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
        return 0
    width = max([len(row["name"]) for row in rows] + [4])
    for row in rows:
        print(
            f"{row['name']:<{width}}  {row['title']}  ({row['site']})\n"
            f"{'':<{width}}  extractor: {row['extractor']}; discovers from: "
            f"{row['discovers_from']}; declared in {row['declared_in']}"
        )
    return 0
