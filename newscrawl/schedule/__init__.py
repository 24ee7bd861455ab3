"""When a tracked article is next due for a re-check: the policies and how one is chosen."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from newscrawl.schedule.backoff import BackoffPolicy
from newscrawl.schedule.due import Due
from newscrawl.schedule.evidence import EvidencePolicy
from newscrawl.schedule.jitter import jittered

# Short names for NEWSCRAWL_RECHECK_POLICY; any other value is a dotted path.
NAMED_POLICIES = {
    "evidence": "newscrawl.schedule.evidence.EvidencePolicy",
    "newsniffer": "newscrawl.schedule.backoff.BackoffPolicy",
}
DEFAULT_POLICY = "evidence"

__all__ = [
    "DEFAULT_POLICY",
    "NAMED_POLICIES",
    "BackoffPolicy",
    "Due",
    "EvidencePolicy",
    "Policy",
    "jittered",
    "load_policy",
]


class Policy(Protocol):
    """What the pipelines and spiders need from a re-check policy. ``published`` is the
    article's publication time when the page gave one (None otherwise); a policy may
    ignore it."""

    def first(self, now: datetime, published: datetime | None = None) -> Due: ...

    def after_check(
        self, interval: float, changed: bool, now: datetime, published: datetime | None = None
    ) -> Due: ...

    def after_failure(self, interval: float, failures: int, now: datetime) -> Due: ...


def load_policy(settings: Mapping[str, Any] | Any) -> Policy:
    """The policy named by ``NEWSCRAWL_RECHECK_POLICY``: ``evidence`` (the default),
    ``newsniffer``, or the dotted path of a class; built with its ``from_settings``."""
    value = (settings.get("NEWSCRAWL_RECHECK_POLICY") if settings is not None else None) or (
        DEFAULT_POLICY
    )
    path = NAMED_POLICIES.get(value, value)
    module_name, _, class_name = path.rpartition(".")
    try:
        policy_class = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ValueError(
            f"NEWSCRAWL_RECHECK_POLICY={value!r} cannot be imported: {exc} "
            f"(use {', '.join(sorted(NAMED_POLICIES))} or a dotted path)"
        ) from exc
    policy = policy_class.from_settings(settings)
    return policy if _takes_published(policy) else _WithoutPublished(policy)


def _takes_published(policy: Any) -> bool:
    try:
        return "published" in inspect.signature(policy.first).parameters
    except (TypeError, ValueError):
        return True


class _WithoutPublished:
    """A policy written before ``published`` was passed (``first(now)``), kept working."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def first(self, now: datetime, published: datetime | None = None) -> Due:
        return self.inner.first(now)

    def after_check(
        self, interval: float, changed: bool, now: datetime, published: datetime | None = None
    ) -> Due:
        return self.inner.after_check(interval, changed, now)

    def after_failure(self, interval: float, failures: int, now: datetime) -> Due:
        return self.inner.after_failure(interval, failures, now)
