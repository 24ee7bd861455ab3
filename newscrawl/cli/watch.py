"""``newscrawl watch URL...``: track single articles from any site, from now on."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.utils.conf import closest_scrapy_cfg

from newscrawl.cli.schedule import pairs, project_settings
from newscrawl.clock import clock_from_settings
from newscrawl.outlets.declarations import Outlets, OutletsError, load_outlets
from newscrawl.store import Record, Store, open_store, resolve_store_uri

EXIT_NOT_WATCHED = 1
EXIT_USAGE = 2
# What the crawl gave for a URL that is now tracked with a current version: a fetched
# article, or a 304 to the conditional re-check of one already tracked.
STORED = ("article", "not_modified")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="track single articles from any site (fetched now, re-checked on schedule)",
        description="Fetch each URL now with `scrapy crawl OUTLET -a urls=URL` and store it "
        "as version 1 under the outlet whose hosts match (else the per-host outlet named "
        "after the host, read by the generic extractor); from then on `scrapy crawl OUTLET` "
        "and `newscrawl schedule` re-check it like any other article. Exit status 1: some "
        "URL was not stored (not an article, gone, fetch failed); 2: bad arguments.",
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="article URL (http or https)")
    parser.add_argument("--list", action="store_true", help="list the watched articles")
    parser.add_argument("--json", action="store_true", help="with --list: print JSON")
    parser.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="crawl setting"
    )
    parser.set_defaults(func=main)


def check_url(url: str) -> str | None:
    """Why ``url`` cannot be watched, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "not an absolute http(s) URL"
    if "," in url:
        return "a comma in the URL cannot be passed in the spider's urls argument"
    return None


def crawl_now(outlet: str, urls: list[str], settings: dict[str, str]) -> dict[str, Record]:
    """Run ``scrapy crawl outlet -a urls=...`` here and now; returns what it gave for each
    URL: ``{"result": "article", "title": ...}`` or the check (``failed``, ``gone``...)."""
    with tempfile.TemporaryDirectory(prefix="newscrawl-watch-") as tmp:
        feed = Path(tmp) / "items.jsonl"
        feeds = {feed.as_uri(): {"format": "jsonlines", "fields": ["url", "result", "detail"]}}
        merged = {"LOG_LEVEL": "WARNING", **settings, "FEEDS": json.dumps(feeds)}
        command = [sys.executable, "-m", "scrapy", "crawl", outlet, "-a", "urls=" + ",".join(urls)]
        for name, value in merged.items():
            command += ["-s", f"{name}={value}"]
        env = dict(os.environ)
        if not closest_scrapy_cfg():
            # Outside a project checkout (no scrapy.cfg) the installed settings apply.
            env.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
        subprocess.run(command, env=env, check=False)
        lines = feed.read_text(encoding="utf-8").splitlines() if feed.exists() else []
    results: dict[str, Record] = {}
    for line in lines:
        row = json.loads(line)
        results[row["url"]] = {"result": row.get("result", "article"), "detail": row.get("detail")}
    return results


def mark_watched(store: Store, url: str, now: Any) -> Record | None:
    """Flag a tracked article as watched (and checked again if it had been unwatched)."""
    article = store.get_article(url)
    if article is None:
        return None
    fields: Record = {"watched": True}
    if article.get("status") == "unwatched":
        fields.update(status="active", next_check=now)
    store.update_article(url, fields)
    return store.get_article(url)


def watch(args: argparse.Namespace) -> int:
    settings = project_settings()
    crawl_settings = pairs(args.set, "--set")
    store_uri = resolve_store_uri(args.store or crawl_settings.get("NEWSCRAWL_STORE"), settings)
    crawl_settings["NEWSCRAWL_STORE"] = store_uri
    try:
        named = crawl_settings.get("NEWSCRAWL_OUTLETS") or settings.get("NEWSCRAWL_OUTLETS")
        outlets: Outlets = load_outlets({"NEWSCRAWL_OUTLETS": named})
    except OutletsError as exc:
        print(f"newscrawl watch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    groups: dict[str, list[str]] = {}
    for url in dict.fromkeys(args.urls):
        problem = check_url(url)
        if problem:
            print(f"newscrawl watch: {url}: {problem}", file=sys.stderr)
            return EXIT_USAGE
        groups.setdefault(outlets.for_url(url).name, []).append(url)
    results: dict[str, Record] = {}
    for outlet, urls in groups.items():
        results.update(crawl_now(outlet, urls, crawl_settings))
    now = clock_from_settings({**os.environ, **crawl_settings})()
    status = 0
    with open_store(store_uri) as store:
        for outlet, urls in groups.items():
            for url in urls:
                got = results.get(url, {"result": "failed", "detail": "no answer (see log)"})
                article = mark_watched(store, url, now)
                if got["result"] in STORED and article is not None:
                    print(
                        f"watching {url} as {outlet}: version {article['version_count']}, "
                        f"{article['title']!r}"
                    )
                    continue
                status = EXIT_NOT_WATCHED
                if article is not None:  # tracked, but this fetch failed: retried later
                    print(f"watching {url} as {outlet}, but this fetch {got['result']}: "
                          f"{got['detail']}; it will be retried")  # fmt: skip
                else:
                    print(f"not watched: {url}: {got['result']}: {got['detail']}")
    return status


def list_watched(args: argparse.Namespace) -> int:
    with open_store(resolve_store_uri(args.store), must_exist=True) as store:
        articles = store.watched_articles()
    fields = ("url", "outlet", "status", "title", "version_count", "last_checked", "next_check")
    rows = [{key: article.get(key) for key in fields} for article in articles]
    if args.json:
        json.dump(rows, sys.stdout, indent=2, default=lambda value: value.isoformat())
        print()
        return 0
    for row in rows:
        due = f"next check {row['next_check']:%Y-%m-%d %H:%M}" if row["next_check"] else "no check"
        print(
            f"{row['url']}\n  {row['outlet']}, {row['status']}, "
            f"{row['version_count']} version(s), {due}: {row['title']}"
        )
    return 0


def main(args: argparse.Namespace) -> int:
    if args.list:
        return list_watched(args)
    if not args.urls:
        print("newscrawl watch: give article URLs, or --list", file=sys.stderr)
        return EXIT_USAGE
    return watch(args)
