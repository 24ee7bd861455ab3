"""Guardian extraction accuracy and speed on the corpus, next to trafilatura on the same pages.

Run from the repository root: ``python -m benchmarks.extraction``."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from statistics import median
from typing import Any

from newscrawl.outlets.base import NotAnArticle
from newscrawl.outlets.guardian import GuardianExtractor
from newscrawl.outlets.scoring import token_f1
from tests.conftest import CORPUS
from tests.extraction import groundtruth

REPEAT = 3
# Columns: the fields a reader cares about most, then the body checks.
COLUMNS = (("title", "title"), ("authors", "auth"), ("standfirst", "stand"), ("published", "pub"))
BODY_CHECKS = (
    "paragraph_at",
    "paragraph_count",
    "paragraphs_boundaries",
    "body_boundaries",
    "contains",
    "not_contains",
)


def ours(html: bytes, url: str) -> dict[str, Any] | None:
    try:
        return GuardianExtractor().extract(html, url)
    except NotAnArticle:
        return None


def trafilatura_result(html: bytes, url: str) -> dict[str, Any] | None:
    """trafilatura's JSON output in the shape of an extraction result."""
    import trafilatura

    raw = trafilatura.extract(html, url=url, output_format="json", with_metadata=True)
    if not raw:
        return None
    data = json.loads(raw)
    paragraphs = [line.strip() for line in (data.get("text") or "").split("\n") if line.strip()]
    return {
        "title": data.get("title") or "",
        "authors": [a.strip() for a in (data.get("author") or "").split(";") if a.strip()],
        "standfirst": data.get("excerpt"),
        "published": data.get("date"),
        "paragraphs": paragraphs,
        "blocks": [{"type": "paragraph", "text": p} for p in paragraphs],
        "corrections": [],
    }


def timed(func: Callable, html: bytes, url: str) -> tuple[Any, float]:
    times, result = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = func(html, url)
        times.append(time.perf_counter() - start)
    return result, min(times) * 1000


def score(page: groundtruth.Page, result: dict[str, Any] | None) -> dict[str, str]:
    """One cell per column: ok / NO / '' (no ground truth); body: F1 and check marks."""
    given = page.fields()
    cells = {}
    for name, _ in COLUMNS:
        if name in given:
            cells[name] = "ok" if result and groundtruth.check(page, name, result)[0] else "NO"
        else:
            cells[name] = ""
    body = []
    for source in ("paragraphs", "body"):
        if source in page.truth and result:
            expected = page.truth[source]
            body.append(f"F1 {token_f1(result['paragraphs'], expected):.3f}")
    for name in BODY_CHECKS:
        if name in given:
            passed = bool(result) and groundtruth.check(page, name, result)[0]
            label = name.replace("paragraphs_", "").replace("body_", "").replace("paragraph_", "")
            body.append(f"{label} {'ok' if passed else 'NO'}")
    cells["body"] = ", ".join(body)
    return cells


def main() -> None:
    pages = groundtruth.guardian_pages(CORPUS)
    header = f"{'page':<44} {'engine':<11}" + "".join(f"{s:>6}" for _, s in COLUMNS)
    print(f"{header}  {'ms':>7}  body")
    totals = {"newscrawl": [0, 0, []], "trafilatura": [0, 0, []]}
    results: dict[str, dict[str, Any]] = {}
    for page in pages:
        html = page.path.read_bytes()
        for engine, func in (("newscrawl", ours), ("trafilatura", trafilatura_result)):
            result, ms = timed(func, html, page.url)
            results[f"{engine}:{page.name}"] = result
            cells = score(page, result)
            checks = [
                c
                for c in (*(cells[n] for n, _ in COLUMNS), *cells["body"].split(", "))
                if c.endswith(("ok", "NO"))
            ]
            totals[engine][0] += sum(c.endswith("ok") for c in checks)
            totals[engine][1] += len(checks)
            totals[engine][2].append(ms)
            row = "".join(f"{cells[n]:>6}" for n, _ in COLUMNS)
            name = page.name if engine == "newscrawl" else ""
            print(f"{name[:44]:<44} {engine:<11}{row}  {ms:7.1f}  {cells['body']}")
    print()
    for engine, (passed, total, times) in totals.items():
        print(
            f"{engine:<11} checks passed {passed}/{total}; median {median(times):.1f} ms/page, "
            f"total {sum(times):.0f} ms"
        )
    print()
    for case in sorted({p.name.split("/")[0] for p in pages if "/" in p.name}):
        for engine in totals:
            v1, v2 = results[f"{engine}:{case}/v1"], results[f"{engine}:{case}/v2"]
            same = bool(v1 and v2) and all(
                v1[k] == v2[k] for k in ("title", "standfirst", "authors", "paragraphs")
            )
            print(f"{case:<44} {engine:<11} captures agree: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
