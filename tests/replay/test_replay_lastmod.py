"""What the replay's news sitemap says in ``<lastmod>``: the last change, the time of
every fetch, or nothing, as the script asks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from newscrawl.replay import ScriptError, from_dict, running
from newscrawl.replay.feeds import SITEMAP_NS
from tests.replay.conftest import COP27, make_script, request, step

ARTICLES = {"cop27": COP27}
STEPS = [[{"publish": "cop27"}], [], [{"correction": "cop27", "text": "A figure was fixed."}]]


def lastmods(server) -> list[str | None]:
    root = etree.fromstring(request(f"{server.base_url}/sitemaps/news.xml").body)
    return [(url.findtext(f"{{{SITEMAP_NS}}}lastmod")) for url in root.iter(f"{{{SITEMAP_NS}}}url")]


def at(hour: int) -> str:
    return f"2024-05-01T{hour:02d}:00:00+00:00"


@pytest.mark.parametrize(
    ("lastmod", "expected"),
    [
        ("honest", [at(8), at(8), at(10)]),  # the publication, then the correction
        ("render", [at(8), at(9), at(10)]),  # whenever the sitemap is fetched
        ("never", [None, None, None]),
    ],
)
def test_sitemap_lastmod_modes(corpus: Path, lastmod: str, expected: list) -> None:
    script = make_script(corpus, ARTICLES, STEPS)
    script = replace(script, lastmod=lastmod)
    seen = []
    with running(script) as server:
        for index in range(len(STEPS)):
            if index:
                step(server)
            seen += lastmods(server)
    assert seen == expected


def test_a_script_names_a_known_lastmod_kind(corpus: Path) -> None:
    data = {
        "lastmod": "sometimes",
        "articles": ARTICLES,
        "steps": [{"time": "2024-05-01T08:00:00Z", "do": [{"publish": "cop27"}]}],
    }
    with pytest.raises(ScriptError, match="lastmod must be one of"):
        from_dict(data, corpus)
    assert from_dict({**data, "lastmod": "render"}, corpus).lastmod == "render"
    assert from_dict({k: v for k, v in data.items() if k != "lastmod"}, corpus).lastmod == "honest"
