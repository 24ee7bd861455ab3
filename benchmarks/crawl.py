"""Crawl benchmark: real ``scrapy crawl guardian`` runs against a replay of 2,000 articles.

Real corpus pages are reused under distinct paths; a tenth of them are edited between
the discovery run and the first re-check. Prints pages/s, CPU seconds per page, peak
RSS of the crawl process, bytes fetched per re-check with and without conditional
requests, and store bytes per version.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.store import edit_step_bytes, file_bytes
from newscrawl.replay import from_dict, resolve_corpus, running
from newscrawl.replay.corpus import guardian_pages, load_page
from newscrawl.replay.driver import call, crawl
from newscrawl.store import open_store

ARTICLES = int(os.environ.get("NEWSCRAWL_BENCH_ARTICLES", "2000"))
SETTINGS = {"CONCURRENT_REQUESTS": "32", "CONCURRENT_REQUESTS_PER_DOMAIN": "32"}
REPO = Path(__file__).resolve().parent.parent


def build_script(corpus: Path, count: int) -> dict[str, Any]:
    """``count`` articles cycling through the corpus pages; every tenth edited at step 1."""
    pages = [ref for ref in guardian_pages(corpus) if not ref.endswith("/v2.html")]
    articles, edits = {}, []
    for n in range(count):
        ref = pages[n % len(pages)]
        section = load_page(corpus, ref).section
        articles[f"a{n}"] = {"page": ref, "path": f"/{section}/2024/jun/03/bench-story-{n}"}
        if n % 20 == 0:
            edits.append({"headline": f"a{n}", "text": f"Benchmark story {n} gets a new headline"})
        elif n % 20 == 10:
            edits.append({"add": f"a{n}", "at": 1, "text": f"Benchmark paragraph added to {n}."})
    return {
        "name": "bench",
        "articles": articles,
        "steps": [
            {"time": "2024-06-03T08:00:00Z", "do": [{"publish": name} for name in articles]},
            {"time": "2024-06-03T09:00:00Z", "do": edits},
            {"time": "2024-06-03T11:00:00Z", "do": []},
        ],
    }


def _children() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> None:
    corpus = resolve_corpus(os.environ.get("NEWSCRAWL_CORPUS") or REPO.parent / "shared" / "corpus")
    started = time.perf_counter()
    script = from_dict(build_script(corpus, ARTICLES), corpus, "bench")
    print(f"replay of {ARTICLES} articles built in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp, running(script) as server:
        base, store_uri = server.base_url, f"sqlite:///{tmp}/bench.db"
        for index, step in enumerate(script.steps):
            if index:
                call(base, "/_replay/step", "POST")
            if index == 1:
                size_before = file_bytes(store_uri)
            before = call(base, "/_replay/stats")["totals"]
            cpu_before, _ = _children()
            wall = time.perf_counter()
            run = crawl(base, store_uri, step.time.isoformat(), Path(tmp) / "df", SETTINGS, REPO)
            wall = time.perf_counter() - wall
            cpu, peak_kb = _children()
            if run.returncode:
                print(run.stderr[-2000:])
                return
            after = call(base, "/_replay/stats")["totals"]
            truth = call(base, "/_replay/truth")["steps"][-1]["fetches"]
            pages = len(truth)
            fetched = after["bytes"] - before["bytes"]
            saved = after["saved"] - before["saved"]
            print(f"\nstep {index} ({'discovery' if index == 0 else 're-check'}): {pages} articles")
            print(f"  wall {wall:.1f} s, {pages / wall:.0f} pages/s (process start included)")
            print(f"  CPU {(cpu - cpu_before) / max(pages, 1) * 1000:.1f} ms/page (crawl process)")
            print(f"  peak RSS of a crawl process so far {peak_kb / 1024:.0f} MiB")
            if index == 1:
                edit_step_bytes(store_uri, size_before)
            if index:
                print(
                    f"  bytes per re-check: {fetched / pages / 1024:.1f} KiB with conditional "
                    f"requests, {(fetched + saved) / pages / 1024:.1f} KiB without"
                )
        with open_store(store_uri) as store:
            versions = sum(a["version_count"] for a in _articles(store, truth, base))
        size = Path(tmp, "bench.db").stat().st_size
        print(
            f"\nstore: {versions} versions, {size / 2**20:.1f} MiB SQLite, "
            f"{size / max(versions, 1) / 1024:.1f} KiB per version"
        )


def _articles(store: Any, fetches: dict[str, str], base: str) -> list[dict[str, Any]]:
    return [a for url in fetches if (a := store.get_article(url)) is not None]


if __name__ == "__main__":
    main()
