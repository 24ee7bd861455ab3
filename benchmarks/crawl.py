"""Crawl benchmark: real ``scrapy crawl guardian`` runs against a replay of 2,000 articles.

Real corpus pages are reused under distinct paths; a tenth of them are edited between
the discovery run and the first re-check. Prints pages/s, CPU seconds per page, peak
RSS of the crawl process, bytes fetched per re-check with and without conditional
requests, and store bytes per version; for this tree and, side by side in the same run,
for the base commit it is compared with (``NEWSCRAWL_BENCH_BASE``, default the point
where this branch left ``main``), exported with ``git archive`` to a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchmarks.crawlproc import run_crawl
from benchmarks.store import edit_step_bytes, file_bytes
from newscrawl.replay import from_dict, resolve_corpus, running
from newscrawl.replay.corpus import guardian_pages, load_page
from newscrawl.replay.driver import CRAWL_SETTINGS, call
from newscrawl.store import open_store

ARTICLES = int(os.environ.get("NEWSCRAWL_BENCH_ARTICLES", "2000"))
SETTINGS = {
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    # Every article due is re-checked in one run, however many the replay has.
    "NEWSCRAWL_MAX_DUE": str(max(ARTICLES, 5000)),
}
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


def base_tree(tmp: Path) -> tuple[str, Path] | None:
    """The commit to compare with (``NEWSCRAWL_BENCH_BASE``, default: where this branch
    left ``main``) exported with ``git archive`` into ``tmp``; None without git or when
    it is HEAD itself. The crawl imports it through PYTHONPATH, ahead of this tree."""
    wanted = os.environ.get("NEWSCRAWL_BENCH_BASE", "")
    try:
        if not wanted:
            wanted = _git("merge-base", "HEAD", "main")
        commit = _git("rev-parse", "--verify", f"{wanted}^{{commit}}")
        if commit == _git("rev-parse", "HEAD"):
            return None
        tree = tmp / "base"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "archive", commit], cwd=REPO, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"(no base to compare with: {exc})")
        return None
    return commit[:10], tree


def _git(*args: str) -> str:
    run = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True)
    return run.stdout.strip()


def run_steps(script: Any, tree: Path, tmp: Path, label: str) -> list[dict[str, float]]:
    """Every step of ``script`` crawled with the newscrawl in ``tree``; figures per step."""
    figures: list[dict[str, float]] = []
    work = tmp / f"run-{label}"
    work.mkdir()
    hooks = tmp / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "bench_unconditional.py").write_text(UNCONDITIONAL)
    last = script.steps[-1].time
    # Every step in turn, then the last one again hours later with the validators
    # stripped: each article fetched in full and found unchanged, first as the same
    # page as before, then also without the digest that tells so (every page read).
    passes = [(i, step.time, "") for i, step in enumerate(script.steps)]
    passes.append((len(script.steps) - 1, last + timedelta(hours=3), "Unconditional"))
    passes.append((len(script.steps) - 1, last + timedelta(hours=6), "Unread"))
    with running(script) as server:
        base, store_uri = server.base_url, f"sqlite:///{work}/bench.db"
        for index, now, unconditional in passes:
            if index and not unconditional:
                call(base, "/_replay/step", "POST")
            if index == 1 and not unconditional:
                size_before = file_bytes(store_uri)
            before = call(base, "/_replay/stats")["totals"]
            settings = {
                **CRAWL_SETTINGS,
                **SETTINGS,
                "NEWSCRAWL_STORE": store_uri,
                "NEWSCRAWL_NOW": now.isoformat(),
                "DELTAFETCH_DIR": str(work / "df"),
            }
            if unconditional:
                settings["DOWNLOADER_MIDDLEWARES"] = unconditional_middlewares(tree, unconditional)
            path = os.pathsep.join([str(tree), str(hooks)])
            wall = time.perf_counter()
            run = run_crawl(["guardian", "-a", f"site={base}"], settings, tree, Path(path))
            wall = time.perf_counter() - wall
            if run.returncode:
                print(run.stderr[-2000:])
                return figures
            after = call(base, "/_replay/stats")["totals"]
            pages = len(call(base, "/_replay/truth")["steps"][-1]["fetches"])
            fetched = after["bytes"] - before["bytes"]
            saved = after["saved"] - before["saved"]
            if index == 1 and not unconditional and label == "this":
                edit_step_bytes(store_uri, size_before)  # the edit step: one version in ten
            figures.append(
                {
                    "pages": pages,
                    "wall": wall,
                    "cpu_ms": run.cpu / max(pages, 1) * 1000,
                    "rss": run.peak_kib / 1024,
                    "kib": fetched / max(pages, 1) / 1024,
                    "kib_plain": (fetched + saved) / max(pages, 1) / 1024,
                }
            )
        with open_store(store_uri) as store:
            truth = call(base, "/_replay/truth")["steps"][-1]["fetches"]
            versions = sum(a["version_count"] for a in _articles(store, truth, base))
    size = Path(work, "bench.db").stat().st_size
    figures.append({"versions": versions, "size": size})
    return figures


def unconditional_middlewares(tree: Path, name: str = "Unconditional") -> str:
    """The tree's own downloader middlewares plus ``name`` from ``UNCONDITIONAL``, as a
    ``-s DOWNLOADER_MIDDLEWARES=`` value (which replaces the project's whole dict)."""
    source = (tree / "newscrawl" / "settings.py").read_text(encoding="utf-8")
    namespace: dict[str, Any] = {}
    exec(compile(source, "settings.py", "exec"), namespace)  # noqa: S102
    middlewares = dict(namespace.get("DOWNLOADER_MIDDLEWARES") or {})
    middlewares[f"bench_unconditional.{name}"] = 1
    return json.dumps(middlewares)


STEP_NAMES = (
    "discovery",
    "re-check (10% edited)",
    "quiet re-check (304s)",
    "full re-check, no change (no validators sent)",
    "full re-check, every page read (nor its digest)",
)
# Downloader middlewares for the last passes: requests go out without validators, then
# also without the page digest (as on a site whose pages differ at every fetch).
UNCONDITIONAL = """
class Unconditional:
    def process_request(self, request, spider=None):
        request.headers.pop("If-None-Match", None)
        request.headers.pop("If-Modified-Since", None)


class Unread(Unconditional):
    def process_request(self, request, spider=None):
        super().process_request(request, spider)
        request.meta.pop("newscrawl_digest", None)
"""


def main() -> None:
    corpus = resolve_corpus(os.environ.get("NEWSCRAWL_CORPUS") or REPO.parent / "shared" / "corpus")
    started = time.perf_counter()
    script = from_dict(build_script(corpus, ARTICLES), corpus, "bench")
    print(f"replay of {ARTICLES} articles built in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        runs = []
        base = base_tree(tmp)
        if base is not None:
            print(f"measuring base {base[0]} (git archive, imported via PYTHONPATH) ...")
            runs.append((f"base {base[0]}", run_steps(script, base[1], tmp, "base")))
        print("measuring this tree ...")
        runs.append(("this tree", run_steps(script, REPO, tmp, "this")))
    report(runs)


def report(runs: list[tuple[str, list[dict[str, float]]]]) -> None:
    """One row per figure, one column per tree: before and after side by side."""
    names = [name for name, _ in runs]
    print("\n" + f"{'figure':44}" + "".join(f"{n:>20}" for n in names))
    for index, step in enumerate(STEP_NAMES):
        rows = [
            ("CPU ms/page (crawl process)", "cpu_ms", "{:.1f}"),
            ("wall s (process start included)", "wall", "{:.1f}"),
            ("peak RSS MiB (crawl process alone)", "rss", "{:.0f}"),
            ("KiB fetched per page", "kib", "{:.1f}"),
            ("KiB per page without conditional GETs", "kib_plain", "{:.1f}"),
        ]
        pages = next((int(f[index]["pages"]) for _, f in runs if len(f) > index), 0)
        print(f"step {index}: {step}, {pages} articles")
        for label, key, fmt in rows:
            cells = [fmt.format(f[index][key]) if len(f) > index else "-" for _, f in runs]
            print(f"  {label:42}" + "".join(f"{c:>20}" for c in cells))
    cells = []
    for _, f in runs:
        last = f[-1] if f and "versions" in f[-1] else None
        cells.append(f"{last['size'] / max(last['versions'], 1) / 1024:.1f}" if last else "-")
    print(f"  {'store KiB per version (SQLite)':42}" + "".join(f"{c:>20}" for c in cells))


def _articles(store: Any, fetches: dict[str, str], base: str) -> list[dict[str, Any]]:
    return [a for url in fetches if (a := store.get_article(url)) is not None]


if __name__ == "__main__":
    main()
