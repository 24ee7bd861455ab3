"""Hand alerts to apprise URLs, with timeouts, and say why a send failed."""

from __future__ import annotations

import importlib
import logging
import warnings
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import apprise

from newscrawl import __version__

with warnings.catch_warnings():
    # apprise's e-mail support imports the standard library's imghdr, deprecated on
    # Python 3.11 and 3.12: not ours to fix, and no reason to warn on every send.
    warnings.simplefilter("ignore", DeprecationWarning)
    importlib.import_module("apprise.utils.pgp")


@dataclass
class Outcome:
    """How a send ended: ``ok``, or the reason it did not."""

    ok: bool
    error: str | None = None


def scheme(url: str) -> str:
    """The URL's scheme alone: safe to print (apprise URLs carry passwords and tokens)."""
    return url.split("://", 1)[0] + "://..."


class Sender:
    """Sends plain-text alerts; one apprise plugin per URL for the whole run, so apprise's
    own per-service throttling (rate limits of Slack, mail servers...) applies."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.asset = apprise.AppriseAsset(app_id="newscrawl", app_desc=f"newscrawl {__version__}")
        self._notifiers: dict[str, apprise.Apprise] = {}

    def check(self, url: str) -> str | None:
        """Why apprise cannot use ``url`` (None when it can)."""
        try:
            plugin = apprise.Apprise.instantiate(url, asset=self.asset, suppress_exceptions=False)
        except Exception as exc:  # apprise raises several types for bad URLs
            return f"bad apprise URL {scheme(url)}: {type(exc).__name__}"
        if plugin is None:
            return f"apprise does not know the URL {scheme(url)}"
        return None

    def _notifier(self, url: str) -> apprise.Apprise:
        if url not in self._notifiers:
            plugin = apprise.Apprise.instantiate(url, asset=self.asset)
            if plugin is None:
                raise ValueError(f"apprise does not know the URL {scheme(url)}")
            # A URL's own cto=/rto= win; otherwise a dead destination costs at most
            # ``timeout`` to connect and as much to answer.
            query = parse_qs(urlsplit(url).query)
            if "cto" not in query:
                plugin.socket_connect_timeout = self.timeout
            if "rto" not in query:
                plugin.socket_read_timeout = self.timeout
            notifier = apprise.Apprise(asset=self.asset)
            notifier.add(plugin)
            self._notifiers[url] = notifier
        return self._notifiers[url]

    def send(self, url: str, title: str, body: str) -> Outcome:
        """Send ``title`` and ``body`` as plain text to ``url``; never raises."""
        with apprise.LogCapture(level=logging.WARNING) as log:
            try:
                ok = self._notifier(url).notify(
                    body=body, title=title, body_format=apprise.NotifyFormat.TEXT
                )
            except Exception as exc:  # a plugin bug must not stop the other alerts
                return Outcome(False, f"{type(exc).__name__}: {exc}"[:500])
            detail = " ".join(log.getvalue().split())
        if ok:
            return Outcome(True)
        return Outcome(False, (detail or "the destination did not accept the alert")[:500])
