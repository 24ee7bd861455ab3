"""``newscrawl serve``: run the read-only web viewer and feeds."""

from __future__ import annotations

import argparse

from newscrawl.store import resolve_store_uri


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the web viewer (latest changes, diffs, RSS/Atom feeds, JSON API)",
        description="Serve the read-only web viewer over HTTP.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on")
    parser.set_defaults(func=serve)


def serve(args: argparse.Namespace) -> int:
    from werkzeug.serving import make_server

    from newscrawl.web import create_app
    from newscrawl.web.db import close_store

    uri = resolve_store_uri(args.store)
    app = create_app({"STORE_URI": uri})
    server = make_server(args.host, args.port, app, threaded=True)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"newscrawl viewer on http://{host}:{server.port}/ ; Ctrl-C stops it", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        close_store(app)
    return 0
