"""Fields the corpus sidecars do not give, from each outlet's hand-checked table
(``<outlet>_fields.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.extraction.expectations import OUTLETS, OutletExpectations
from tests.extraction.groundtruth import extracted, field_value, page_path

HERE = Path(__file__).parent
ROWS = [
    (outlet, row)
    for outlet in OUTLETS
    for row in yaml.safe_load((HERE / f"{outlet.name}_fields.yaml").read_text("utf-8"))
]


@pytest.mark.parametrize(
    "outlet, row", ROWS, ids=[f"{o.name}/{r['page']}:{r['field']}" for o, r in ROWS]
)
def test_field(corpus: Path, outlet: OutletExpectations, row: dict[str, Any]) -> None:
    path = page_path(corpus, outlet.corpus_folder, row["page"])
    result = extracted(outlet.name, path, outlet.url)
    assert field_value(result, row["field"]) == row["expected"]
