"""``make demo`` runs offline end to end and its store matches the ground truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl import demo


def test_demo_runs_and_matches_the_truth(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSCRAWL_CORPUS", str(corpus))
    monkeypatch.chdir(tmp_path)
    assert demo.main([]) == 0
    out = capfd.readouterr().out
    assert out.count("store matches the ground truth") == 6, out
    assert "Headline rewritten" in out and "1 paragraph moved" in out
    assert "history" in out and "serve" in out
    assert (tmp_path / "demo-data" / "newscrawl.db").is_file()
