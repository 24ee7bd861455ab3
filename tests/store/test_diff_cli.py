"""``newscrawl diff URL [A B]`` against a real store."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from newscrawl.cli import main
from newscrawl.store import open_store
from tests.store.cli_samples import URL, fill


@pytest.fixture
def filled(sqlite_uri: str) -> str:
    fill(sqlite_uri)
    return sqlite_uri


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_diff_defaults_to_the_latest_change(filled, capsys):
    code, out, err = run(capsys, "--store", filled, "diff", URL)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "example: Minister will be willing to resign"
    assert lines[1] == URL
    assert lines[2] == "v2 (2024-05-01 09:35 UTC) → v3 (2024-05-01 10:10 UTC, 35 minutes later)"
    assert lines[3].startswith("[substantive: body, correction] 1 paragraph deleted")
    assert "¶3 deleted: [-Her party has 12 seats left.-]" in lines
    assert "correction note added: {+An earlier version said the party had 12 seats.+}" in lines
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_consecutive_versions_use_the_stored_change_record(filled, capsys):
    with open_store(filled) as store:
        stored = store.get_change(URL, 2)
    code, out, _ = run(capsys, "--store", filled, "diff", URL, "1", "2")
    assert code == 0
    assert f"[substantive, uncorrected: body, headline] {stored['summary']}" in out
    assert "headline: Minister will be [-reluctant-] {+willing+} to resign" in out
    assert "¶1 edited: The minister said she will be [-reluctant-] {+willing+} to give up" in out
    assert "¶3 added: {+Her party has 12 seats left.+}" in out


def test_any_other_pair_is_diffed_now(filled, capsys):
    code, out, _ = run(capsys, "--store", filled, "diff", URL, "1", "3")
    assert code == 0
    assert "v1 (2024-05-01 09:00 UTC) → v3 (2024-05-01 10:10 UTC, 70 minutes later)" in out
    assert "headline: Minister will be [-reluctant-] {+willing+} to resign" in out
    assert "correction note added" in out and "¶3" not in out
    code, backwards, _ = run(capsys, "--store", filled, "diff", URL, "3", "1")
    assert code == 0 and "correction note removed" in backwards


def test_colour_on_request_and_never_by_colour_alone(filled, capsys, monkeypatch):
    code, out, _ = run(capsys, "--store", filled, "diff", URL, "1", "2", "--color", "always")
    assert code == 0
    assert "\x1b[31;9mreluctant\x1b[0m" in out  # red and struck through
    assert "\x1b[32;4mwilling\x1b[0m" in out  # green and underlined
    assert "[-" not in out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(capsys, "--store", filled, "diff", URL, "--color", "auto")[1]


@pytest.mark.parametrize(
    ("versions", "code", "message"),
    [
        (["1"], 2, "give two version numbers (A B), or none for the latest change"),
        (["1", "9"], 2, f"no version 9: {URL} has versions 1 to 3"),
        (["0", "2"], 2, "no version 0"),
        (["2", "2"], 2, "give two different version numbers"),
    ],
)
def test_bad_version_numbers_get_a_clear_error(filled, capsys, versions, code, message):
    got, out, err = run(capsys, "--store", filled, "diff", URL, *versions)
    assert (got, out) == (code, "")
    assert err == f"newscrawl diff: {message}\n" or message in err


def test_a_version_number_that_is_not_a_number_is_a_usage_error(filled, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--store", filled, "diff", URL, "one", "two"])
    assert exit_.value.code == 2
    assert "invalid int value: 'one'" in capsys.readouterr().err


def test_an_article_with_one_version_has_nothing_to_compare(filled, capsys):
    with open_store(filled) as store:
        store.upsert_article("https://e.com/new", "example", {"title": "t"})
    code, out, err = run(capsys, "--store", filled, "diff", "https://e.com/new")
    assert (code, out) == (1, "")
    assert "has 0 version(s) so far: nothing to compare yet" in err


def test_unknown_article_names_the_store_read(store_uri, capsys):
    fill(store_uri)
    code, out, err = run(capsys, "diff", "https://e.com/unknown", "--store", store_uri)
    assert (code, out) == (1, "")
    assert err.startswith(f"newscrawl: no article stored for https://e.com/unknown in {store_uri}")
    assert "--store URI or NEWSCRAWL_STORE" in err


def test_colour_by_default_on_a_terminal_only(filled):
    command = [sys.executable, "-m", "newscrawl", "diff", URL, "1", "2", "--store", filled]
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(command, stdout=follower, env=env, timeout=60, check=False)
        os.close(follower)
        on_terminal = b""
        while chunk := _read(leader):
            on_terminal += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert b"\x1b[32;4mwilling\x1b[0m" in on_terminal
    piped = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)
    assert b"{+willing+}" in piped.stdout and b"\x1b[" not in piped.stdout


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # Linux: EIO once the terminal's other end is closed and drained
        return b""
