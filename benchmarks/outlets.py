"""Every outlet with corpus expectations: pages right / total, mean body F1 next to
trafilatura's on the same pages, extraction ms per page, the number of version cases.

Run from the repository root: ``python -m benchmarks.outlets [OUTLET...]``."""

from __future__ import annotations

import sys
import time
from statistics import mean

from newscrawl.outlets import NotAnArticle, get_extractor
from tests.conftest import CORPUS
from tests.extraction import groundtruth, versus
from tests.extraction.expectations import OUTLETS

REPEAT = 3


def _outlet_row(outlet) -> str:
    extractor = get_extractor(outlet.name)
    pages = [
        p
        for p in groundtruth.outlet_pages(CORPUS, outlet.corpus_folder)
        if "/" not in p.name and p.name not in outlet.not_articles
    ]
    right, ms, ours_f1, theirs_f1 = 0, [], [], []
    for page in pages:
        html = page.path.read_bytes()
        started = time.perf_counter()
        for _ in range(REPEAT):
            try:
                result = extractor.extract(html, page.url)
            except NotAnArticle:
                result = None
        ms.append((time.perf_counter() - started) * 1000 / REPEAT)
        if result is not None and all(groundtruth.check(page, f, result)[0] for f in page.fields()):
            right += 1
        if versus.expected_body(page) is not None:
            ours_f1.append(versus.body_f1(page, result))
            theirs_f1.append(
                max(
                    versus.body_f1(page, versus.trafilatura_result(html, page.url, s))
                    for s in versus.SETTINGS
                )
            )
    body = f"{mean(ours_f1):.3f} vs {mean(theirs_f1):.3f}" if ours_f1 else "(no full body)"
    cases = _version_cases(outlet.name)
    return (
        f"{outlet.name:<14} {right:>3}/{len(pages):<3} {body:<16} "
        f"({len(ours_f1)} pages) {mean(ms):>6.1f} ms/page  versions {cases}"
    )


def _version_cases(outlet: str) -> str:
    # Judged capture by capture in tests/diffing/test_corpus_versions.py and
    # tests/crawl/test_version_cases_crawl.py; here only counted.
    return str(len(list((CORPUS / "versions").glob(f"{outlet}-*/case.json"))))


def main(names: list[str] | None = None) -> None:
    print("outlet         right/pages  body F1 ours vs trafilatura's better setting  ms/page")
    for outlet in OUTLETS:
        if not names or outlet.name in names:
            print(_outlet_row(outlet), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
