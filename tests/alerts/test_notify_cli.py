"""The ``newscrawl notify`` command as cron runs it, and a sender killed mid-send."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from newscrawl.store import open_store
from tests.alerts.conftest import NOW, reluctant_change
from tests.alerts.receivers import SilentReceiver, WebhookReceiver
from tests.conftest import REPO, free_port

NEWSCRAWL = [str(Path(sys.executable).parent / "newscrawl")]


def write_rules(path: Path, url: str) -> Path:
    path.write_text(
        "base_url: http://viewer.example\n"
        f"destinations:\n  - name: hook\n    url: {url}\n    significance: substantive\n",
        "utf-8",
    )
    return path


def run(uri: str, rules: Path, now, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*NEWSCRAWL, "--store", uri, "notify", "--rules", str(rules)],
        cwd=REPO,
        env={**os.environ, "NEWSCRAWL_NOW": now.isoformat(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def start(uri: str, rules: Path, now, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*NEWSCRAWL, "--store", uri, "notify", "--rules", str(rules)],
        cwd=REPO,
        env={**os.environ, "NEWSCRAWL_NOW": now.isoformat(), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_notify_command_sends_then_has_nothing_left(
    store_uri: str, webhook: WebhookReceiver, tmp_path: Path
) -> None:
    with open_store(store_uri) as store:
        reluctant_change(store)
    rules = write_rules(tmp_path / "alerts.yaml", webhook.url())
    first = run(store_uri, rules, NOW)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "hook: 1 sent, 0 failed"
    again = run(store_uri, rules, NOW + timedelta(minutes=1))
    assert again.returncode == 0 and again.stdout.strip() == "nothing to send"
    assert len(webhook.posts) == 1
    assert "http://viewer.example/diff?" in webhook.posts[0]["message"]


def test_notify_exits_1_when_a_destination_is_down(store_uri: str, tmp_path: Path) -> None:
    with open_store(store_uri) as store:
        reluctant_change(store)
    rules = write_rules(tmp_path / "alerts.yaml", f"json://127.0.0.1:{free_port()}/hook")
    result = run(store_uri, rules, NOW)
    assert result.returncode == 1
    assert result.stdout.startswith("hook: 0 sent, 1 failed (last error:")


def test_a_bad_alert_file_exits_2_naming_the_problem(sqlite_uri: str, tmp_path: Path) -> None:
    with open_store(sqlite_uri):
        pass
    rules = tmp_path / "alerts.yaml"
    rules.write_text("destinations:\n  - name: x\n    url: nosuchservice://secret@host\n", "utf-8")
    result = run(sqlite_uri, rules, NOW)
    assert result.returncode == 2
    assert "destination 'x': apprise does not know the URL nosuchservice://..." in result.stderr
    assert "secret" not in result.stderr
    missing = run(sqlite_uri, tmp_path / "none.yaml", NOW)
    assert missing.returncode == 2 and "no alert file" in missing.stderr


def test_a_sender_killed_mid_send_is_taken_over_after_its_lease(
    store_uri: str, tmp_path: Path
) -> None:
    """kill -9 while the destination holds the request unanswered: the alert stays
    claimed; a run within the lease leaves it alone; a run after it sends it, once."""
    with open_store(store_uri) as store:
        change = reluctant_change(store)
    key = f"{change['url']}#v2"
    silent = SilentReceiver()
    rules = write_rules(tmp_path / "alerts.yaml", silent.url())
    env = {"NEWSCRAWL_ALERTS_TIMEOUT": "60", "NEWSCRAWL_ALERTS_LEASE": "300"}
    process = start(store_uri, rules, NOW, **env)
    try:
        assert silent.connected.wait(60), "notify never reached the destination"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        silent.stop()
    with open_store(store_uri) as store:
        alert = store.get_alert(key, "hook")
    assert alert is not None and alert["status"] == "sending" and alert["attempts"] == 0

    receiver = WebhookReceiver(silent.port)  # the destination is back, same address
    try:
        within = run(store_uri, rules, NOW + timedelta(seconds=100), **env)
        assert within.returncode == 0 and within.stdout.strip() == "nothing to send"
        assert receiver.posts == []
        after = run(store_uri, rules, NOW + timedelta(seconds=301), **env)
        assert after.stdout.strip() == "hook: 1 sent, 0 failed", after.stderr
        run(store_uri, rules, NOW + timedelta(seconds=400), **env)
        assert len(receiver.posts) == 1
    finally:
        receiver.stop()
    with open_store(store_uri) as store:
        alert = store.get_alert(key, "hook")
    assert alert["status"] == "sent" and alert["attempts"] == 1


def test_a_change_stored_by_a_crashed_crawl_is_still_alerted(
    sqlite_uri: str, webhook: WebhookReceiver, tmp_path: Path
) -> None:
    """The crawl only stores changes; notify finds them in the store, so a crawl that
    died right after storing a change (no alert queued anywhere) loses nothing."""
    with open_store(sqlite_uri) as store:
        reluctant_change(store)
        assert store.list_alerts() == []
    result = run(sqlite_uri, write_rules(tmp_path / "alerts.yaml", webhook.url()), NOW)
    assert result.returncode == 0 and len(webhook.posts) == 1


def test_links_use_newscrawl_base_url_when_the_file_names_none(
    sqlite_uri: str, webhook: WebhookReceiver, tmp_path: Path
) -> None:
    with open_store(sqlite_uri) as store:
        reluctant_change(store)
    rules = tmp_path / "alerts.yaml"
    rules.write_text(f"destinations:\n  - name: hook\n    url: {webhook.url()}\n", "utf-8")
    result = run(sqlite_uri, rules, NOW, NEWSCRAWL_BASE_URL="https://viewer.example/nc")
    assert result.returncode == 0, result.stderr
    assert "Diff: https://viewer.example/nc/diff?url=" in webhook.posts[0]["message"]


def test_without_a_base_url_alerts_link_the_article_only(
    sqlite_uri: str, webhook: WebhookReceiver, tmp_path: Path
) -> None:
    with open_store(sqlite_uri) as store:
        change = reluctant_change(store)
    rules = tmp_path / "alerts.yaml"
    rules.write_text(f"destinations:\n  - name: hook\n    url: {webhook.url()}\n", "utf-8")
    assert run(sqlite_uri, rules, NOW, NEWSCRAWL_BASE_URL="").returncode == 0
    message = webhook.posts[0]["message"]
    assert "Diff:" not in message and f"Article: {change['url']}" in message


def test_dry_run_prints_the_alerts(
    sqlite_uri: str, webhook: WebhookReceiver, tmp_path: Path
) -> None:
    with open_store(sqlite_uri) as store:
        reluctant_change(store)
    rules = write_rules(tmp_path / "alerts.yaml", webhook.url())
    result = subprocess.run(
        [*NEWSCRAWL, "--store", sqlite_uri, "notify", "--rules", str(rules), "--dry-run"],
        cwd=REPO, env={**os.environ, "NEWSCRAWL_NOW": NOW.isoformat()},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "--- to hook: guardian: headline changed:" in result.stdout
    assert "[-reluctant-] {+willing+}" in result.stdout
    assert result.stdout.rstrip().endswith(
        "1 alert(s) would be sent (dry run: nothing sent or recorded)"
    )
    assert webhook.posts == []


def test_notify_command_sends_a_flipflop_once(
    store_uri: str, webhook: WebhookReceiver, tmp_path: Path
) -> None:
    with open_store(store_uri) as store:
        change = reluctant_change(store, minutes_ago=60)
        store.add_event(change["url"], "flipflop", "returned to the text of version 1", NOW)
    rules = tmp_path / "alerts.yaml"
    rules.write_text(
        f"destinations:\n  - name: hook\n    url: {webhook.url()}\n"
        "    changes: false\n    flipflops: true\n",
        "utf-8",
    )
    first = run(store_uri, rules, NOW + timedelta(minutes=1))
    assert first.returncode == 0 and first.stdout.strip() == "hook: 1 sent, 0 failed", first.stderr
    again = run(store_uri, rules, NOW + timedelta(minutes=2))
    assert again.returncode == 0 and again.stdout.strip() == "nothing to send"
    [post] = webhook.posts
    assert post["title"].startswith("guardian: headline flip-flop:")
