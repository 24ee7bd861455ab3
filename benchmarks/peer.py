"""diffengine side by side: the closest open peer and newscrawl on the same replay, same run.

diffengine 0.2.7 (PyPI) is installed with pip into a separate virtualenv made here (never
a dependency of newscrawl) and driven by a small script that configures it to read the
replay's section RSS feeds. Its archiving (web.archive.org), tweeting and screenshots
(Firefox + geckodriver) are switched off and its one-second pause per page removed, so
what is measured is fetching, readability extraction, comparing and storing. Four passes
each: discovery (every page new), a re-check after the replay's edit step (a tenth of the
pages edited), a quiet re-check (nothing changed) and a full re-check. diffengine has no
conditional requests, so all its re-checks are full (every page fetched and extracted
again); newscrawl's get 304s for the pages that did not change, except in the full pass,
where it sends no validators nor page digests, so it reads every page too. Figures are
wall time and CPU per article page fetched, of each whole process (newscrawl's crawl
process measured alone), and each side's CPU per page after its start-up (diffengine's
measured inside its loop, newscrawl's as the pass's CPU minus that of an idle run that
neither discovers nor re-checks).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.crawl import REPO, SETTINGS, UNCONDITIONAL, build_script, unconditional_middlewares
from benchmarks.crawlproc import run_crawl
from newscrawl.replay import from_dict, resolve_corpus, running
from newscrawl.replay.driver import CRAWL_SETTINGS, call, fetched_paths

# diffengine takes about a second of wall time per 10 pages: 500 keeps the three passes
# to a few minutes while start-up stays a small share of each figure.
ARTICLES = int(os.environ.get("NEWSCRAWL_BENCH_PEER_ARTICLES", "500"))
PEER = "diffengine==0.2.7"
# diffengine 0.2.7 pins htmldiff==0.2, which was only ever a GitHub tarball; PyPI has
# htmldiff 0.1 (the same render_html_diff), which is Python 2 code in three places: two
# regexes end in "(?u)", which Python 3.11 refuses ("global flags not at the start"), so
# the driver moves the flag to the front while htmldiff is imported; and two functions
# call ``it.next()``, so the driver puts the same functions with ``next(it)`` in their
# place. The rest are diffengine's own requirements, imported at its top even where
# switched off (tweepy, selenium).
PEER_DEPS = [
    "htmldiff==0.1", "html5lib", "genshi", "bleach", "jinja2", "peewee", "pyyaml", "requests",
    "feedparser", "readability-lxml", "tweepy", "selenium",
]  # fmt: skip

DRIVER = r"""
import json, re, resource, sys, time, types
compile_ = re.compile
def compile_flags_first(pattern, flags=0):
    if isinstance(pattern, str) and pattern.endswith("(?u)"):
        pattern = "(?u)" + pattern[:-4]
    return compile_(pattern, flags)
re.compile = compile_flags_first
import htmldiff
re.compile = compile_

def longzip(a, b):  # htmldiff 0.1's, with next(it) for Python 2's it.next()
    aiter, biter = iter(a), iter(b)
    try:
        for item1 in aiter:
            yield item1, next(biter)
    except StopIteration:
        for item1 in aiter:
            yield item1, None
    else:
        for item2 in biter:
            yield None, item2

def text_split(self, text):  # the same
    worditer = htmldiff.chain([""], htmldiff._diff_split_re.split(text))
    return [x + next(worditer) for x in worditer]

htmldiff.longzip = longzip
htmldiff.StreamDiffer.text_split = text_split
import diffengine as de

home, feeds, mode = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
de.home = home
de.config = {"db": home + "/diffengine.db"}
de.time = types.SimpleNamespace(sleep=lambda seconds: None)  # its pause per page
de.EntryVersion.archive = lambda self: None  # no web.archive.org
de.Diff._generate_diff_images = lambda self: None  # no Firefox screenshots
de.setup_db()
started, cpu0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
pages = new = 0
for url in feeds:
    feed, _ = de.Feed.get_or_create(url=url, name=url)
    if mode == "discover":
        feed.get_latest()
    for entry in feed.entries:
        # Every entry is checked (its staleness heuristic would skip fresh ones).
        if mode == "discover" and entry.versions.count():
            continue
        pages += 1
        if entry.get_latest():
            new += 1
cpu1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
print(json.dumps({"pages": pages, "new": new, "wall": time.perf_counter() - started, "cpu": cpu}))
"""


def install(venv: Path) -> str | None:
    """Make the peer's virtualenv; the reason when it cannot be made, else None."""
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin/pip"), "install", "--quiet", "--no-deps", PEER],
        [str(venv / "bin/pip"), "install", "--quiet", *PEER_DEPS],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode:
            return f"{' '.join(step[-3:])} failed: {done.stderr.strip()[-400:]}"
    return None


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peer_pass(venv: Path, home: Path, feeds: list[str], mode: str) -> dict | str:
    """One diffengine pass; wall and CPU of its whole process (start-up included, as for
    newscrawl's crawl process), and ``loop_cpu``: its CPU after start-up."""
    command = [str(venv / "bin/python"), "-c", DRIVER, str(home), json.dumps(feeds), mode]
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if done.returncode:
        return f"diffengine failed: {done.stderr.strip()[-600:]}"
    inside = json.loads(done.stdout.strip().splitlines()[-1])
    return {"pages": inside["pages"], "new": inside["new"], "wall": wall, "cpu": cpu,
            "loop_cpu": inside["cpu"]}  # fmt: skip


def newscrawl_pass(
    base: str, store_uri: str, now: str, tmp: Path, mode: str, articles: set[str]
) -> dict:
    """One ``scrapy crawl guardian``: wall and CPU of the crawl process alone. ``mode``:
    ``discover``/``recheck`` as the replay's step has it, ``full`` with the validators
    and page digests stripped (every page fetched and read again, as diffengine always
    does), ``idle``
    neither discovering nor re-checking (start-up and shutdown alone). Pages are the
    requests for the ``articles`` paths (feeds, sitemaps and robots.txt not counted)."""
    hooks = tmp / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "bench_unconditional.py").write_text(UNCONDITIONAL)
    settings = {
        **CRAWL_SETTINGS,
        **SETTINGS,
        "NEWSCRAWL_STORE": store_uri,
        "NEWSCRAWL_NOW": now,
        "DELTAFETCH_DIR": str(tmp / "df"),
    }
    args = ["guardian", "-a", f"site={base}"]
    if mode == "full":
        # Nor the page digest: every page read again, as diffengine does.
        settings["DOWNLOADER_MIDDLEWARES"] = unconditional_middlewares(REPO, "Unread")
    if mode == "idle":
        args += ["-a", "discover=0", "-a", "recheck=0"]
    before = call(base, "/_replay/stats")
    started = time.perf_counter()
    run = run_crawl(args, settings, REPO, Path(os.pathsep.join([str(REPO), str(hooks)])))
    wall = time.perf_counter() - started
    if run.returncode:
        raise RuntimeError(run.stderr[-2000:])
    fetched = fetched_paths(before, call(base, "/_replay/stats"))
    pages = sum(count for path, count in fetched.items() if path in articles)
    return {"pages": pages, "wall": wall, "cpu": run.cpu}


def per_page(figures: dict, key: str = "cpu") -> float:
    return figures[key] / max(figures["pages"], 1) * 1000


def line(name: str, figures: dict) -> str:
    return (
        f"{name:11} {figures['pages']:5} pages  wall {figures['wall']:6.1f} s  "
        f"CPU {per_page(figures):7.1f} ms/page"
    )


def main() -> None:
    corpus = resolve_corpus(os.environ.get("NEWSCRAWL_CORPUS") or REPO.parent / "shared" / "corpus")
    with tempfile.TemporaryDirectory(prefix="newscrawl-peer-") as tmp_name:
        tmp = Path(tmp_name)
        print(f"installing {PEER} into a separate virtualenv (pip, from PyPI)", flush=True)
        problem = install(tmp / "venv")
        if problem:
            print(f"diffengine cannot run here: {problem}")
            return
        script = from_dict(build_script(corpus, ARTICLES), corpus, "peer")
        sections = sorted({a.section for a in script.articles.values()})
        with running(script) as server:
            base = server.base_url
            feeds = [f"{base}/{section}/rss" for section in sections]
            store_uri = f"sqlite:///{tmp}/newscrawl.db"
            home = tmp / "diffengine"
            home.mkdir()
            passes = [
                ("discovery", "discover", "discover"),
                ("re-check after the edits", "recheck", "recheck"),
                ("quiet re-check", "recheck", "recheck"),
                ("full re-check (newscrawl reads every page)", "full", "recheck"),
            ]
            now = script.steps[0].time.isoformat()
            paths = {article.path for article in script.articles.values()}
            idle = newscrawl_pass(base, f"sqlite:///{tmp}/idle.db", now, tmp, "idle", paths)
            print(f"{ARTICLES} articles, {len(feeds)} section feeds; CPU of each whole process")
            print(f"newscrawl start-up and shutdown alone: {idle['cpu']:.2f} s of CPU")
            for step, (name, ours_mode, peer_mode) in enumerate(passes):
                if 0 < step < len(script.steps):
                    call(base, "/_replay/step", "POST")
                at = script.steps[min(step, len(script.steps) - 1)].time
                if ours_mode == "full":  # hours on, when every article is due again
                    at += timedelta(hours=3)
                ours = newscrawl_pass(base, store_uri, at.isoformat(), tmp, ours_mode, paths)
                theirs = peer_pass(tmp / "venv", home, feeds, peer_mode)
                steady_ours = after_startup(ours, idle)
                print(f"\n{name} pass")
                print("  " + line("newscrawl", ours) + f" ({steady_ours:.1f} after its start-up)")
                if isinstance(theirs, str):
                    print(f"  {theirs}")
                    return
                print(
                    "  " + line("diffengine", theirs) + f" ({per_page(theirs, 'loop_cpu'):.1f} "
                    f"after its start-up; {theirs['new']} new versions)"
                )
                ratio = per_page(theirs) / max(per_page(ours), 1e-9)
                steady = per_page(theirs, "loop_cpu") / max(steady_ours, 1e-9)
                wall = theirs["wall"] / max(ours["wall"], 1e-9)
                print(
                    f"  diffengine / newscrawl: CPU per page {ratio:.1f}x "
                    f"({steady:.1f}x after start-up), wall {wall:.1f}x"
                )


def after_startup(ours: dict, idle: dict) -> float:
    """newscrawl's CPU ms per page beyond what an idle run of it costs."""
    return max(ours["cpu"] - idle["cpu"], 0.0) / max(ours["pages"], 1) * 1000


if __name__ == "__main__":
    main()
