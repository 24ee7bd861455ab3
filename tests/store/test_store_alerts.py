"""Store contract: alert records claimed, finished and retried (both backends)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newscrawl.store import Store
from tests.store.samples import T0, URL

KEY = f"{URL}#v2"
LEASE = 300.0


def test_a_new_alert_is_claimed_once(store: Store) -> None:
    claimed = store.claim_alert(KEY, "desk", URL, T0, LEASE)
    assert claimed is not None
    assert claimed["status"] == "sending" and claimed["attempts"] == 0
    assert claimed["claimed"] == T0 and claimed["url"] == URL
    # A second sender (another notify run) finds it held, and so does the same one.
    assert store.claim_alert(KEY, "desk", URL, T0 + timedelta(seconds=1), LEASE) is None
    # Another destination is its own alert.
    assert store.claim_alert(KEY, "wire", URL, T0, LEASE) is not None
    assert store.get_alert(KEY, "desk")["status"] == "sending"  # type: ignore[index]
    assert store.get_alert(KEY, "nobody") is None


def test_a_sent_alert_is_never_claimed_again(store: Store) -> None:
    store.claim_alert(KEY, "desk", URL, T0, LEASE)
    store.finish_alert(KEY, "desk", {"status": "sent", "sent": T0, "error": None})
    record = store.get_alert(KEY, "desk")
    assert record is not None
    assert record["status"] == "sent" and record["attempts"] == 1 and record["sent"] == T0
    assert store.claim_alert(KEY, "desk", URL, T0 + timedelta(days=30), LEASE) is None


def test_a_failed_alert_waits_for_its_next_try(store: Store) -> None:
    store.claim_alert(KEY, "desk", URL, T0, LEASE)
    retry_at = T0 + timedelta(minutes=2)
    store.finish_alert(KEY, "desk", {"status": "failed", "next_try": retry_at, "error": "refused"})
    record = store.get_alert(KEY, "desk")
    assert record is not None
    assert record["error"] == "refused" and record["next_try"] == retry_at
    assert store.claim_alert(KEY, "desk", URL, T0 + timedelta(minutes=1), LEASE) is None
    again = store.claim_alert(KEY, "desk", URL, retry_at, LEASE)
    assert again is not None and again["status"] == "sending" and again["attempts"] == 1
    store.finish_alert(KEY, "desk", {"status": "sent", "sent": retry_at, "next_try": None})
    assert store.get_alert(KEY, "desk")["attempts"] == 2  # type: ignore[index]


def test_a_claim_left_by_a_dead_sender_is_taken_over_after_the_lease(store: Store) -> None:
    store.claim_alert(KEY, "desk", URL, T0, LEASE)
    assert store.claim_alert(KEY, "desk", URL, T0 + timedelta(seconds=LEASE - 1), LEASE) is None
    taken = store.claim_alert(KEY, "desk", URL, T0 + timedelta(seconds=LEASE), LEASE)
    assert taken is not None and taken["claimed"] == T0 + timedelta(seconds=LEASE)


def test_list_alerts_newest_claim_first_and_filtered(store: Store) -> None:
    for i in range(3):
        store.claim_alert(f"{URL}#v{i + 2}", "desk", URL, T0 + timedelta(minutes=i), LEASE)
    store.claim_alert(KEY, "wire", URL, T0, LEASE)
    store.finish_alert(KEY, "wire", {"status": "failed", "next_try": T0, "error": "x"})
    assert [a["key"][-2:] for a in store.list_alerts("desk")] == ["v4", "v3", "v2"]
    assert [a["destination"] for a in store.list_alerts(status="failed")] == ["wire"]
    assert len(store.list_alerts(limit=2)) == 2
    assert store.list_alerts(limit=0) == []


def test_bad_alert_input_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        store.claim_alert({"$gt": ""}, "desk", URL, T0, LEASE)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.list_alerts(destination={"$ne": None})  # type: ignore[arg-type]
