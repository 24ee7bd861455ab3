"""``make demo``: crawl the replay newsroom through a day of edits, offline, in about a minute.

Starts the replay on a free loopback port, runs ``scrapy crawl guardian`` at each step's
simulated time, checks the store against the ground truth, then prints the history of
the articles that changed and the exact commands that look at what was found. The store
is ``./demo-data/newscrawl.db`` (``NEWSCRAWL_STORE=sqlite:///demo-data/newscrawl.db``).
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
# What the README's "look at what was found" commands need after ``make demo``.
STORE_ENV = f"NEWSCRAWL_STORE=sqlite:///{DATA}/newscrawl.db"


def console_script() -> str:
    """How to run ``newscrawl`` here: the console script next to this Python (as a path
    relative to the working directory when it is under it), else ``python -m``."""
    script = Path(sys.executable).parent / "newscrawl"
    if not script.exists():
        return f"{sys.executable} -m newscrawl"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


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
            changes = store.list_changes(limit=1000)
        changed = sorted({c["url"] for c in changes})
        cli = console_script()
        for url in changed:
            print(f"\n$ {cli} --store {store_uri} history {url}")
            sys.stdout.flush()
            subprocess.run(
                [sys.executable, "-m", "newscrawl", "--store", store_uri, "history", url],
                check=False,
            )
    print_next_steps(cli, store_uri, changes[0]["url"] if changes else "URL")
    return 0


def print_next_steps(cli: str, store_uri: str, url: str) -> None:
    """The commands that look at what was found, exactly as they can be pasted here."""
    print(
        f"""
Look at what was found. The demo's store is {store_uri};
set it once for the commands below (from this directory):

  export {STORE_ENV}
  {cli} history {url}
  {cli} diff {url}
  {cli} serve        # then open http://127.0.0.1:8080/

or name it in each command: {cli} --store {store_uri} history URL"""
    )


if __name__ == "__main__":
    sys.exit(main())
