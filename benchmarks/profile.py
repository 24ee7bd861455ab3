"""``python -m benchmarks profile [discovery|recheck|quiet|full|read] [--py-spy]``.

Runs the replay of ``NEWSCRAWL_BENCH_ARTICLES`` (default 500) articles up to the chosen
step (``full``: the quiet step again, hours later, without validators; ``read``: then
once more, without page digests either, so every page is read; as the crawl
benchmark's last passes), then that step's ``scrapy crawl`` under cProfile (call counts;
the 30 costliest functions by own time are printed, the full profile is kept in
``crawl.prof``) and, with ``--py-spy``, under py-spy instead (on-CPU samples of every
thread, which cProfile misses: collapsed stacks in ``crawl-pyspy.txt``, the functions
with the most samples printed)."""

from __future__ import annotations

import os
import pstats
import shutil
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from benchmarks.crawl import REPO, SETTINGS, UNCONDITIONAL, build_script, unconditional_middlewares
from benchmarks.crawlproc import run_crawl
from newscrawl.replay import from_dict, resolve_corpus, running
from newscrawl.replay.driver import CRAWL_SETTINGS, call

STEPS = {"discovery": 0, "recheck": 1, "quiet": 2, "full": 3, "read": 4}
IDLE = ("Condition.wait ", "Thread._wait_for_tstate_lock ", "epoll.poll ")


def main(args: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if args is None else args)
    pyspy = "--py-spy" in args
    names = [a for a in args if a != "--py-spy"] or ["discovery"]
    if names[0] not in STEPS:
        raise SystemExit(f"profile what? one of {', '.join(STEPS)}, not {names[0]!r}")
    wanted = STEPS[names[0]]
    count = int(os.environ.get("NEWSCRAWL_BENCH_ARTICLES", "500"))
    corpus = resolve_corpus(os.environ.get("NEWSCRAWL_CORPUS") or REPO.parent / "shared" / "corpus")
    script = from_dict(build_script(corpus, count), corpus, "bench")
    out = Path.cwd()
    passes = [(step.time, "") for step in script.steps[: wanted + 1]]
    for hours, hook in ((3, "Unconditional"), (6, "Unread"))[: wanted + 1 - len(passes)]:
        passes.append((script.steps[-1].time + timedelta(hours=hours), hook))
    with tempfile.TemporaryDirectory() as tmp, running(script) as server:
        base = server.base_url
        hooks = Path(tmp, "hooks")
        hooks.mkdir()
        (hooks / "bench_unconditional.py").write_text(UNCONDITIONAL)
        for index, (now, unconditional) in enumerate(passes):
            if index and not unconditional:
                call(base, "/_replay/step", "POST")
            settings = {
                **CRAWL_SETTINGS,
                **SETTINGS,
                "NEWSCRAWL_STORE": f"sqlite:///{tmp}/profile.db",
                "NEWSCRAWL_NOW": now.isoformat(),
                "DELTAFETCH_DIR": f"{tmp}/df",
            }
            path = REPO
            if unconditional:
                settings["DOWNLOADER_MIDDLEWARES"] = unconditional_middlewares(REPO, unconditional)
                path = Path(os.pathsep.join([str(REPO), str(hooks)]))
            env, prefix = {}, None
            if index == wanted:
                env["NEWSCRAWL_BENCH_CPROFILE"] = str(out / "crawl.prof")
                if pyspy:
                    # The virtualenv's own py-spy first: its bin/ need not be on PATH.
                    beside = Path(sys.executable).with_name("py-spy")
                    spy = str(beside) if beside.exists() else shutil.which("py-spy")
                    if spy is None:
                        raise SystemExit(
                            "py-spy is not installed: pip install -r requirements-test.txt"
                        )
                    raw = str(out / "crawl-pyspy.txt")
                    prefix = [spy, "record", "--threads", "--format", "raw", "-o", raw, "--"]
                    env.pop("NEWSCRAWL_BENCH_CPROFILE")  # one profiler at a time
            run = run_crawl(["guardian", "-a", f"site={base}"], settings, REPO, path, prefix, env)
            if run.returncode:
                raise SystemExit(run.stderr[-2000:])
    print(f"{names[0]}: {count} articles, {run.cpu / count * 1000:.1f} ms CPU per page")
    if pyspy:
        print_samples(out / "crawl-pyspy.txt")
    else:
        stats = pstats.Stats(str(out / "crawl.prof"))
        stats.sort_stats("tottime").print_stats(30)
        print(f"full profile: {out / 'crawl.prof'} (python -m pstats)")


def print_samples(path: Path, top: int = 30) -> None:
    """The functions most on-CPU samples end in (py-spy's collapsed stacks, every thread)."""
    own: dict[str, int] = {}
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frame = stack.split(";")[-1]
        if frame.startswith(IDLE):
            continue  # a worker thread waiting for work, not CPU
        own[frame] = own.get(frame, 0) + int(count)
        total += int(count)
    print(f"py-spy: {total} samples; functions by own share (collapsed stacks in {path})")
    for frame, count in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {count / max(total, 1):6.1%}  {frame}")


if __name__ == "__main__":
    main()
