"""Per outlet with an extraction module: pages right / total against their sidecars, mean
body F1 next to trafilatura's, ms per page, and version cases right / total.

Run from the repository root: ``python -m benchmarks.outlets [OUTLET...]``."""

from __future__ import annotations

import sys
import time
from statistics import mean

from newscrawl.outlets import OUTLETS, NotAnArticle, get_extractor
from newscrawl.outlets.scoring import token_f1
from tests.conftest import CORPUS
from tests.diffing.test_corpus_versions import test_version_case
from tests.extraction import groundtruth, versus


def _page_right(page: groundtruth.Page, result: dict | None) -> bool:
    return result is not None and all(groundtruth.check(page, f, result)[0] for f in page.fields())


def outlet_figures(outlet: str) -> str:
    """One line of figures for ``outlet``."""
    extractor = get_extractor(outlet)
    pages = [p for p in groundtruth.outlet_pages(CORPUS, outlet) if "/" not in p.name]
    right, times, ours_f1, theirs_f1 = 0, [], [], []
    for page in pages:
        html = page.path.read_bytes()
        start = time.perf_counter()
        try:
            result = extractor.extract(html, page.url)
        except NotAnArticle:
            result = None
        times.append((time.perf_counter() - start) * 1000)
        right += _page_right(page, result)
        if "paragraphs" in page.truth:
            expected = groundtruth.expected_paragraphs(page, "paragraphs")
            got = groundtruth.comparable_paragraphs(page, result) if result else []
            ours_f1.append(token_f1(got, expected))
            theirs = [versus.trafilatura_result(html, page.url, s) for s in versus.SETTINGS]
            theirs_f1.append(max(token_f1(t["paragraphs"], expected) if t else 0.0 for t in theirs))
    cases = sorted(p.parent.name for p in (CORPUS / "versions").glob(f"{outlet}-*/case.json"))
    cases_right = 0
    for case in cases:
        try:
            test_version_case(CORPUS, case)
            cases_right += 1
        except AssertionError:
            pass
    f1 = (
        f"body F1 {mean(ours_f1):.3f} vs trafilatura {mean(theirs_f1):.3f} ({len(ours_f1)} pages)"
        if ours_f1
        else "no full-body page"
    )
    return (
        f"{outlet:<15} pages right {right}/{len(pages)}; {f1}; "
        f"{mean(times):.1f} ms/page; version cases right {cases_right}/{len(cases)}"
    )


def main(names: list[str] | None = None) -> None:
    for outlet in names or sorted(n for n in OUTLETS if n != "generic"):
        print(outlet_figures(outlet), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
