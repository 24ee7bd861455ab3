"""Every outlet of the corpus tests on its pages: pages right / total, mean body F1 next to
trafilatura's (the better of its two settings, page by page; sidecar lines that are page
furniture by design left out of both), ms per page, and version cases right / total.

Run from the repository root: ``python -m benchmarks outlets``."""

from __future__ import annotations

import json
import time
from statistics import mean

from newscrawl.diffing import comparison_form, diff_versions, fingerprint
from newscrawl.outlets import NotAnArticle, get_extractor
from tests.conftest import CORPUS
from tests.extraction import groundtruth, versus
from tests.extraction.expectations import OUTLETS

REPEAT = 3


def _timed(outlet: str, page: groundtruth.Page) -> tuple[dict | None, float]:
    html, best, result = page.path.read_bytes(), float("inf"), None
    extractor = get_extractor(outlet)
    for _ in range(REPEAT):
        start = time.perf_counter()
        try:
            result = extractor.extract(html, page.url)
        except NotAnArticle:
            result = None
        best = min(best, time.perf_counter() - start)
    return result, best * 1000


def _right(page: groundtruth.Page, result: dict | None, not_article: bool) -> bool:
    if not_article:
        return result is None
    return result is not None and all(groundtruth.check(page, f, result)[0] for f in page.fields())


def _version_case_right(folder: str) -> bool:
    case = json.loads((CORPUS / "versions" / folder / "case.json").read_text("utf-8"))
    extractor = get_extractor(case["outlet"])
    versions = [
        extractor.extract((CORPUS / "versions" / folder / f).read_bytes(), case["url"])
        for f in case["files"]
    ]
    same = {fingerprint(v) for v in versions} == {fingerprint(versions[0])}
    if case["expect"] != "edit":
        return same
    edits = diff_versions(versions[0], versions[-1])["edits"]
    wanted = [(side, pair[side]) for pair in case["edits"] for side in ("old", "new")]
    return not same and all(
        any(comparison_form(text) in comparison_form(e.get(side)) for e in edits)
        for side, text in wanted
        if text is not None
    )


def main() -> None:
    print(
        f"{'outlet':10} {'pages right':>11} {'body F1':>8} {'trafilatura':>11} "
        f"{'ms/page':>8} {'version cases':>13}"
    )
    for outlet in OUTLETS:
        pages = [p for p in groundtruth.outlet_pages(CORPUS, outlet.name) if "/" not in p.name]
        right, ours, theirs, times = 0, [], [], []
        for page in pages:
            result, ms = _timed(outlet.name, page)
            times.append(ms)
            right += _right(page, result, page.name in outlet.not_articles)
            if versus.expected_body(page) is not None:
                ours.append(versus.body_f1_without_furniture(page, result))
                theirs.append(versus.trafilatura_best_f1(page))
        cases = sorted(
            p.parent.name for p in (CORPUS / "versions").glob(f"{outlet.name}-*/case.json")
        )
        cases_right = sum(_version_case_right(c) for c in cases)
        f1 = f"{mean(ours):.3f}" if ours else "-"
        tf1 = f"{mean(theirs):.3f}" if theirs else "-"
        print(
            f"{outlet.name:10} {f'{right}/{len(pages)}':>11} {f1:>8} {tf1:>11} "
            f"{mean(times):8.1f} {f'{cases_right}/{len(cases)}':>13}",
            flush=True,
        )


if __name__ == "__main__":
    main()
