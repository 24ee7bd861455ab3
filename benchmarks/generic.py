"""The generic extractor next to trafilatura on every corpus page of an outlet with no module.

Run from the repository root: ``python -m benchmarks.generic`` (``-v`` lists every page)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from statistics import mean, median
from typing import Any

from newscrawl.outlets.base import NotAnArticle
from newscrawl.outlets.generic import GenericExtractor
from tests.conftest import CORPUS
from tests.extraction import groundtruth, versus

REPEAT = 3


def ours(html: bytes, url: str) -> dict[str, Any] | None:
    try:
        return GenericExtractor().extract(html, url)
    except NotAnArticle:
        return None


def trafilatura_engine(setting: str) -> Callable[[bytes, str], dict[str, Any] | None]:
    """trafilatura in one of its settings, text and title, shaped like a result."""
    return lambda html, url: versus.trafilatura_result(html, url, setting)


def timed(func: Callable, html: bytes, url: str) -> tuple[Any, float]:
    times, result = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = func(html, url)
        times.append(time.perf_counter() - start)
    return result, min(times) * 1000


def main(verbose: bool = False) -> None:
    engines = {
        "generic": ours,
        "trafilatura (favor_precision)": trafilatura_engine("favor_precision"),
        "trafilatura (default)": trafilatura_engine("default"),
    }
    pages = versus.generic_pages(CORPUS)
    rows: dict[str, dict[str, list]] = {}
    for page in pages:
        html = page.path.read_bytes()
        for engine, func in engines.items():
            result, ms = timed(func, html, page.url)
            row = rows.setdefault(f"{versus.group_of(page)}|{engine}", {"ms": [], "f1": {}})
            row["ms"].append(ms)
            row.setdefault("title", [])
            if "title" in page.truth:
                row["title"].append(bool(result) and groundtruth.check(page, "title", result)[0])
            if versus.expected_body(page) is not None:
                row["f1"][versus.key(page)] = versus.body_f1(page, result)
            if verbose and versus.expected_body(page) is not None:
                f1 = row["f1"][versus.key(page)]
                print(f"{versus.key(page)[:60]:<60} {engine:<30} F1 {f1:.3f} {ms:6.1f} ms")
    header = (
        f"{'pages':<14} {'engine':<30} {'mean F1':>8} {'within 0.05':>12} {'title':>9}"
        f" {'ms/page':>8} {'median':>7}"
    )
    print(header)
    for group in versus.GROUPS:
        tra = {e: rows[f"{group}|{e}"]["f1"] for e in engines if e != "generic"}
        # The reference is trafilatura in its better setting on these pages.
        best = max(tra, key=lambda e: mean(tra[e].values()))
        for engine in engines:
            row = rows[f"{group}|{engine}"]
            f1 = row["f1"]
            within = sum(f1[k] >= tra[best][k] - versus.MAX_SHORTFALL for k in f1)
            titles = row["title"]
            title = f"{sum(titles)}/{len(titles)}" if titles else "-"
            print(
                f"{group:<14} {engine:<30} {mean(f1.values()):8.4f} {within:>7}/{len(f1):<4}"
                f" {title:>9} {mean(row['ms']):8.1f} {median(row['ms']):7.1f}"
            )
    print("within 0.05: pages whose body F1 is at most 0.05 below trafilatura's better setting")


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
