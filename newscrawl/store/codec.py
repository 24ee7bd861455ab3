"""Value conversions both store backends share: UTC datetimes, version text, shards."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from newscrawl.store.base import Record

# Fields every new article starts with; upsert_article fills in what the caller omits.
ARTICLE_DEFAULTS: Record = {
    "canonical_url": None,
    "response_url": None,
    "title": None,
    "published": None,
    "last_checked": None,
    "last_changed": None,
    "interval": 0.0,
    "status": "active",
    "checks": 0,
    "version_count": 0,
    "change_count": 0,
    "failures": 0,
    "flipflops": 0,
    "returned_to": None,
    "returned_checks": 0,
    "suspects": 0,
    "etag": None,
    "last_modified": None,
    "events": [],
}


def utc(value: datetime) -> datetime:
    """``value`` as an aware UTC datetime truncated to the millisecond (what BSON keeps),
    so both backends return the same instant. Naive values are taken to be UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


def normalise(value: Any) -> Any:
    """A copy of ``value`` with every datetime made aware UTC and tuples made lists."""
    if isinstance(value, datetime):
        return utc(value)
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalise(v) for v in value]
    return value


def iso(value: datetime | None) -> str | None:
    """Fixed-width ISO 8601 text in UTC, so text order is time order (SQLite columns)."""
    if value is None:
        return None
    return utc(value).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def from_iso(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)


def shard_of(url: str) -> int:
    """A stable 31-bit hash of the URL (the same in every process and on every backend)."""
    return int.from_bytes(hashlib.sha1(url.encode("utf-8")).digest()[:4], "big") >> 1


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$date": iso(value)}
    if isinstance(value, bytes | bytearray):
        return {"$binary": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(f"cannot store a {type(value).__name__} in a record")


def _json_hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "$date" in obj:
            return from_iso(obj["$date"])
        if "$binary" in obj:
            return base64.b64decode(obj["$binary"])
    return obj


def dumps(value: Any) -> str:
    """JSON text for SQLite; datetimes and bytes are tagged the way extended JSON does."""
    return json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text, object_hook=_json_hook)


def require_str(name: str, value: Any, optional: bool = False) -> None:
    """Reject a filter value that is not a plain string (a dict would be a Mongo operator)."""
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, not {type(value).__name__}")


def require_int(name: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{name} must be an integer, not {type(value).__name__}")


def mask_uri(uri: str) -> str:
    """The URI with any password replaced by ``***`` (safe for messages and logs)."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def new_article(url: str, outlet: str, fields: Record, now: datetime) -> Record:
    """The full record of an article seen for the first time: defaults, then ``fields``.
    A new article is due at once unless ``fields`` says otherwise."""
    record = normalise({**ARTICLE_DEFAULTS, **fields})
    record["url"], record["outlet"] = url, outlet
    record["first_seen"] = record.get("first_seen") or utc(now)
    record.setdefault("next_check", record["first_seen"])
    record["shard"] = shard_of(url)
    return record


def new_event(kind: str, detail: str, time: datetime, version: int | None = None) -> Record:
    """An article event as both backends store it; ``version`` only when given."""
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise ValueError(f"an event's version must be a number, not {version!r}")
    event: Record = {"time": utc(time), "kind": kind, "detail": detail}
    if version is not None:
        event["version"] = version
    return event


def article_changes(outlet: str, fields: Record) -> Record:
    """What ``upsert_article`` sets on an article that already exists: the key, the
    shard and ``first_seen`` never change."""
    changes = {k: v for k, v in normalise(fields).items() if k not in IMMUTABLE}
    changes["outlet"] = outlet
    return changes


IMMUTABLE = frozenset({"_id", "url", "shard", "first_seen"})


def split_version(url: str, version: Record) -> tuple[Record, bytes | None]:
    """Validate a version for ``add_version``: (fields as stored, raw HTML bytes).
    ``html_bytes`` is filled in from the raw HTML when the caller left it out; the text
    is kept once (see ``pack_text``)."""
    require_str("fingerprint", version.get("fingerprint"))
    record = normalise({k: v for k, v in version.items() if k not in ("_id", "raw_html")})
    record["url"] = url
    record.pop("number", None)
    raw = version.get("raw_html")
    if raw is None:
        return pack_text(record), None
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    record.setdefault("html_bytes", len(raw))
    return pack_text(record), bytes(raw)


def _block_paragraphs(blocks: Any) -> list[str] | None:
    """The texts of the ``paragraph`` blocks, or None when ``blocks`` is not a list of
    blocks with text."""
    if not isinstance(blocks, list):
        return None
    texts = []
    for block in blocks:
        if not isinstance(block, dict) or not isinstance(block.get("text"), str):
            return None
        if block.get("type") == "paragraph":
            texts.append(block["text"])
    return texts


def pack_text(record: Record) -> Record:
    """The version record to store: ``paragraphs`` is left out when it is exactly the
    texts of the paragraph blocks (as every extractor gives it), so the body is stored
    once; anything else is kept as given."""
    paragraphs = record.get("paragraphs")
    if isinstance(paragraphs, list) and _block_paragraphs(record.get("blocks")) == paragraphs:
        del record["paragraphs"]
    return record


def unpack_text(record: Record) -> Record:
    """The stored version ``record`` as callers see it: ``paragraphs`` derived from the
    blocks when it was stored once (older records hold both and come back as they are)."""
    if "paragraphs" not in record:
        paragraphs = _block_paragraphs(record.get("blocks"))
        if paragraphs is not None:
            record["paragraphs"] = paragraphs
    return record


def check_shard(shard: tuple[int, int] | None) -> None:
    if shard is None:
        return
    index, count = shard
    require_int("shard index", index)
    require_int("shard count", count)
    if not 0 <= index < count:
        raise ValueError(f"shard must be (i, n) with 0 <= i < n, not {shard!r}")
