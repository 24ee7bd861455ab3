"""Redirect and flip-flop alerts against real receivers: who gets them, once, and the
one-flip-flop-alert-per-article-per-day limit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newscrawl.alerts import notifier
from newscrawl.alerts.notifier import NotifyOptions, notify
from newscrawl.alerts.rules import parse_rules
from newscrawl.store import Store
from tests.alerts.conftest import NOW, reluctant_change
from tests.alerts.receivers import SMTPReceiver, WebhookReceiver

BASE = "https://newscrawl.example.org"
OPTIONS = NotifyOptions(timeout=5, lease=300, retry=60, retry_max=3600)
URL = "https://www.theguardian.com/a"
OLD_HEADLINE = "Government to keep budget powers"
NEW_HEADLINE = "Government ready to give up budget powers"


def rules(*destinations: dict, **top: object):
    return parse_rules({"base_url": BASE, "destinations": list(destinations), **top})


def at(moment):
    return lambda: moment


def flipflop(store: Store, when, url: str = URL, number: int = 1) -> None:
    """A flip-flop event as the version pipeline writes it."""
    store.add_event(
        url, "flipflop", f"returned to the text of version {number}", when, version=number
    )


def test_a_redirect_reaches_the_destination_that_opted_in_once(
    store: Store, smtp: SMTPReceiver, webhook: WebhookReceiver
) -> None:
    store.upsert_article(URL, "guardian", {"title": "A story moved"})
    when = NOW - timedelta(minutes=5)
    store.add_event(URL, "redirected", "now answered by https://www.theguardian.com/b", when)
    config = rules(
        {"name": "desk", "url": smtp.url(), "redirects": True, "changes": False},
        {"name": "hook", "url": webhook.url(), "gone": True, "flipflops": True},
    )
    first = notify(store, config, at(NOW), OPTIONS)
    second = notify(store, config, at(NOW + timedelta(minutes=15)), OPTIONS)
    assert first.sent == {"desk": 1} and second.lines() == ["nothing to send"]
    assert webhook.posts == []
    [mail] = smtp.messages
    assert mail["Subject"] == "guardian: redirected: A story moved"
    body = mail.get_body().get_content()
    assert "redirects to another page, seen 2026-03-02 11:55 UTC" in body
    assert f"Old URL: {URL}" in body
    assert "New URL: https://www.theguardian.com/b" in body
    assert f"History: {BASE}/article?url=https%3A%2F%2Fwww.theguardian.com%2Fa" in body
    key = f"{URL}#redirected@{when.isoformat()}"
    assert store.get_alert(key, "desk")["status"] == "sent"


def test_a_later_redirect_of_the_same_article_is_a_new_alert(
    store: Store, webhook: WebhookReceiver
) -> None:
    store.upsert_article(URL, "guardian", {"title": "A story moved"})
    config = rules({"name": "hook", "url": webhook.url(), "redirects": True})
    store.add_event(URL, "redirected", "now answered by https://x.example/1", NOW)
    notify(store, config, at(NOW + timedelta(minutes=1)), OPTIONS)
    later = NOW + timedelta(hours=2)
    store.add_event(URL, "redirected", "now answered by https://x.example/2", later)
    notify(store, config, at(later + timedelta(minutes=1)), OPTIONS)
    notify(store, config, at(later + timedelta(minutes=2)), OPTIONS)
    assert [p["message"].count("New URL: https://x.example/") for p in webhook.posts] == [1, 1]
    assert "x.example/2" in webhook.posts[1]["message"]


def test_a_flipflop_reaches_the_destination_that_opted_in_once(
    store: Store, smtp: SMTPReceiver, webhook: WebhookReceiver
) -> None:
    reluctant_change(store, minutes_ago=60)  # v1 OLD_HEADLINE, v2 NEW_HEADLINE
    flipflop(store, NOW - timedelta(minutes=5))
    config = rules(
        {"name": "desk", "url": smtp.url(), "flipflops": True, "changes": False},
        {"name": "hook", "url": webhook.url(), "gone": True, "redirects": True, "changes": False},
    )
    first = notify(store, config, at(NOW), OPTIONS)
    second = notify(store, config, at(NOW + timedelta(minutes=15)), OPTIONS)
    assert first.sent == {"desk": 1} and second.lines() == ["nothing to send"]
    assert webhook.posts == []
    [mail] = smtp.messages
    assert mail["Subject"] == f"guardian: headline flip-flop: {NEW_HEADLINE} -> {OLD_HEADLINE}"
    body = mail.get_body().get_content()
    assert "returned to the text of version 1 at 2026-03-02 11:55 UTC" in body
    assert f"Headline of version 2 (the latest): {NEW_HEADLINE}" in body
    assert f"Headline of version 1 (returned to): {OLD_HEADLINE}" in body
    assert f"{BASE}/diff?url=https%3A%2F%2Fwww.theguardian.com%2Fa&from=1&to=2" in body
    assert f"Article: {URL}" in body
    assert store.get_alert(f"{URL}#flipflop@2026-03-02", "desk")["status"] == "sent"


def test_at_most_one_flipflop_alert_per_article_per_day(
    store: Store, webhook: WebhookReceiver
) -> None:
    """An A/B test flipping all day: one alert per article and UTC day, whether the
    flips come within one run or across runs; another article has its own."""
    reluctant_change(store, minutes_ago=11 * 60)
    reluctant_change(store, url="https://www.theguardian.com/other", minutes_ago=11 * 60)
    config = rules({"name": "hook", "url": webhook.url(), "flipflops": True, "changes": False})
    day = NOW.replace(hour=0)
    for minutes in (30, 90, 150):
        flipflop(store, day + timedelta(minutes=minutes))
    assert notify(store, config, at(day + timedelta(hours=3)), OPTIONS).sent == {"hook": 1}
    assert "at 2026-03-02 00:30 UTC" in webhook.posts[0]["message"]
    flipflop(store, day + timedelta(hours=5), number=2)
    flipflop(store, day + timedelta(hours=5), url="https://www.theguardian.com/other")
    assert notify(store, config, at(day + timedelta(hours=6)), OPTIONS).sent == {"hook": 1}
    assert "theguardian.com%2Fother" in webhook.posts[1]["message"]
    flipflop(store, day + timedelta(days=1, minutes=10))  # the next day: a new alert
    assert notify(store, config, at(day + timedelta(days=1, hours=1)), OPTIONS).sent == {"hook": 1}
    assert "at 2026-03-03 00:10 UTC" in webhook.posts[2]["message"]
    assert len(webhook.posts) == 3


def test_events_follow_the_outlet_filter_and_max_age(
    store: Store, webhook: WebhookReceiver
) -> None:
    store.upsert_article(URL, "guardian", {"title": "Old move"})
    store.upsert_article("https://bbc.example/x", "bbc", {"title": "BBC move"})
    store.add_event(
        URL, "redirected", "now answered by https://x.example/", NOW - timedelta(hours=3)
    )
    store.add_event(
        "https://bbc.example/x", "redirected", "now answered by https://y.example/", NOW
    )
    config = rules(
        {"name": "hook", "url": webhook.url(), "redirects": True, "outlets": ["guardian"]},
        max_age_hours=2,
    )
    assert notify(store, config, at(NOW + timedelta(minutes=1)), OPTIONS).lines() == [
        "nothing to send"
    ]
    assert webhook.posts == []


def test_a_flipflop_names_the_version_it_flipped_from_not_a_later_one(
    store: Store, webhook: WebhookReceiver
) -> None:
    """v1 -> v2, the page shows v1 again (flip-flop), then a new v3: the alert, sent
    after v3, still compares v1 with v2, the text shown before the flip."""
    reluctant_change(store, minutes_ago=120)
    flipflop(store, NOW - timedelta(minutes=60))
    store.add_version(
        URL,
        {**store.latest_version(URL), "title": "Budget powers: a third headline",
         "fingerprint": "third", "fetched": NOW - timedelta(minutes=30)},
    )  # fmt: skip
    config = rules({"name": "hook", "url": webhook.url(), "flipflops": True, "changes": False})
    assert notify(store, config, at(NOW), OPTIONS).sent == {"hook": 1}
    message = webhook.posts[0]["message"]
    assert f"Headline of version 2 (the latest): {NEW_HEADLINE}" in message
    assert "third headline" not in message


def test_a_flipflop_without_a_version_number_still_says_what_happened(
    store: Store, webhook: WebhookReceiver
) -> None:
    """Bad input: an event detail that names no version gets an alert with the latest
    headline alone (no version to compare, so no diff link) rather than none or a crash."""
    reluctant_change(store, minutes_ago=60)
    store.add_event(URL, "flipflop", "returned to an older text", NOW - timedelta(minutes=1))
    config = rules({"name": "hook", "url": webhook.url(), "flipflops": True, "changes": False})
    assert notify(store, config, at(NOW), OPTIONS).sent == {"hook": 1}
    [post] = webhook.posts
    assert post["title"] == f"guardian: flip-flop: {NEW_HEADLINE}"
    assert "returned to the text of version ? at 2026-03-02 11:59 UTC" in post["message"]
    assert f"Headline of version 2 (the latest): {NEW_HEADLINE}" in post["message"]
    assert "(returned to)" not in post["message"] and "Diff:" not in post["message"]


@pytest.mark.parametrize(
    ("detail", "version"),
    [
        ("back to an older text", 1),  # the event's version, whatever its text says
        ("returned to the text of version 1", None),  # an event of an earlier release
    ],
)
def test_a_flipflop_names_the_version_its_event_gives(
    store: Store, webhook: WebhookReceiver, detail: str, version: int | None
) -> None:
    reluctant_change(store, minutes_ago=60)
    store.add_event(URL, "flipflop", detail, NOW - timedelta(minutes=1), version=version)
    config = rules({"name": "hook", "url": webhook.url(), "flipflops": True, "changes": False})
    assert notify(store, config, at(NOW), OPTIONS).sent == {"hook": 1}
    [post] = webhook.posts
    assert "returned to the text of version 1 at 2026-03-02 11:59 UTC" in post["message"]
    assert "(returned to)" in post["message"]


def test_a_dry_run_previews_events_and_records_nothing(
    store: Store, webhook: WebhookReceiver
) -> None:
    reluctant_change(store, minutes_ago=60)
    flipflop(store, NOW - timedelta(minutes=2))
    flipflop(store, NOW - timedelta(minutes=1))
    config = rules({"name": "hook", "url": webhook.url(), "flipflops": True, "changes": False})
    report = notify(store, config, at(NOW), NotifyOptions(dry_run=True))
    assert [title for _, title, _ in report.previews] == [
        f"guardian: headline flip-flop: {NEW_HEADLINE} -> {OLD_HEADLINE}"
    ]
    assert webhook.posts == [] and store.list_alerts() == []


def test_events_are_read_page_by_page_down_to_max_age(
    store: Store, webhook: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages of 2 events: all 5 recent redirects are found, the 2 older ones are not."""
    monkeypatch.setattr(notifier, "EVENT_PAGE", 2)
    for hours in range(7):
        url = f"https://www.theguardian.com/{hours}"
        store.upsert_article(url, "guardian", {"title": f"Story {hours}"})
        detail = f"now answered by https://x.example/{hours}"
        store.add_event(url, "redirected", detail, NOW - timedelta(hours=hours, minutes=30))
    config = rules({"name": "hook", "url": webhook.url(), "redirects": True}, max_age_hours=5)
    assert notify(store, config, at(NOW), OPTIONS).sent == {"hook": 5}
    titles = [post["title"] for post in webhook.posts]
    assert titles == [f"guardian: redirected: Story {h}" for h in (4, 3, 2, 1, 0)]
