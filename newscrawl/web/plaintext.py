"""A whole version as plain text, for ``/version?format=txt``."""

from __future__ import annotations

from newscrawl.store import Record
from newscrawl.web.formatting import abstime


def version_text(article: Record, version: Record, count: int) -> str:
    """Headline, standfirst, byline, body (``## `` before sub-headings) and corrections."""
    lines = [version.get("title") or ""]
    if version.get("standfirst"):
        lines += ["", version["standfirst"]]
    if version.get("authors"):
        lines += ["", "By " + ", ".join(version["authors"])]
    lines += [
        "",
        f"Version {version['number']} of {count}, fetched {abstime(version.get('fetched'))}",
        f"Source: {article['url']}",
    ]
    blocks = version.get("blocks") or [
        {"type": "paragraph", "text": p} for p in version.get("paragraphs") or []
    ]
    for block in blocks:
        prefix = "## " if block.get("type") == "heading" else ""
        lines += ["", prefix + (block.get("text") or "")]
    if version.get("corrections"):
        lines += ["", "Corrections:", *version["corrections"]]
    return "\n".join(lines) + "\n"
