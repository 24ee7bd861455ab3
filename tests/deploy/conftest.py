"""Fixtures for deployment tests: two Scrapyd nodes with the project deployed, and a
local site of saved Guardian article pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.deploy.harness import ScrapydNode, StaticSite, deploy, project_copy

# Saved Guardian articles (not live blogs), served at their real paths.
ARTICLES = [
    "fundus--93f8a510-TheGuardian",
    "readability--guardian-1",
    "wpp--cop27-egypt-climate-disaster-funds",
    "wpp--duplicate-headline",
    "wpp--julian-assange-donald-trump-hillary-clinton-interview",
    "wpp--nhs-patient-data-available-companies-buy",
    "wpp--university-extremist-speakers",
]


@pytest.fixture(scope="session")
def scrapyd_nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ScrapydNode]]:
    """Two Scrapyd processes on their own ports, each with the project deployed by
    scrapyd-deploy from a copy of the project."""
    base = tmp_path_factory.mktemp("scrapyd")
    project = project_copy(base / "project")
    nodes: list[ScrapydNode] = []
    try:
        for name in ("a", "b"):
            node = ScrapydNode(base / name)
            nodes.append(node)
            done = deploy(project, node)
            if done.returncode != 0:
                pytest.fail(
                    f"scrapyd-deploy failed (building the egg needs setuptools>=77,<82, "
                    f"see docs/deploy.md):\n{done.stdout}\n{done.stderr}"
                )
        yield nodes
    finally:
        for node in nodes:
            node.stop()


@pytest.fixture
def site(corpus: Path) -> Iterator[StaticSite]:
    """The saved articles at their own paths; ``site.articles`` lists the paths."""
    server = StaticSite()
    for name in ARTICLES:
        page = corpus / "pages" / "guardian" / f"{name}.html"
        url = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))["url"]
        path = urlsplit(url).path
        server.set(path, page.read_bytes())
        server.articles.append(path)
    yield server
    server.stop()
