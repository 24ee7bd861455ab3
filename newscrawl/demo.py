"""``make demo``: crawl the replay newsroom through a day of edits, offline, in about a minute.

Starts the replay on a free loopback port, runs ``scrapy crawl guardian`` at each step's
simulated time, checks the store against the ground truth, then prints the history of
the articles that changed. The store is ``./demo-data/newscrawl.db``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from newscrawl.replay import CorpusError, ScriptError, load_script, resolve_corpus, running
from newscrawl.replay.driver import call, compare, crawl
from newscrawl.store import open_store

DATA = Path("demo-data")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    script_name = args[0] if args else "demo"
    try:
        script = load_script(script_name, resolve_corpus())
    except (CorpusError, ScriptError) as exc:
        print(f"demo: {exc}", file=sys.stderr)
        return 2
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir()
    store_uri = f"sqlite:///{(DATA / 'newscrawl.db').resolve()}"
    print(f"newscrawl demo: script {script.name!r}, {len(script.steps)} steps, store {store_uri}")
    with running(script) as server:
        base = server.base_url
        print(f"replay newsroom at {base}/\n")
        for index, step in enumerate(script.steps):
            if index:
                call(base, "/_replay/step", "POST")
            print(f"[{step.time:%a %H:%M}] {step.note}")
            run = crawl(base, store_uri, step.time.isoformat(), DATA / "deltafetch")
            if run.returncode:
                print(run.stderr[-3000:], file=sys.stderr)
                return 1
            truth = call(base, "/_replay/truth")
            with open_store(store_uri) as store:
                problems = compare(store, truth)
                for url in truth["steps"][-1]["fetches"]:
                    change = store.get_change(url, store.get_article(url)["version_count"] or 0)
                    if change and change["detected"].isoformat() == step.time.isoformat():
                        print(f"    {change['title'][:60]}: {change['summary']}")
            verdict = "matches the ground truth" if not problems else "; ".join(problems)
            print(f"    store {verdict}")
        with open_store(store_uri) as store:
            changed = sorted({c["url"] for c in store.list_changes(limit=1000)})
        for url in changed:
            print(f"\n$ newscrawl --store {store_uri} history {url}")
            sys.stdout.flush()
            subprocess.run(
                [sys.executable, "-m", "newscrawl", "--store", store_uri, "history", url],
                check=False,
            )
    print(f"\nBrowse the versions and diffs:\n  newscrawl --store {store_uri} serve")
    print("  then open http://127.0.0.1:8080/ (or the address it prints)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
