"""``newscrawl replay``: serve from the command line, then step it from another one."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newscrawl.cli import main
from tests.conftest import REPO


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        code = main(["replay", *args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def served(corpus: Path) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "newscrawl", "replay", "--port", "0", "--corpus", str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        assert match, line + process.stderr.read()
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()


def test_serve_step_state_truth_reset(served: str, cli: Callable[..., Result]) -> None:
    state = json.loads(cli("state", "--url", served).stdout)
    assert (state["script"], state["step"]) == ("demo", 0)
    stepped = json.loads(cli("step", "--url", served).stdout)
    assert (stepped["step"], stepped["time"]) == (1, "2024-05-01T09:00:00+00:00")
    truth = json.loads(cli("truth", "--url", served, "--step", "1").stdout)
    assert truth["step"] == 1 and len(truth["articles"]) == 4
    jumped = json.loads(cli("step", "--url", served, "--to", "5").stdout)
    assert jumped["done"] is True
    past = cli("step", "--url", served)
    assert past.returncode == 1 and "no step 6" in past.stderr
    assert json.loads(cli("reset", "--url", served).stdout)["step"] == 0
    assert "paths" in json.loads(cli("stats", "--url", served).stdout)


def test_remote_commands_say_when_nothing_listens(cli: Callable[..., Result]) -> None:
    result = cli("state", "--url", "http://127.0.0.1:9")
    assert result.returncode == 1 and "no replay at" in result.stderr


def test_bad_script_or_corpus_is_reported(
    tmp_path: Path, corpus: Path, cli: Callable[..., Result]
) -> None:
    assert "no corpus" in cli("--corpus", str(tmp_path), "--port", "0").stderr
    result = cli("serve", "--script", "no-such-script", "--corpus", str(corpus), "--port", "0")
    assert result.returncode == 2 and "no script" in result.stderr


def test_scripts_lists_bundled_scripts(cli: Callable[..., Result]) -> None:
    assert "demo" in cli("scripts").stdout.split()
