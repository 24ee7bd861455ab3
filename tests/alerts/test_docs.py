"""docs/alerts.md stays true: its alert file parses and its sample alert is what is sent."""

from __future__ import annotations

import re

import yaml

from newscrawl.alerts.message import change_message
from newscrawl.alerts.rules import parse_rules
from newscrawl.alerts.sender import Sender
from newscrawl.store import open_store
from tests.alerts.conftest import reluctant_change
from tests.conftest import REPO

DOC = (REPO / "docs" / "alerts.md").read_text("utf-8")


def block(language: str, containing: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", DOC, re.DOTALL)
    return next(b for b in blocks if containing in b)


def test_the_documented_alert_file_is_valid() -> None:
    rules = parse_rules(yaml.safe_load(block("yaml", "destinations:")))
    assert [d.name for d in rules.destinations] == ["desk", "takedowns", "local-mail"]
    sender = Sender(timeout=1)
    assert all(sender.check(d.url) is None for d in rules.destinations)


def test_the_documented_alert_is_what_is_sent() -> None:
    sample = block("text", "Changed words")
    title_line, _, body = sample.partition("\n\n")
    with open_store("sqlite:///:memory:") as store:
        change = reluctant_change(store)
        title, text = change_message(change, "https://newscrawl.example.org")
    assert title_line == f"Title: {title}"
    assert body.strip() == text.strip()
