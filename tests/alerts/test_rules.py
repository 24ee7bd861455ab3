"""The alert file: what each destination wants, and what each bad entry gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.alerts.rules import AlertsConfigError, load_rules, parse_rules

HOOK = "json://127.0.0.1:9/hook"
CHANGE = {
    "outlet": "guardian", "significance": "substantive", "kinds": ["headline", "body"],
    "uncorrected": True, "words_added": 4, "words_removed": 2,
}  # fmt: skip


def one(**filters: object):
    return parse_rules({"destinations": [{"name": "d", "url": HOOK, **filters}]}).destinations[0]


@pytest.mark.parametrize(
    ("filters", "wanted"),
    [
        ({}, True),
        ({"outlets": ["guardian", "bbc"]}, True),
        ({"outlets": "bbc"}, False),
        ({"significance": "substantive"}, True),
        ({"significance": ["trivial", "minor"]}, False),
        ({"kinds": ["byline", "headline"]}, True),
        ({"kinds": "correction"}, False),
        ({"uncorrected": True}, True),
        ({"min_words": 6}, True),
        ({"min_words": 7}, False),
        ({"changes": False, "gone": True}, False),
    ],
)
def test_change_filters(filters: dict, wanted: bool) -> None:
    assert one(**filters).wants_change(CHANGE) is wanted


def test_uncorrected_only_takes_uncorrected_changes() -> None:
    assert one(uncorrected=True).wants_change(CHANGE | {"uncorrected": False}) is False


def test_takedowns_only_when_asked_for() -> None:
    article = {"outlet": "guardian", "status": "gone"}
    assert one().wants_gone(article) is False
    assert one(gone=True).wants_gone(article) is True
    assert one(gone=True, outlets=["bbc"]).wants_gone(article) is False


@pytest.mark.parametrize("kind", ["redirected", "flipflop"])
def test_redirects_and_flipflops_only_when_asked_for(kind: str) -> None:
    event = {"outlet": "guardian", "kind": kind, "url": "https://x.example/a"}
    flag = {"redirected": "redirects", "flipflop": "flipflops"}[kind]
    other = {"redirected": "flipflops", "flipflop": "redirects"}[kind]
    assert one().wants_event(event) is False
    assert one(gone=True, **{other: True}).wants_event(event) is False
    assert one(**{flag: True}).wants_event(event) is True
    assert one(**{flag: True, "changes": False}).wants_event(event) is True
    assert one(**{flag: True, "outlets": ["bbc"]}).wants_event(event) is False
    assert one(**{flag: True}).wants_event(event | {"kind": "gone"}) is False


def test_an_events_only_destination_is_valid() -> None:
    assert one(changes=False, flipflops=True).flipflops is True
    assert one(changes=False, redirects=True).changes is False


def test_file_defaults(tmp_path: Path) -> None:
    path = tmp_path / "alerts.yaml"
    path.write_text(f"destinations:\n  - name: desk\n    url: {HOOK}\n", "utf-8")
    rules = load_rules(path)
    assert rules.base_url is None and rules.max_age_hours == 48
    assert [d.name for d in rules.destinations] == ["desk"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a mapping"),
        ({"destinations": []}, "non-empty list"),
        ({"destinations": [{"url": HOOK}]}, "'name'"),
        ({"destinations": [{"name": "d"}]}, "one apprise URL"),
        ({"destinations": [{"name": "d", "url": HOOK, "colour": "red"}]}, "unknown key(s) colour"),
        ({"destinations": [{"name": "d", "url": HOOK, "significance": "huge"}]}, "huge"),
        ({"destinations": [{"name": "d", "url": HOOK, "kinds": ["photo"]}]}, "photo"),
        ({"destinations": [{"name": "d", "url": HOOK, "min_words": -1}]}, "min_words"),
        ({"destinations": [{"name": "d", "url": HOOK, "gone": "yes"}]}, "true or false"),
        ({"destinations": [{"name": "d", "url": HOOK, "changes": False}]}, "get nothing"),
        ({"destinations": [{"name": "d", "url": HOOK, "redirects": 1}]}, "redirects must be true"),
        ({"destinations": [{"name": "d", "url": HOOK, "flipflops": "on"}]}, "flipflops must be"),
        ({"destinations": [{"name": "d", "url": HOOK}] * 2}, "two destinations"),
        ({"destinations": [{"name": "d", "url": HOOK}], "base_url": "ftp://x"}, "base_url"),
        ({"destinations": [{"name": "d", "url": HOOK}], "max_age_hours": 0}, "max_age_hours"),
        ({"destinations": [{"name": "d", "url": HOOK}], "extra": 1}, "unknown key(s) extra"),
    ],
)
def test_bad_alert_files_are_refused_with_the_reason(data: object, message: str) -> None:
    with pytest.raises(AlertsConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_rules(data)


def test_a_missing_or_broken_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(AlertsConfigError, match="no alert file at .*--rules FILE"):
        load_rules(tmp_path / "none.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("destinations: [\n", "utf-8")
    with pytest.raises(AlertsConfigError, match="cannot read the alert file"):
        load_rules(broken)
