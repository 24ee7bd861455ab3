"""Scripts are validated against their pages before anything is served."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.replay import ScriptError, bundled_scripts, from_dict, load_script
from newscrawl.replay.corpus import CorpusError, guardian_pages, resolve_corpus
from tests.replay.conftest import BREXIT_V1, COP27, NHS


def script(corpus: Path, *steps: list[dict], articles: dict | None = None) -> None:
    from_dict(
        {
            "articles": articles or {"a": NHS, "b": COP27},
            "steps": [
                {"time": f"2024-05-01T{8 + i:02d}:00:00Z", "do": events}
                for i, events in enumerate(steps)
            ],
        },
        corpus,
    )


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([{"publish": "zz"}], "unknown article 'zz'"),
        ([{"publish": "a", "headline": "a"}], "exactly one action"),
        ([{"explode": "a"}], "exactly one action"),
        ([{"publish": "a"}, {"remove": "a", "at": 99}], "out of range"),
        ([{"publish": "a"}, {"add": "a", "text": "x"}], "needs ['at']"),
        ([{"publish": "a"}, {"headline": "a", "text": "x", "colour": "red"}], "takes no"),
        ([{"headline": "a", "text": "Too early"}], "unpublished"),
        ([{"publish": "a"}, {"publish": "a"}], "already published"),
        ([{"publish": "a"}, {"template": "a", "page": BREXIT_V1}], "same text"),
        ([{"publish": "a"}, {"edit": "a", "at": 0, "old": "no such words", "new": "x"}], "contain"),
        ([{"publish": "a"}, {"delete": "a", "status": 500}], "404 or 410"),
        ([{"publish": "a"}, {"delete": "a"}, {"fault": "a"}], "gone"),
    ],
)
def test_invalid_events_are_refused(corpus: Path, events: list[dict], message: str) -> None:
    with pytest.raises(ScriptError, match="step 0") as caught:
        script(corpus, events)
    assert message in str(caught.value)


def test_times_must_increase_and_carry_a_timezone(corpus: Path) -> None:
    with pytest.raises(ScriptError, match="increase"):
        from_dict(
            {
                "articles": {"a": NHS},
                "steps": [{"time": "2024-05-01T09:00:00Z"}, {"time": "2024-05-01T08:00:00Z"}],
            },
            corpus,
        )
    with pytest.raises(ScriptError, match="timezone"):
        from_dict({"articles": {"a": NHS}, "steps": [{"time": "2024-05-01T09:00:00"}]}, corpus)


def test_unknown_page_and_duplicate_paths(corpus: Path) -> None:
    with pytest.raises(ScriptError, match="no page"):
        script(corpus, [], articles={"a": "pages/guardian/nope.html"})
    with pytest.raises(ScriptError, match="share a path"):
        script(
            corpus,
            [],
            articles={
                "a": NHS,
                "b": {
                    "page": COP27,
                    "path": "/society/2014/jan/19/nhs-patient-data-available-companies-buy",
                },
            },
        )


def test_bundled_scripts_load(corpus: Path) -> None:
    assert "demo" in bundled_scripts()
    for name in bundled_scripts():
        assert load_script(name, corpus).steps
    with pytest.raises(ScriptError, match="no script"):
        load_script("no-such-script", corpus)


def test_corpus_resolution(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCRAWL_CORPUS", str(corpus))
    assert resolve_corpus() == corpus.resolve()
    with pytest.raises(CorpusError, match="--corpus"):
        resolve_corpus(tmp_path)
    pages = guardian_pages(corpus)
    assert BREXIT_V1 in pages and not any("live" in p for p in pages)
