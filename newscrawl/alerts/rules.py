"""The alert file: destinations (one apprise URL each) and which changes and events each wants."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

SIGNIFICANCES = ("trivial", "minor", "substantive")
KINDS = ("headline", "standfirst", "byline", "body", "correction", "section")
DEFAULT_MAX_AGE_HOURS = 48.0

_TOP_KEYS = {"base_url", "max_age_hours", "destinations"}
_DESTINATION_KEYS = {
    "name", "url", "outlets", "significance", "kinds", "uncorrected", "gone", "changes",
    "min_words", "redirects", "flipflops",
}  # fmt: skip
# Article events a destination can opt in to, by the flag that turns each on.
EVENT_FLAGS = {"redirected": "redirects", "flipflop": "flipflops"}


class AlertsConfigError(ValueError):
    """The alert file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Destination:
    """One place alerts go (an apprise URL) and the filters that pick what it gets."""

    name: str
    url: str
    outlets: frozenset[str] | None = None
    significance: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    uncorrected: bool = False
    gone: bool = False
    changes: bool = True
    min_words: int = 0
    redirects: bool = False
    flipflops: bool = False

    def wants_change(self, change: Mapping[str, Any]) -> bool:
        """True when ``change`` (a change record) passes every filter."""
        if not self.changes or not self._outlet(change.get("outlet")):
            return False
        if self.significance is not None and change.get("significance") not in self.significance:
            return False
        if self.kinds is not None and not self.kinds & set(change.get("kinds") or ()):
            return False
        if self.uncorrected and not change.get("uncorrected"):
            return False
        words = int(change.get("words_added") or 0) + int(change.get("words_removed") or 0)
        return words >= self.min_words

    def wants_gone(self, article: Mapping[str, Any]) -> bool:
        """True when this destination takes takedowns and the article's outlet."""
        return self.gone and self._outlet(article.get("outlet"))

    def wants_event(self, event: Mapping[str, Any]) -> bool:
        """True when this destination takes the event's kind (``redirected``: with
        ``redirects``, ``flipflop``: with ``flipflops``) and the article's outlet."""
        flag = EVENT_FLAGS.get(str(event.get("kind")))
        return flag is not None and getattr(self, flag) and self._outlet(event.get("outlet"))

    def _outlet(self, outlet: Any) -> bool:
        return self.outlets is None or outlet in self.outlets


@dataclass(frozen=True)
class AlertRules:
    """Everything the alert file says."""

    destinations: tuple[Destination, ...]
    base_url: str | None = None
    max_age_hours: float = DEFAULT_MAX_AGE_HOURS


def load_rules(path: str | Path) -> AlertRules:
    """Read and check the alert file (YAML). Raises ``AlertsConfigError``."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        raise AlertsConfigError(
            f"no alert file at {path}: write one (see docs/alerts.md) or name it with "
            "--rules FILE or NEWSCRAWL_ALERTS"
        ) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise AlertsConfigError(f"cannot read the alert file {path}: {exc}") from None
    return parse_rules(data, str(path))


def parse_rules(data: Any, where: str = "the alert file") -> AlertRules:
    """Check the parsed alert file; every problem is an ``AlertsConfigError``."""
    if not isinstance(data, dict):
        raise AlertsConfigError(f"{where}: expected a mapping with a 'destinations' list")
    _unknown(data, _TOP_KEYS, where)
    entries = data.get("destinations")
    if not isinstance(entries, list) or not entries:
        raise AlertsConfigError(f"{where}: 'destinations' must be a non-empty list")
    destinations = [_destination(entry, i, where) for i, entry in enumerate(entries)]
    names = [d.name for d in destinations]
    for name in names:
        if names.count(name) > 1:
            raise AlertsConfigError(f"{where}: two destinations are named {name!r}")
    base_url = data.get("base_url")
    if base_url is not None and not _is_http(base_url):
        raise AlertsConfigError(f"{where}: base_url must be an http(s) URL")
    max_age = data.get("max_age_hours", DEFAULT_MAX_AGE_HOURS)
    if isinstance(max_age, bool) or not isinstance(max_age, int | float) or max_age <= 0:
        raise AlertsConfigError(f"{where}: max_age_hours must be a positive number")
    return AlertRules(tuple(destinations), base_url, float(max_age))


def _unknown(entry: dict, allowed: set[str], where: str) -> None:
    extra = sorted(set(map(str, entry)) - allowed)
    if extra:
        raise AlertsConfigError(
            f"{where}: unknown key(s) {', '.join(extra)} (allowed: {', '.join(sorted(allowed))})"
        )


def _is_http(value: Any) -> bool:
    return isinstance(value, str) and urlsplit(value).scheme in ("http", "https")


def _choices(value: Any, allowed: tuple[str, ...] | None, key: str, where: str):
    if value is None:
        return None
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise AlertsConfigError(f"{where}: {key} must be a name or a non-empty list of names")
    if allowed is not None:
        wrong = [v for v in values if v not in allowed]
        if wrong:
            raise AlertsConfigError(
                f"{where}: unknown {key} {', '.join(wrong)} (one of: {', '.join(allowed)})"
            )
    return frozenset(values)


def _flag(entry: dict, key: str, default: bool, where: str) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise AlertsConfigError(f"{where}: {key} must be true or false")
    return value


def _destination(entry: Any, index: int, where: str) -> Destination:
    here = f"{where}, destination {index + 1}"
    if not isinstance(entry, dict):
        raise AlertsConfigError(f"{here}: expected a mapping with 'name' and 'url'")
    _unknown(entry, _DESTINATION_KEYS, here)
    name, url = entry.get("name"), entry.get("url")
    if not isinstance(name, str) or not name.strip():
        raise AlertsConfigError(f"{here}: 'name' must be a non-empty string")
    here = f"{where}, destination {name!r}"
    if not isinstance(url, str) or "://" not in url:
        raise AlertsConfigError(f"{here}: 'url' must be one apprise URL (e.g. mailto://...)")
    min_words = entry.get("min_words", 0)
    if isinstance(min_words, bool) or not isinstance(min_words, int) or min_words < 0:
        raise AlertsConfigError(f"{here}: min_words must be a whole number >= 0")
    destination = Destination(
        name=name.strip(),
        url=url,
        outlets=_choices(entry.get("outlets"), None, "outlets", here),
        significance=_choices(entry.get("significance"), SIGNIFICANCES, "significance", here),
        kinds=_choices(entry.get("kinds"), KINDS, "kinds", here),
        uncorrected=_flag(entry, "uncorrected", False, here),
        gone=_flag(entry, "gone", False, here),
        changes=_flag(entry, "changes", True, here),
        min_words=min_words,
        redirects=_flag(entry, "redirects", False, here),
        flipflops=_flag(entry, "flipflops", False, here),
    )
    wanted = (destination.changes, destination.gone, destination.redirects, destination.flipflops)
    if not any(wanted):
        raise AlertsConfigError(
            f"{here}: changes, gone, redirects and flipflops are all false: it would get nothing"
        )
    return destination
