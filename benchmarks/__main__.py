"""`make bench`: run every benchmark and print its figures (nothing is asserted).

``python -m benchmarks profile discovery`` profiles one crawl step instead (see
``benchmarks/profile.py``)."""

from __future__ import annotations

import importlib
import sys
import time

MODULES = (
    "extraction",
    "generic",
    "outlets",
    "diffing",
    "store",
    "events",
    "deltafetch",
    "crawl",
    "peer",
    "floor",
    "export",
    "schedule",
)


def main(names: list[str]) -> int:
    if names[:1] == ["profile"]:
        importlib.import_module("benchmarks.profile").main(names[1:])
        return 0
    for name in names or MODULES:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"\n=== {name} " + "=" * (70 - len(name)), flush=True)
        started = time.perf_counter()
        module.main()
        print(f"--- {name}: {time.perf_counter() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
