"""``newscrawl serve``: run the read-only web viewer and feeds."""

from __future__ import annotations

import argparse
import os
import socket
import sys

from newscrawl.store import resolve_store_uri

WILDCARDS = ("", "0.0.0.0", "::")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the web viewer (latest changes, diffs, RSS/Atom feeds, JSON API)",
        description="Serve the read-only web viewer over HTTP.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on")
    parser.add_argument(
        "--base-url",
        default=os.environ.get("NEWSCRAWL_BASE_URL"),
        help="public URL of the viewer, for the absolute links of feeds "
        "(default $NEWSCRAWL_BASE_URL, else the address it listens on)",
    )
    parser.set_defaults(func=serve)


def serve(args: argparse.Namespace) -> int:
    from werkzeug.serving import make_server

    from newscrawl.web import create_app
    from newscrawl.web.db import close_store

    uri = resolve_store_uri(args.store)
    host = f"[{args.host}]" if ":" in args.host else args.host
    server = make_server(args.host, args.port, None, threaded=True)  # type: ignore[arg-type]
    # Without a configured public URL, links name the address the viewer listens on
    # (the machine's name when that is every interface), never a client's Host header.
    named = socket.getfqdn() if args.host in WILDCARDS else host
    try:
        app = create_app(
            {"STORE_URI": uri, "BASE_URL": args.base_url or f"http://{named}:{server.port}/"}
        )
    except ValueError as exc:
        server.server_close()
        print(f"newscrawl serve: {exc}", file=sys.stderr)
        return 2
    server.app = app
    print(f"newscrawl viewer on http://{host}:{server.port}/ ; Ctrl-C stops it", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        close_store(app)
    return 0
