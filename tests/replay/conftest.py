"""Fixtures for the replay newsroom tests: scripts, a running server, a tiny HTTP client."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from newscrawl.replay import ReplayServer, Script, from_dict, load_script, running

BREXIT_V1 = "versions/guardian-boris-johnson-apologises/v1.html"
BREXIT_V2 = "versions/guardian-boris-johnson-apologises/v2.html"
COP27 = "pages/guardian/wpp--cop27-egypt-climate-disaster-funds.html"
RBS_V1 = "versions/guardian-anger-grows-rbs-chiefs-bonus/v1.html"
NHS = "pages/guardian/wpp--nhs-patient-data-available-companies-buy.html"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)


def request(
    url: str, method: str = "GET", headers: dict[str, str] | None = None, timeout: float = 30
) -> Reply:
    """One HTTP request on a fresh connection; any status is returned, not raised."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        conn.close()


def step(server: ReplayServer, to: int | None = None) -> dict[str, Any]:
    suffix = "" if to is None else f"?to={to}"
    reply = request(f"{server.base_url}/_replay/step{suffix}", "POST")
    assert reply.status == 200, reply.body
    return reply.json()


@pytest.fixture(scope="session")
def demo_script(corpus: Path) -> Script:
    return load_script("demo", corpus)


@pytest.fixture
def demo_server(demo_script: Script) -> Iterator[ReplayServer]:
    with running(demo_script) as server:
        yield server


def make_script(corpus: Path, articles: dict[str, Any], steps: list[dict[str, Any]]) -> Script:
    """A script built in a test; steps are given as event lists, one hour apart."""
    return from_dict(
        {
            "name": "test",
            "articles": articles,
            "steps": [
                {"time": f"2024-05-01T{8 + i:02d}:00:00Z", "do": events}
                for i, events in enumerate(steps)
            ],
        },
        corpus,
    )
