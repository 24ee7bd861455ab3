"""What an alert says: the headline before/after, the changed words, significance, links;
for an article event (takedown, redirect, flip-flop) what happened, when, and links."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from newscrawl.diffing.snippets import ELLIPSIS, change_snippets, headline_change, render_text

LEGEND = "[-removed-] {+added+}"
_MAX_TITLE = 160


def diff_link(base_url: str | None, change: Mapping[str, Any]) -> str | None:
    """The viewer's diff page of ``change``, or None without a base URL."""
    if not base_url:
        return None
    query = urlencode(
        {"url": change["url"], "from": change["from_version"], "to": change["to_version"]}
    )
    return f"{base_url.rstrip('/')}/diff?{query}"


def article_link(base_url: str | None, url: str) -> str | None:
    """The viewer's page of the article, or None without a base URL."""
    if not base_url:
        return None
    return f"{base_url.rstrip('/')}/article?{urlencode({'url': url})}"


def _one_line(text: Any) -> str:
    line = " ".join(str(text or "").split())
    return line if len(line) <= _MAX_TITLE else line[: _MAX_TITLE - 1] + ELLIPSIS


def change_message(change: Mapping[str, Any], base_url: str | None) -> tuple[str, str]:
    """Title and plain-text body of the alert for one change record."""
    outlet, significance = change.get("outlet") or "?", change.get("significance") or "?"
    head = headline_change(change)
    if head:
        title = f"{outlet}: headline changed: {_one_line(head['old'])} -> {_one_line(head['new'])}"
    else:
        title = f"{outlet}: {significance} change: {_one_line(change.get('title'))}"
    lines = [
        f"{change.get('title') or change['url']}",
        f"{outlet}, version {change['from_version']} -> {change['to_version']}, "
        f"detected {_when(change.get('detected'))}",
        f"Significance: {significance}"
        + (" (substantive, with no correction note)" if change.get("uncorrected") else ""),
        f"What changed: {change.get('summary') or ', '.join(change.get('kinds') or [])}",
    ]
    if head:
        lines += ["", f"Headline before: {head['old']}", f"Headline after:  {head['new']}"]
    snippets = change_snippets(change)
    if snippets:
        lines += ["", f"Changed words ({LEGEND}):"]
        lines += [f"  {render_text(s, 'wdiff')}" for s in snippets]
    lines += ["", *_links(change["url"], diff_link(base_url, change), base_url)]
    return title, "\n".join(lines)


def gone_message(article: Mapping[str, Any], base_url: str | None) -> tuple[str, str]:
    """Title and plain-text body of the alert for an article taken down (404/410)."""
    outlet = article.get("outlet") or "?"
    event = next((e for e in reversed(article.get("events") or []) if e.get("kind") == "gone"), {})
    when = event.get("time") or article.get("last_checked")
    title = f"{outlet}: taken down: {_one_line(article.get('title') or article['url'])}"
    lines = [
        f"{article.get('title') or article['url']}",
        f"{outlet}: the article is gone ({event.get('detail') or 'gone'}) "
        f"since {_when(when)}, after {article.get('version_count') or 0} version(s)",
        "",
        *_links(article["url"], None, base_url),
    ]
    return title, "\n".join(lines)


REDIRECT_PREFIX = "now answered by "
_RETURNED_TO = re.compile(r"\bversion (\d+)\b")


def redirect_message(event: Mapping[str, Any], base_url: str | None) -> tuple[str, str]:
    """Title and plain-text body of the alert for a ``redirected`` event: the article's
    address now answers with another page (detail "now answered by URL")."""
    outlet, url = event.get("outlet") or "?", event["url"]
    detail = str(event.get("detail") or "")
    target = detail[len(REDIRECT_PREFIX) :] if detail.startswith(REDIRECT_PREFIX) else None
    headline = event.get("title") or url
    title = f"{outlet}: redirected: {_one_line(headline)}"
    lines = [
        f"{headline}",
        f"{outlet}: the article's address now redirects to another page, "
        f"seen {_when(event.get('time'))}",
        f"Old URL: {url}",
        f"New URL: {target}" if target else f"Detail: {detail or 'redirected'}",
        "",
        *_links(url, None, base_url),
    ]
    return title, "\n".join(lines)


def returned_to(event: Mapping[str, Any]) -> int | None:
    """The version a ``flipflop`` event returned to: its ``version``, or for an event
    stored before events carried one, the N of its detail ("returned to the text of
    version N"); None when neither says."""
    if isinstance(event.get("version"), int):
        return event["version"]
    found = _RETURNED_TO.search(str(event.get("detail") or ""))
    return int(found.group(1)) if found else None


def flipflop_message(
    event: Mapping[str, Any], versions: list[Mapping[str, Any]], base_url: str | None
) -> tuple[str, str]:
    """Title and plain-text body of the alert for a ``flipflop`` event: the page showed
    an older version's text again. ``versions`` are the article's stored versions: the
    one returned to and the latest one before the event give the two headlines."""
    outlet, url = event.get("outlet") or "?", event["url"]
    number = returned_to(event)
    back = next((v for v in versions if v.get("number") == number), None)
    before = _latest_before(versions, event.get("time"), number)
    lines = [
        f"{event.get('title') or url}",
        f"{outlet}: the page returned to the text of version {number or '?'} "
        f"at {_when(event.get('time'))}",
        "(an A/B test, or an older copy served again: no new version was stored)",
    ]
    old = before.get("title") if before else None
    new = back.get("title") if back else None
    if old is not None and new is not None and _one_line(old) != _one_line(new):
        title = f"{outlet}: headline flip-flop: {_one_line(old)} -> {_one_line(new)}"
    else:
        title = f"{outlet}: flip-flop: {_one_line(new or event.get('title') or url)}"
    if before is not None:
        lines.append(f"Headline of version {before['number']} (the latest): {old}")
    if back is not None:
        lines.append(f"Headline of version {number} (returned to): {new}")
    lines += [
        "At most one flip-flop alert per article per day (UTC): later ones are on its history.",
        "",
    ]
    diff = None
    if before is not None and back is not None:
        pair = {"url": url, "from_version": number, "to_version": before["number"]}
        diff = diff_link(base_url, pair)
    lines += _links(url, diff, base_url)
    return title, "\n".join(lines)


def _latest_before(
    versions: list[Mapping[str, Any]], time: datetime | None, number: int | None
) -> Mapping[str, Any] | None:
    """The newest version, other than ``number``, fetched by ``time``: the text the page
    showed until it flipped back (a version stored after the event is not it)."""
    others = [v for v in versions if v.get("number") != number]
    if time is not None:
        others = [v for v in others if v.get("fetched") is None or v["fetched"] <= time] or others
    return max(others, key=lambda v: v.get("number") or 0, default=None)


def _links(url: str, diff: str | None, base_url: str | None) -> list[str]:
    lines = [f"Diff: {diff}"] if diff else []
    page = article_link(base_url, url)
    if page:
        lines.append(f"History: {page}")
    lines.append(f"Article: {url}")
    return lines


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if hasattr(value, "strftime") else str(value)
