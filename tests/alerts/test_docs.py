"""docs/alerts.md stays true: its alert file parses and its sample alerts are what is sent."""

from __future__ import annotations

import re
from datetime import timedelta

import yaml

from newscrawl.alerts.message import change_message, flipflop_message, redirect_message
from newscrawl.alerts.rules import parse_rules
from newscrawl.alerts.sender import Sender
from newscrawl.store import open_store
from tests.alerts.conftest import NOW, reluctant_change
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


def sample(containing: str) -> tuple[str, str]:
    title_line, _, body = block("text", containing).partition("\n\n")
    return title_line, body.strip()


def test_the_documented_redirect_and_flipflop_alerts_are_what_is_sent() -> None:
    with open_store("sqlite:///:memory:") as store:
        change = reluctant_change(store, minutes_ago=60)
        event = {"url": change["url"], "outlet": "guardian", "title": change["title"],
                 "time": NOW - timedelta(minutes=5)}  # fmt: skip
        moved = event | {"kind": "redirected", "detail": "now answered by "
                         "https://www.theguardian.com/politics/live/budget"}  # fmt: skip
        back = event | {"kind": "flipflop", "detail": "returned to the text of version 1"}
        versions = store.list_versions(change["url"])
    for documented, (title, text) in [
        (sample("New URL:"), redirect_message(moved, "https://newscrawl.example.org")),
        (sample("returned to"), flipflop_message(back, versions, "https://newscrawl.example.org")),
    ]:
        assert documented == (f"Title: {title}", text.strip())
