"""Guardian fields the sidecars do not give, from a hand-checked table (guardian_fields.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from newscrawl.outlets.guardian import GuardianExtractor

TABLE = yaml.safe_load((Path(__file__).parent / "guardian_fields.yaml").read_text("utf-8"))


def page_path(corpus: Path, page: str) -> Path:
    if "/" in page:
        return corpus / "versions" / f"{page}.html"
    return corpus / "pages" / "guardian" / f"{page}.html"


def field_value(result: dict[str, Any], field: str) -> Any:
    if field == "headings":
        return [b["text"] for b in result["blocks"] if b["type"] == "heading"]
    if field == "first_paragraph":
        return result["paragraphs"][0]
    return result[field]


@pytest.mark.parametrize("row", TABLE, ids=[f"{r['page']}:{r['field']}" for r in TABLE])
def test_field(corpus: Path, row: dict[str, Any]) -> None:
    path = page_path(corpus, row["page"])
    result = GuardianExtractor().extract(path.read_bytes(), "https://www.theguardian.com/x")
    assert field_value(result, row["field"]) == row["expected"]
