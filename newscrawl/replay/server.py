"""The replay newsroom's HTTP server: real Guardian pages over simulated time, on loopback."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from newscrawl.replay import feeds
from newscrawl.replay.newsroom import Newsroom, Page, Validators
from newscrawl.replay.script import Script, ScriptError
from newscrawl.replay.truth import Schedule
from newscrawl.replay.world import ArticleState

HTML = "text/html; charset=utf-8"


class ReplayServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer holding one Newsroom."""

    daemon_threads = True
    block_on_close = False  # a held ``timeout`` connection must not stall shutdown

    def __init__(self, script: Script, host: str = "127.0.0.1", port: int = 8123) -> None:
        super().__init__((host, port), ReplayHandler)
        self.verbose = False
        self.newsroom = Newsroom(script, self.base_url)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class ReplayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a crawler expects
    server: ReplayServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        if self.server.verbose:
            super().log_message(format, *args)

    # -- plumbing --------------------------------------------------------------------
    @property
    def newsroom(self) -> Newsroom:
        return self.server.newsroom

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str = HTML,
        headers: dict[str, str] | None = None,
        saved: int = 0,
    ) -> None:
        # Counted before answering: a client that has its answer may ask for the stats
        # at once, from another connection.
        if not self.path_only.startswith("/_replay/"):
            self.newsroom.count(self.path_only, status, 0 if status == 304 else len(body), saved)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def _json(self, data: Any, status: int = 200) -> None:
        body = json.dumps(data, indent=1, sort_keys=True).encode()
        self._send(status, body, "application/json")

    @property
    def path_only(self) -> str:
        return urlsplit(self.path).path

    @property
    def query(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}

    # -- routes ----------------------------------------------------------------------
    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path, room = self.path_only, self.newsroom
        try:
            if path == "/_replay/step":
                to = self.query.get("to")
                self._json(room.advance(int(to) if to is not None else None))
            elif path == "/_replay/reset":
                self._json(room.reset())
            else:
                self._json({"error": f"no POST {path}"}, 404)
        except (ScriptError, ValueError) as exc:
            self._json({"error": str(exc)}, 409)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path, room = self.path_only, self.newsroom
        parts = [p for p in path.split("/") if p]
        if path.startswith("/_replay/"):
            return self._control(path)
        if path == "/robots.txt":
            return self._send(200, feeds.ROBOTS_TXT, "text/plain; charset=utf-8")
        with room.lock:
            states, now = list(room.states.values()), room.now
            state = room.by_path.get(path.rstrip("/") or "/")
        if path == "/sitemaps/news.xml":
            body = feeds.news_sitemap(states, room.base, now, room.script.lastmod)
            return self._send(200, body, "application/xml; charset=utf-8")
        if len(parts) == 2 and parts[1] == "rss":
            body = feeds.rss(states, room.base, now, parts[0])
            return self._send(200, body, "application/rss+xml; charset=utf-8")
        if len(parts) == 1 and (
            parts[0] in feeds.EDITIONS or any(s.section == parts[0] for s in states)
        ):
            return self._send(200, feeds.front(states, room.base, parts[0]))
        if path in feeds.DECOYS:
            return self._send(200, feeds.not_article_page(path))
        if state is None or state.status == "unpublished":
            return self._send(404, feeds.error_page(404))
        self._article(state, path)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self.do_GET()

    def _control(self, path: str) -> None:
        room = self.newsroom
        if path == "/_replay/state":
            with room.lock:
                return self._json(room.state())
        if path == "/_replay/stats":
            return self._json(room.stats_json())
        if path == "/_replay/truth":
            query = self.query
            try:
                schedule = Schedule(**{k: float(query[k]) for k in vars(Schedule()) if k in query})
                step = int(query["step"]) if "step" in query else None
                if step is not None and not 0 <= step < len(room.script.steps):
                    raise ValueError(f"no step {step}")
            except ValueError as exc:
                return self._json({"error": str(exc)}, 400)
            return self._json(room.truth(step, schedule))
        self._json({"error": f"no GET {path}"}, 404)

    # -- articles --------------------------------------------------------------------
    def _article(self, state: ArticleState, path: str) -> None:
        room = self.newsroom
        if state.status == "gone":
            return self._send(state.gone_status, feeds.error_page(state.gone_status))
        if state.redirect_to and path == state.path:
            location = room.base + state.redirect_to
            return self._send(301, feeds.error_page(301), headers={"Location": location})
        fault = state.fault.action if state.fault else None
        params = state.fault.params if state.fault else {}
        if fault == "fault":
            status = int(params["status"])
            return self._send(status, feeds.error_page(status))
        if fault == "timeout":
            return self._hold(float(params["seconds"]))
        if fault == "not_article":
            return self._send(200, feeds.not_article_page(path))
        if fault == "slow":
            time.sleep(float(params["seconds"]))
        if fault == "truncate":
            return self._truncate(room.page(state, room.peek_variant(state)))
        # HEAD does not count as a fetch of a flip-flopping page.
        variant = room.peek_variant(state) if self.command == "HEAD" else room.next_variant(state)
        known = room.validators(state, variant) if fault != "charset" else None
        if known is not None and self._not_modified(known):
            # Answered from the validators alone: the page is not rendered again.
            headers = {"ETag": known.etag, "Last-Modified": known.last_modified}
            return self._send(304, b"", headers=headers, saved=known.size)
        page = room.page(state, variant)
        headers = {"ETag": page.etag, "Last-Modified": page.last_modified}
        if fault == "charset":
            # Served in full whatever the validators, so the wrong header is seen.
            ctype = f"text/html; charset={params['declared']}"
            return self._send(200, page.body, ctype, headers)
        if self._not_modified(page):
            return self._send(304, b"", headers=headers, saved=len(page.body))
        self._send(200, page.body, headers=headers)

    def _not_modified(self, page: Page | Validators) -> bool:
        tags = self.headers.get("If-None-Match")
        if tags is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
            return tags.strip() == "*" or page.etag in [t.strip() for t in tags.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return parsedate_to_datetime(page.last_modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False

    def _hold(self, seconds: float) -> None:
        """Read the request, then say nothing for ``seconds`` and hang up."""
        self.newsroom.count(self.path_only, "timeout", 0)
        time.sleep(seconds)
        self.close_connection = True

    def _truncate(self, page: Page) -> None:
        """Declare the whole page, send half of it, then close the connection."""
        half = page.body[: len(page.body) // 2]
        self.newsroom.count(self.path_only, "truncated", len(half))
        self.send_response(200)
        self.send_header("Content-Type", HTML)
        self.send_header("Content-Length", str(len(page.body)))
        self.send_header("ETag", page.etag)
        self.end_headers()
        self.wfile.write(half)
        self.wfile.flush()
        self.close_connection = True
        with suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


@contextmanager
def running(script: Script, host: str = "127.0.0.1", port: int = 0) -> Iterator[ReplayServer]:
    """Run a replay server in a background thread (port 0 picks a free port)."""
    server = ReplayServer(script, host, port)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="replay", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
