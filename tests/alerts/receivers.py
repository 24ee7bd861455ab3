"""Real alert receivers on loopback: an SMTP server (aiosmtpd) and an HTTP webhook."""

from __future__ import annotations

import json
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class SMTPReceiver:
    """An SMTP server without TLS or login on a free loopback port; keeps what it gets."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = _Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)
        self.controller.start()

    @property
    def messages(self) -> list[EmailMessage]:
        return self.inbox.messages

    def url(self) -> str:
        return f"mailto://127.0.0.1:{self.port}?from=alerts@example.org&to=desk@example.org"

    def stop(self) -> None:
        self.controller.stop()


class WebhookReceiver:
    """An HTTP server that records each JSON POST (apprise's ``json://``) and answers 200."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.posts: list[dict[str, Any]] = []
        received = self.posts

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self) -> str:
        return f"json://127.0.0.1:{self.port}/hook"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


class SilentReceiver:
    """Accepts connections and never answers: a destination hung mid-request."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)  # so that stop() ends the accept loop and frees the port
        self.port = self.sock.getsockname()[1]
        self.connected = threading.Event()
        self.stopping = threading.Event()
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.held.append(conn)
            self.connected.set()

    def url(self) -> str:
        return f"json://127.0.0.1:{self.port}/hook"

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=10)
        for conn in self.held:
            conn.close()
        self.sock.close()
