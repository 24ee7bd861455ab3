"""Re-check schedule benchmark: every policy, side by side, over a simulated week.

A week of a realistic newsroom (``newscrawl.replay.week``: 3,000 articles over five
outlets, edit times from published studies, outlets whose sitemaps tell the truth,
touch lastmod on every render, or give none) is re-checked on a fake clock by the real
policy classes, signal and trust logic and curve learning (``newscrawl.replay.weeksim``);
crawl runs every 15 minutes. Nothing is fetched: a simulated fetch sees how many edits
the article shows at that instant. The end-to-end replay test covers the real crawl.
"""

from __future__ import annotations

import os
import time

from newscrawl.replay.week import OUTLETS, newsroom_week
from newscrawl.replay.weeksim import EVERY, SETUPS, simulate

ARTICLES = int(os.environ.get("NEWSCRAWL_BENCH_WEEK_ARTICLES", "3000"))


def main() -> None:
    articles = newsroom_week(ARTICLES)
    kinds = ", ".join(f"{o.name} ({o.lastmod} lastmod)" for o in OUTLETS)
    print(f"{len(articles)} articles over one week; outlets: {kinds}")
    print(f"crawl runs every {EVERY.total_seconds() / 60:.0f} minutes; each article observed")
    print("for its first week. Delays are from the edit to the fetch that stored it.\n")
    header = (
        f"{'policy':32} {'detected/total':>15} {'median':>8} {'p90':>8}"
        f" {'req/article/wk':>15} {'req/detected':>13} {'signal req':>11}"
    )
    print(header)
    print("-" * len(header))
    for setup in SETUPS:
        started = time.perf_counter()
        row = simulate(setup, articles).row()
        took = time.perf_counter() - started
        signals = f"{row['signal_requests']} ({row['signal_right']} right)"
        print(
            f"{row['policy']:32} {row['detected']:>7}/{row['edits']:<7}"
            f" {row['median_delay_min']:>6.1f}m {row['p90_delay_min']:>6.0f}m"
            f" {row['requests_per_article_week']:>15.1f} {row['requests_per_detected_edit']:>13.1f}"
            f" {signals:>11}   ({took:.1f} s)",
            flush=True,
        )
