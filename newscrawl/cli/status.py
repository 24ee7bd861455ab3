"""``newscrawl status``: recent crawl runs per outlet and health flags for monitoring."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from newscrawl.clock import clock_from_settings
from newscrawl.schedule.report import describe, outlet_schedule
from newscrawl.store import Record, open_store, resolve_store_uri

# A last run in which more than this share of pages (and at least MIN_PAGES) gave no
# article, or a suspect one (headline or most of the text lost), means extraction broke,
# typically after a site redesign.
NOT_ARTICLE_SHARE = 0.5
MIN_PAGES = 5


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "status",
        help="recent crawl runs and health flags (exit 1 when an outlet is flagged)",
        description="Show the last crawl runs of each outlet and flag outlets whose "
        "extraction is failing, whose runs fail, or that have not crawled successfully "
        "lately. Exits 1 when any outlet is flagged, for cron and monitoring.",
    )
    parser.add_argument("--outlet", metavar="NAME", help="only this outlet")
    parser.add_argument("--runs", type=int, default=5, metavar="N", help="runs shown per outlet")
    parser.add_argument(
        "--stale-hours",
        type=float,
        default=24.0,
        metavar="H",
        help="flag an outlet with no successful run in the last H hours (default 24)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=main)


def health(runs: Sequence[Record], now: datetime, stale_hours: float) -> list[str]:
    """Flags for one outlet from its runs (newest first); empty means healthy."""
    flags = []
    done = [run for run in runs if run.get("status") != "running"]
    if done:
        last = done[0]
        pages, not_articles = last.get("pages") or 0, last.get("not_articles") or 0
        suspects = last.get("suspects") or 0
        if pages >= MIN_PAGES and (not_articles + suspects) / pages > NOT_ARTICLE_SHARE:
            flags.append(
                f"extraction failing: {not_articles} of {pages} pages gave no article and "
                f"{suspects} were suspect in the last run (site redesign?)"
            )
        failed = 0
        for run in done:
            if run.get("status") != "failed":
                break
            failed += 1
        if failed:
            why = last.get("problem") or last.get("reason")
            flags.append(f"failing: the last {failed} run(s) failed ({why})")
    since = now - timedelta(hours=stale_hours)
    good = [r for r in runs if r.get("status") == "finished" and r.get("started")]
    if not any(run["started"] >= since for run in good):
        latest = max((run["started"] for run in good), default=None)
        when = latest.isoformat() if latest else "never"
        flags.append(f"stale: no successful run in the last {stale_hours:g} hours (last: {when})")
    return flags


def outlet_names(store: Any, only: str | None) -> list[str]:
    if only:
        return [only]
    names = {row["outlet"] for row in store.outlets()}
    names |= {run["outlet"] for run in store.list_runs(limit=500)}
    return sorted(names)


def seconds(run: Record) -> float | None:
    if run.get("started") and run.get("finished"):
        return (run["finished"] - run["started"]).total_seconds()
    return None


def report(store: Any, now: datetime, args: argparse.Namespace) -> dict[str, Any]:
    result = {}
    for name in outlet_names(store, args.outlet):
        runs = store.list_runs(outlet=name, limit=max(args.runs, 200))
        result[name] = {
            "flags": health(runs, now, args.stale_hours),
            "runs": runs[: args.runs],
            "schedule": outlet_schedule(store, name),
        }
    return result


def as_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


def print_table(result: dict[str, Any]) -> None:
    for name, entry in result.items():
        print(f"{name}: {'; '.join(entry['flags']) or 'ok'}")
        print(f"  schedule: {describe(entry['schedule'])}")
        for run in entry["runs"]:
            took = seconds(run)
            errors = run.get("errors") or {}
            print(
                f"  {run['started']:%Y-%m-%d %H:%M} {run.get('status', '?'):9}"
                f" {(f'{took:.0f}s' if took is not None else '-'):>7}"
                f"  pages {run.get('pages', 0):>5}  new articles {run.get('new_articles', 0):>4}"
                f"  new versions {run.get('new_versions', 0):>4}"
                f"  suspect {run.get('suspects', 0):>3}"
                f"  errors {errors.get('log', 0):>3}"
            )


def main(args: argparse.Namespace) -> int:
    now = clock_from_settings(os.environ)()
    with open_store(resolve_store_uri(args.store), must_exist=True) as store:
        result = report(store, now, args)
    if args.json:
        json.dump(result, sys.stdout, default=as_json, indent=2)
        print()
    else:
        print_table(result)
    return 1 if any(entry["flags"] for entry in result.values()) else 0
