"""BBC fields the sidecars do not give, from a hand-checked table (bbc_fields.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from newscrawl.outlets.bbc import BBCExtractor
from tests.extraction.test_guardian_fields import field_value

TABLE = yaml.safe_load((Path(__file__).parent / "bbc_fields.yaml").read_text("utf-8"))


def page_path(corpus: Path, page: str) -> Path:
    if "/" in page:
        return corpus / "versions" / f"{page}.html"
    return corpus / "pages" / "bbc" / f"{page}.html"


def value(result: dict[str, Any], field: str) -> Any:
    if field == "last_paragraph":
        return result["paragraphs"][-1]
    return field_value(result, field)


@pytest.mark.parametrize("row", TABLE, ids=[f"{r['page']}:{r['field']}" for r in TABLE])
def test_field(corpus: Path, row: dict[str, Any]) -> None:
    path = page_path(corpus, row["page"])
    result = BBCExtractor().extract(path.read_bytes(), "https://www.bbc.co.uk/news/x")
    assert value(result, row["field"]) == row["expected"]
