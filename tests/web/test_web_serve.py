"""``newscrawl serve`` starts a server that answers."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from newscrawl.store import open_store
from tests.web.sample import populate


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers(sqlite_uri):
    with open_store(sqlite_uri) as store:
        populate(store)
    port = free_port()
    command = [sys.executable, "-m", "newscrawl", "--store", sqlite_uri, "serve"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    assert "Minister resigns" in response.read().decode()
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()
