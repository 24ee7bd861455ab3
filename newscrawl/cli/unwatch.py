"""``newscrawl unwatch URL...``: stop checking articles; their history stays."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from newscrawl.clock import clock_from_settings
from newscrawl.store import open_store, resolve_store_uri


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "unwatch",
        help="stop checking articles (their versions and changes are kept)",
        description="Stop re-checking each URL: status becomes 'unwatched' with an event, "
        "versions and changes stay in the store. `newscrawl watch URL` resumes. Exit "
        "status 1: some URL is not tracked.",
    )
    parser.add_argument("urls", nargs="+", metavar="URL")
    parser.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    now = clock_from_settings(os.environ)()
    status = 0
    with open_store(resolve_store_uri(args.store), must_exist=True) as store:
        for url in args.urls:
            if store.get_article(url) is None:
                print(f"newscrawl unwatch: {url} is not tracked", file=sys.stderr)
                status = 1
                continue
            store.update_article(url, {"watched": False, "status": "unwatched", "next_check": None})
            store.add_event(url, "unwatched", "checks stopped by newscrawl unwatch", now)
            print(f"unwatched {url}: no more checks; its history is kept")
    return status
