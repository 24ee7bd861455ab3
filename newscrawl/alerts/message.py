"""What an alert says: the headline before/after, the changed words, significance, links."""

from __future__ import annotations

from collections.abc import Mapping
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


def _links(url: str, diff: str | None, base_url: str | None) -> list[str]:
    lines = [f"Diff: {diff}"] if diff else []
    page = article_link(base_url, url)
    if page:
        lines.append(f"History: {page}")
    lines.append(f"Article: {url}")
    return lines


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if hasattr(value, "strftime") else str(value)
