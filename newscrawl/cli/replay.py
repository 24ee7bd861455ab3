"""``newscrawl replay``: run the replay newsroom, and drive a running one through its steps."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from typing import Any

DEFAULT_URL = "http://127.0.0.1:8123"


def _serve_options(parser: argparse.ArgumentParser, default: Any = None) -> None:
    # The ``serve`` subcommand repeats these with SUPPRESS so that it does not reset
    # values given before it (``newscrawl replay --port 9000`` also serves).
    def value(v: Any) -> Any:
        return argparse.SUPPRESS if default is argparse.SUPPRESS else v

    parser.add_argument("--host", default=value("127.0.0.1"), help="address to listen on")
    parser.add_argument(
        "--port", type=int, default=value(8123), help="port (0 picks a free one; default 8123)"
    )
    parser.add_argument(
        "--script",
        default=value("demo"),
        help="bundled script name or path to a YAML script (default: demo)",
    )
    parser.add_argument(
        "--corpus",
        default=value(None),
        help="corpus directory (default: $NEWSCRAWL_CORPUS, then ../shared/corpus)",
    )
    parser.add_argument(
        "--verbose", action="store_true", default=value(False), help="log every request"
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "replay",
        help="run the replay newsroom (real pages, scripted edits and faults)",
        description="Serve real Guardian pages over simulated time on loopback, with "
        "scripted edits and faults, and tell a running replay to move on.",
    )
    _serve_options(parser)
    parser.set_defaults(func=_serve)
    actions = parser.add_subparsers(dest="replay_action", metavar="ACTION")
    serve = actions.add_parser("serve", help="serve a script (the default action)")
    _serve_options(serve, argparse.SUPPRESS)
    serve.set_defaults(func=_serve)
    for name, helptext, method, path in (
        ("step", "advance a running replay one step", "POST", "/_replay/step"),
        ("reset", "send a running replay back to step 0", "POST", "/_replay/reset"),
        ("state", "print the current step and its time", "GET", "/_replay/state"),
        ("truth", "print the ground truth so far", "GET", "/_replay/truth"),
        ("stats", "print requests and bytes served", "GET", "/_replay/stats"),
    ):
        action = actions.add_parser(name, help=helptext)
        action.add_argument(
            "--url", default=DEFAULT_URL, help=f"replay root (default {DEFAULT_URL})"
        )
        if name in ("step", "truth"):
            action.add_argument("--to" if name == "step" else "--step", type=int, metavar="N")
        action.set_defaults(func=_remote, method=method, endpoint=path)
    scripts = actions.add_parser("scripts", help="list the bundled scripts")
    scripts.set_defaults(func=_list_scripts)


def _serve(args: argparse.Namespace) -> int:
    from newscrawl.replay import CorpusError, ReplayServer, ScriptError, load_script
    from newscrawl.replay.corpus import resolve_corpus

    try:
        script = load_script(args.script, resolve_corpus(args.corpus))
    except (CorpusError, ScriptError) as exc:
        print(f"newscrawl replay: {exc}", file=sys.stderr)
        return 2
    try:
        server = ReplayServer(script, args.host, args.port)
    except OSError as exc:
        print(f"newscrawl replay: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    server.verbose = args.verbose
    state = server.newsroom.state()
    print(
        f"newscrawl replay: script {script.name!r} ({state['steps']} steps) at "
        f"{server.base_url}/ - step 0, time {state['time']}",
        flush=True,
    )
    print(
        f"  crawl it:  scrapy crawl guardian -a site={server.base_url} "
        f"-s NEWSCRAWL_NOW={state['time']}\n"
        f"  next step: newscrawl replay step --url {server.base_url}",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _remote(args: argparse.Namespace) -> int:
    url = args.url.rstrip("/") + args.endpoint
    number = getattr(args, "to", None) if args.method == "POST" else getattr(args, "step", None)
    if number is not None:
        url += f"?{'to' if args.method == 'POST' else 'step'}={number}"
    request = urllib.request.Request(
        url, method=args.method, data=b"" if args.method == "POST" else None
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        print(f"newscrawl replay: {json.loads(exc.read()).get('error', exc)}", file=sys.stderr)
        return 1
    except urllib.error.URLError as exc:
        print(f"newscrawl replay: no replay at {args.url}: {exc.reason}", file=sys.stderr)
        return 1
    sys.stdout.write(body.decode() + "\n")
    return 0


def _list_scripts(args: argparse.Namespace) -> int:
    from newscrawl.replay import bundled_scripts

    for name in bundled_scripts():
        print(name)
    return 0
