"""Deterministic per-URL jitter, so articles published together are not re-checked in the
same second (and a test sees the same schedule every time)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta

from newscrawl.schedule.due import Due


def url_fraction(url: str) -> float:
    """A stable number in [0, 1) for ``url``."""
    return int.from_bytes(hashlib.sha1(url.encode("utf-8")).digest()[:8], "big") / 2**64


def jittered(due: Due, url: str, now: datetime, share: float, cap: float) -> Due:
    """``due`` with its next check moved earlier by up to ``share`` of the wait (at most
    ``cap`` seconds), by an amount fixed per URL. Earlier, never later: a check the
    policy guarantees (1 day, 1 week) still happens by then."""
    if due.next_check is None or share <= 0 or cap <= 0:
        return due
    wait = (due.next_check - now).total_seconds()
    shift = url_fraction(url) * min(share * wait, cap)
    return replace(due, next_check=due.next_check - timedelta(seconds=shift))
