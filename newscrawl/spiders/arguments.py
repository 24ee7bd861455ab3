"""Parsing of the spider arguments every outlet spider takes."""

from __future__ import annotations

import re
from typing import Any


def parse_flag(value: Any, default: bool, name: str = "flag") -> bool:
    """A spider argument or setting read as a boolean (``1``/``0``, ``true``/``false``);
    ``name`` says which in the error."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be 0 or 1, got {value!r}")


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """``"i/n"`` as ``(i, n)`` with ``0 <= i < n``; None when unset."""
    if not value:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not match or not 0 <= int(match[1]) < int(match[2]):
        raise ValueError(f"spider argument shard must look like i/n with 0 <= i < n, got {value!r}")
    return int(match[1]), int(match[2])
