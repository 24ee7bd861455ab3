"""Options every store-reading command shares: ``--store`` before or after the command."""

from __future__ import annotations

import pytest

from newscrawl.cli import build_parser

URI = "sqlite:///elsewhere.db"


@pytest.mark.parametrize(
    "argv",
    [
        ["history", "https://e.com/a"],
        ["diff", "https://e.com/a", "1", "2"],
        ["status"],
        ["serve"],
        ["schedule", "--once"],
    ],
)
def test_store_is_accepted_before_and_after_the_command(argv):
    parser = build_parser()
    assert parser.parse_args(["--store", URI, *argv]).store == URI
    assert parser.parse_args([*argv, "--store", URI]).store == URI
    assert parser.parse_args(argv).store is None  # then the environment decides


@pytest.mark.parametrize(
    "argv", [["extract", "--outlet", "guardian", "page.html"], ["replay", "state"]]
)
def test_commands_without_a_store_do_not_take_one_after_their_name(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([*argv, "--store", URI])
    assert exit_.value.code == 2
    assert "unrecognized arguments: --store" in capsys.readouterr().err
