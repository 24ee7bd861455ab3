"""``newscrawl schedule``: crawl each outlet every N minutes on Scrapyd or locally."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from scrapy.settings import Settings
from scrapy.spiderloader import get_spider_loader

from newscrawl.clock import utcnow
from newscrawl.outlets.declarations import is_host_name
from newscrawl.scheduler.loop import run, run_status
from newscrawl.scheduler.plan import Planner
from newscrawl.scheduler.runners import LocalRunner, Runner, ScrapydRunner
from newscrawl.scheduler.scrapyd import Scrapyd, ScrapydError
from newscrawl.store import StoreError, open_store, resolve_store_uri


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schedule",
        help="start crawls every N minutes (Scrapyd or local processes)",
        description="Start a crawl of each outlet every N minutes, never two at once for "
        "one outlet, backing off after failed runs. Without --scrapyd, crawls run here "
        "as `scrapy crawl OUTLET` in the current directory, for every declared outlet and "
        "every per-host outlet of watched articles in the store.",
    )
    parser.add_argument("--scrapyd", metavar="URL", help="Scrapyd node, e.g. http://host:6800/")
    parser.add_argument("--project", default="newscrawl", help="Scrapyd project name")
    parser.add_argument("--once", action="store_true", help="one pass: start, wait, exit")
    parser.add_argument("--every", type=float, metavar="MINUTES", help="default interval")
    parser.add_argument(
        "--outlet",
        action="append",
        default=[],
        metavar="NAME[=MINUTES]",
        help="schedule only these outlets (repeatable), optionally with their own interval",
    )
    parser.add_argument("--max-backoff", type=float, metavar="MINUTES")
    parser.add_argument("--poll", type=float, default=30.0, metavar="SECONDS")
    parser.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="job setting"
    )
    parser.add_argument(
        "-a", "--arg", action="append", default=[], metavar="NAME=VALUE", help="spider argument"
    )
    parser.add_argument("--log-dir", type=Path, help="local crawls log to DIR/OUTLET/JOB.log")
    parser.set_defaults(func=main)


def pairs(values: list[str], what: str) -> dict[str, str]:
    result = {}
    for value in values:
        name, sep, rest = value.partition("=")
        if not sep or not name:
            raise SystemExit(f"newscrawl schedule: {what} must look like NAME=VALUE: {value!r}")
        result[name] = rest
    return result


def project_settings() -> Settings:
    settings = Settings()
    settings.setmodule(os.environ.get("SCRAPY_SETTINGS_MODULE", "newscrawl.settings"))
    return settings


def watched_hosts(store_uri: str, declared: Any) -> list[str]:
    """Per-host outlets (articles watched on undeclared hosts) found in the store; none
    when there is no store yet."""
    try:
        with open_store(store_uri, must_exist=True) as store:
            names = store.outlet_counts()[0]
    except StoreError:
        return []
    return sorted(name for name in names if name not in declared and is_host_name(name))


def intervals(args: argparse.Namespace, settings: Settings, names: list[str]) -> dict[str, float]:
    """Minutes per outlet: --outlet NAME=M, then NEWSCRAWL_SCHEDULE_OUTLETS, then --every /
    NEWSCRAWL_SCHEDULE_EVERY."""
    default = args.every or settings.getfloat("NEWSCRAWL_SCHEDULE_EVERY")
    per_outlet = {k: float(v) for k, v in settings.getdict("NEWSCRAWL_SCHEDULE_OUTLETS").items()}
    for value in args.outlet:
        name, _, minutes = value.partition("=")
        if minutes:
            per_outlet[name] = float(minutes)
    return {name: per_outlet.get(name, default) for name in names}


def main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    settings = project_settings()
    job_settings = pairs(args.set, "--set")
    spider_args = pairs(args.arg, "--arg")
    if args.store:
        job_settings.setdefault("NEWSCRAWL_STORE", args.store)
    store_uri = resolve_store_uri(job_settings.get("NEWSCRAWL_STORE"), settings)

    runner: Runner
    names = [value.partition("=")[0] for value in args.outlet]
    try:
        if args.scrapyd:
            scrapyd = Scrapyd(args.scrapyd, args.project)
            names = names or scrapyd.listspiders()
            runner = ScrapydRunner(scrapyd, job_settings, spider_args)
        else:
            if not names:
                # Watched articles of undeclared hosts are re-checked by their per-host
                # outlet, which no declaration lists: the store knows them.
                declared = get_spider_loader(settings).list()
                names = declared + watched_hosts(store_uri, declared)
            runner = LocalRunner(job_settings, spider_args, log_dir=args.log_dir)
        if not names:
            print("newscrawl schedule: no outlets to crawl", file=sys.stderr)
            return 2
        minutes = intervals(args, settings, names)
        cap = args.max_backoff or settings.getfloat("NEWSCRAWL_SCHEDULE_MAX_BACKOFF")
        planner = Planner(
            {name: timedelta(minutes=m) for name, m in minutes.items()}, timedelta(minutes=cap)
        )
        return run(
            planner,
            runner,
            utcnow,
            time.sleep,
            lambda outlet, job: run_status(store_uri, outlet, job),
            poll=args.poll,
            once=args.once,
        )
    except ScrapydError as exc:
        print(f"newscrawl schedule: {exc}", file=sys.stderr)
        return 1
