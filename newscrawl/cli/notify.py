"""``newscrawl notify``: send alerts about new changes and article events (after crawls)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from scrapy.settings import Settings

from newscrawl.alerts.notifier import NotifyOptions, notify
from newscrawl.alerts.rules import AlertsConfigError, load_rules
from newscrawl.alerts.sender import Sender
from newscrawl.clock import clock_from_settings
from newscrawl.store import open_store, resolve_store_uri


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "notify",
        help="send alerts about new changes, takedowns, redirects and flip-flops (from cron)",
        description="Send every change, takedown, redirect and flip-flop of the last "
        "max_age_hours that a destination of the alert file wants, once per destination "
        "(flip-flops: once per article and day), through apprise. "
        "Destinations that are down are retried with backoff on later runs. Exit 1 when "
        "a destination failed, 2 when the alert file is unusable.",
    )
    parser.add_argument(
        "--rules",
        metavar="FILE",
        help="the alert file (default: $NEWSCRAWL_ALERTS, the setting, then alerts.yaml)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print the alerts that would be sent; send and record nothing",
    )
    parser.set_defaults(func=main)


def setting(settings: Settings, name: str) -> Any:
    """An environment variable of that name first (cron lines), then the setting."""
    return os.environ.get(name) or settings.get(name)


def main(args: argparse.Namespace) -> int:
    settings = Settings()
    settings.setmodule(os.environ.get("SCRAPY_SETTINGS_MODULE", "newscrawl.settings"))
    path = args.rules or setting(settings, "NEWSCRAWL_ALERTS") or "alerts.yaml"
    options = NotifyOptions(
        timeout=float(setting(settings, "NEWSCRAWL_ALERTS_TIMEOUT")),
        lease=float(setting(settings, "NEWSCRAWL_ALERTS_LEASE")),
        retry=float(setting(settings, "NEWSCRAWL_ALERTS_RETRY")),
        retry_max=float(setting(settings, "NEWSCRAWL_ALERTS_RETRY_MAX")),
        dry_run=args.dry_run,
    )
    try:
        rules = load_rules(path)
        sender = Sender(options.timeout)
        for destination in rules.destinations:
            problem = sender.check(destination.url)
            if problem:
                raise AlertsConfigError(f"{path}, destination {destination.name!r}: {problem}")
    except AlertsConfigError as exc:
        print(f"newscrawl notify: {exc}", file=sys.stderr)
        return 2
    if rules.base_url is None and setting(settings, "NEWSCRAWL_BASE_URL"):
        rules = type(rules)(rules.destinations, setting(settings, "NEWSCRAWL_BASE_URL"),
                            rules.max_age_hours)  # fmt: skip
    clock = clock_from_settings({"NEWSCRAWL_NOW": setting(settings, "NEWSCRAWL_NOW")})
    with open_store(resolve_store_uri(args.store, settings), must_exist=True) as store:
        report = notify(store, rules, clock, options, send=sender.send)
    if args.dry_run:
        for name, title, body in report.previews:
            print(f"--- to {name}: {title}\n{body}\n")
        print(f"{len(report.previews)} alert(s) would be sent (dry run: nothing sent or recorded)")
        return 0
    for line in report.lines():
        print(line)
    return 1 if report.failed else 0
