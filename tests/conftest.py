"""Shared test fixtures: where the corpus is, and the stores every contract test runs on."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus of real saved pages (never copied into the repo)."""
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS}; tests read ../shared/corpus")
    return CORPUS
