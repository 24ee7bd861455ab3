"""newscrawl notify against real receivers: SMTP, a JSON webhook, a refused port."""

from __future__ import annotations

from datetime import timedelta

from newscrawl.alerts.notifier import NotifyOptions, notify
from newscrawl.alerts.rules import parse_rules
from newscrawl.store import Store
from tests.alerts.conftest import NOW, add_change, reluctant_change
from tests.alerts.receivers import SMTPReceiver, WebhookReceiver
from tests.conftest import free_port

BASE = "https://newscrawl.example.org"
OPTIONS = NotifyOptions(timeout=5, lease=300, retry=60, retry_max=3600)


def rules(*destinations: dict, **top: object):
    return parse_rules({"base_url": BASE, "destinations": list(destinations), **top})


def at(moment):
    return lambda: moment


def test_an_email_says_what_changed(store: Store, smtp: SMTPReceiver) -> None:
    change = reluctant_change(store)
    report = notify(store, rules({"name": "desk", "url": smtp.url()}), at(NOW), OPTIONS)
    assert report.sent["desk"] == 1 and not report.failed
    [mail] = smtp.messages
    assert mail["To"] == "desk@example.org"
    assert "headline changed" in mail["Subject"]
    body = mail.get_body().get_content()
    assert "Headline before: Government to keep budget powers" in body
    assert "Headline after:  Government ready to give up budget powers" in body
    assert "will be [-reluctant-] {+willing+} to give up" in body
    assert "Significance: substantive" in body
    assert f"{BASE}/diff?url=https%3A%2F%2Fwww.theguardian.com%2Fa&from=1&to=2" in body
    assert f"Article: {change['url']}" in body
    alert = store.get_alert(f"{change['url']}#v2", "desk")
    assert alert is not None and alert["status"] == "sent" and alert["sent"] == NOW


def test_a_webhook_gets_each_change_once(store: Store, webhook: WebhookReceiver) -> None:
    reluctant_change(store)
    config = rules({"name": "hook", "url": webhook.url()})
    notify(store, config, at(NOW), OPTIONS)
    notify(store, config, at(NOW + timedelta(minutes=5)), OPTIONS)
    assert len(webhook.posts) == 1
    post = webhook.posts[0]
    assert post["type"] == "info" and "guardian: headline changed" in post["title"]
    assert "{+willing+}" in post["message"]
    # A new change later: only it is sent.
    add_change(store, "https://www.theguardian.com/b", ("T", ["One two."]), ("T", ["One three."]))
    notify(store, config, at(NOW + timedelta(minutes=10)), OPTIONS)
    assert len(webhook.posts) == 2
    assert "[-two-] {+three+}" in webhook.posts[1]["message"]


def test_two_destinations_filter_and_are_recorded_apart(
    store: Store, smtp: SMTPReceiver, webhook: WebhookReceiver
) -> None:
    reluctant_change(store)  # substantive, headline + body
    add_change(store, "https://www.theguardian.com/b", ("T", ["One two."]), ("T", ["One Two."]))
    add_change(store, "https://bbc.example/c", ("T", ["A b."]), ("T", ["A b c d."]), outlet="bbc")
    config = rules(
        {"name": "desk", "url": smtp.url(), "significance": "substantive", "kinds": ["headline"]},
        {"name": "hook", "url": webhook.url(), "outlets": ["guardian"]},
    )
    report = notify(store, config, at(NOW), OPTIONS)
    assert report.sent == {"desk": 1, "hook": 2}
    assert len(smtp.messages) == 1 and len(webhook.posts) == 2
    assert not any("bbc" in post["title"] for post in webhook.posts)


def test_a_refused_destination_is_retried_with_backoff_then_gets_it_once(store: Store) -> None:
    port = free_port()  # nothing listens here yet: connections are refused
    change = reluctant_change(store)
    config = rules({"name": "hook", "url": f"json://127.0.0.1:{port}/hook"})
    key = f"{change['url']}#v2"

    report = notify(store, config, at(NOW), OPTIONS)
    assert report.failed["hook"] == 1 and "hook" in report.errors
    alert = store.get_alert(key, "hook")
    assert alert["status"] == "failed" and alert["attempts"] == 1
    assert alert["next_try"] == NOW + timedelta(seconds=60)

    # Before its next try nothing is attempted, even with the receiver back.
    receiver = WebhookReceiver(port)
    try:
        report = notify(store, config, at(NOW + timedelta(seconds=30)), OPTIONS)
        assert report.waiting["hook"] == 1 and not receiver.posts
        report = notify(store, config, at(NOW + timedelta(seconds=61)), OPTIONS)
        assert report.sent["hook"] == 1
        notify(store, config, at(NOW + timedelta(hours=1)), OPTIONS)
        assert len(receiver.posts) == 1
        assert store.get_alert(key, "hook")["attempts"] == 2
    finally:
        receiver.stop()


def test_backoff_doubles_while_the_destination_stays_down(store: Store) -> None:
    change = reluctant_change(store)
    config = rules({"name": "hook", "url": f"json://127.0.0.1:{free_port()}/hook"})
    key, moment = f"{change['url']}#v2", NOW
    waits = []
    for _ in range(3):
        notify(store, config, at(moment), OPTIONS)
        alert = store.get_alert(key, "hook")
        waits.append((alert["next_try"] - moment).total_seconds())
        moment = alert["next_try"]
    assert waits == [60, 120, 240]


def test_a_down_destination_is_tried_once_per_run(store: Store, webhook: WebhookReceiver) -> None:
    for name in "abc":
        reluctant_change(store, url=f"https://www.theguardian.com/{name}")
    config = rules(
        {"name": "dead", "url": f"json://127.0.0.1:{free_port()}/hook"},
        {"name": "hook", "url": webhook.url()},
    )
    report = notify(store, config, at(NOW), OPTIONS)
    assert report.failed == {"dead": 1} and report.sent == {"hook": 3}
    assert len(store.list_alerts("dead")) == 1


def test_takedowns_go_to_destinations_that_want_them(
    store: Store, webhook: WebhookReceiver
) -> None:
    url = "https://www.theguardian.com/gone"
    store.upsert_article(url, "guardian", {"title": "A story pulled"})
    store.update_article(url, {"status": "gone", "next_check": None, "last_checked": NOW})
    store.add_event(url, "gone", "HTTP 410", NOW)
    config = rules(
        {"name": "hook", "url": webhook.url(), "gone": True, "changes": False},
        {"name": "quiet", "url": webhook.url().replace("/hook", "/quiet")},
    )
    report = notify(store, config, at(NOW + timedelta(minutes=1)), OPTIONS)
    assert report.sent == {"hook": 1}
    [post] = webhook.posts
    assert post["title"] == "guardian: taken down: A story pulled"
    assert "HTTP 410" in post["message"] and f"Article: {url}" in post["message"]


def test_old_changes_are_not_alerted(store: Store, webhook: WebhookReceiver) -> None:
    reluctant_change(store, minutes_ago=3 * 60)
    config = rules({"name": "hook", "url": webhook.url()}, max_age_hours=2)
    assert notify(store, config, at(NOW), OPTIONS).lines() == ["nothing to send"]
    assert webhook.posts == []


def test_a_dry_run_sends_and_records_nothing(store: Store, webhook: WebhookReceiver) -> None:
    change = reluctant_change(store)
    config = rules({"name": "hook", "url": webhook.url()})
    report = notify(store, config, at(NOW), NotifyOptions(dry_run=True))
    [(name, title, body)] = report.previews
    assert name == "hook" and "{+willing+}" in body
    assert webhook.posts == [] and store.get_alert(f"{change['url']}#v2", "hook") is None
