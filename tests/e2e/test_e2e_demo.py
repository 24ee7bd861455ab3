"""``make demo`` runs offline end to end, its store matches the ground truth, and the
README's "look at what was found" commands work on what it wrote."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from newscrawl import demo
from tests.conftest import REPO

GUARDIAN_PAGE = "pages/guardian/readability--guardian-1.html"


def quick_start_commands() -> list[str]:
    """The shell lines of the README block after "Then look at what was found"."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Then look at what was found") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line.split("  #")[0].strip() for line in block.group(1).splitlines() if line]


def run_readme_line(line: str, env: dict[str, str], cwd: Path, url: str, page: Path) -> str:
    """Run one README command as a user would, with ``URL`` and ``FILE_OR_URL`` filled
    in; ``serve`` is started on a free port, asked for its home page and stopped."""
    words = [
        url if w == "URL" else str(page) if w == "FILE_OR_URL" else w for w in shlex.split(line)
    ]
    assert words[0] == ".venv/bin/newscrawl", line
    command = [sys.executable, "-m", "newscrawl", *words[1:]]
    if words[1] != "serve":
        done = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, (line, done.stderr)
        return done.stdout
    with subprocess.Popen(
        [*command, "--port", "0"], cwd=cwd, env=env, stdout=subprocess.PIPE, text=True
    ) as server:
        try:
            assert server.stdout is not None
            address = re.search(r"http://\S+/", server.stdout.readline())
            assert address is not None
            with urllib.request.urlopen(address.group(0), timeout=30) as response:
                return response.read().decode("utf-8")
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_demo_runs_and_matches_the_truth(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSCRAWL_CORPUS", str(corpus))
    monkeypatch.chdir(tmp_path)
    assert demo.main([]) == 0
    out = capfd.readouterr().out
    assert out.count("store matches the ground truth") == 6, out
    assert "Headline rewritten" in out and "1 paragraph moved" in out
    assert (tmp_path / "demo-data" / "newscrawl.db").is_file()

    # The demo ends with the exact commands to run next, for an article it saw change.
    steps = out[out.index("Look at what was found.") :]
    url = re.search(r" diff (http://\S+)", steps).group(1)
    assert f"export {demo.STORE_ENV}" in steps
    assert f" history {url}" in steps and " serve" in steps

    # The README's commands, as written, read the store the demo wrote.
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSCRAWL_STORE", "MONGO_URI")}
    outputs = {}
    for line in quick_start_commands():
        if line.startswith("export "):
            name, _, value = line.removeprefix("export ").partition("=")
            env[name] = value
            continue
        outputs[shlex.split(line)[1]] = run_readme_line(
            line, env, tmp_path, url, corpus / GUARDIAN_PAGE
        )
    assert set(outputs) == {"serve", "history", "diff", "extract"}
    assert outputs["history"].startswith(f"{url} (guardian, active): 3 versions, 2 changes")
    assert "[-" in outputs["history"] or "{+" in outputs["history"]  # the changed words
    assert outputs["diff"].splitlines()[1] == url
    assert outputs["diff"].splitlines()[2].startswith("v2 (") and " → v3 (" in outputs["diff"]
    assert "Economy shrinks 0.3% in March" in outputs["serve"]
    assert '"paragraphs"' in outputs["extract"]
