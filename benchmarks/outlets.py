"""Every outlet with corpus expectations: pages right / total, mean body F1 next to
trafilatura's, extraction ms per page, and version cases right / total.

Run from the repository root: ``python -m benchmarks.outlets`` (part of ``make bench``)."""

from __future__ import annotations

import json
import time
from statistics import mean

from newscrawl.diffing import diff_versions, fingerprint
from newscrawl.outlets import NotAnArticle, get_extractor
from tests.conftest import CORPUS
from tests.extraction import groundtruth, versus
from tests.extraction.expectations import OUTLETS, OutletExpectations


def page_figures(outlet: OutletExpectations) -> tuple[int, int, list[float], list[float], float]:
    """(pages right, pages, our body F1s, trafilatura's, ms per page) on the sidecar pages."""
    extractor = get_extractor(outlet.name)
    pages = [
        p
        for p in groundtruth.outlet_pages(CORPUS, outlet.corpus_folder)
        if "/" not in p.name and p.name not in outlet.not_articles
    ]
    right, ours, theirs, elapsed = 0, [], [], 0.0
    for page in pages:
        html = page.path.read_bytes()
        started = time.perf_counter()
        try:
            result = extractor.extract(html, page.url)
        except NotAnArticle:
            result = None
        elapsed += time.perf_counter() - started
        if result is not None and all(groundtruth.check(page, f, result)[0] for f in page.fields()):
            right += 1
        if versus.expected_body(page) is not None:
            ours.append(versus.body_f1(page, result))
            theirs.append(
                max(
                    versus.body_f1(page, versus.trafilatura_result(html, page.url, s))
                    for s in versus.SETTINGS
                )
            )
    return right, len(pages), ours, theirs, 1000 * elapsed / max(len(pages), 1)


def version_figures(outlet: OutletExpectations) -> tuple[int, int]:
    """(version cases whose captures give what the case expects, cases)."""
    extractor = get_extractor(outlet.name)
    cases = sorted((CORPUS / "versions").glob(f"{outlet.name}-*/case.json"))
    right = 0
    for path in cases:
        case = json.loads(path.read_text("utf-8"))
        try:
            versions = [
                extractor.extract((path.parent / f).read_bytes(), case["url"])
                for f in case["files"]
            ]
        except NotAnArticle:
            continue
        prints = {fingerprint(v) for v in versions}
        if case["expect"] == "edit":
            record = diff_versions(versions[0], versions[-1])
            right += len(prints) > 1 and bool(record["edits"])
        else:
            right += len(prints) == 1
    return right, len(cases)


def main() -> None:
    print(f"{'outlet':<12} {'pages':>7} {'body F1':>8} {'trafil.':>8} {'ms/page':>8} {'cases':>6}")
    for outlet in OUTLETS:
        right, total, ours, theirs, ms = page_figures(outlet)
        cases_right, cases = version_figures(outlet)
        f1 = f"{mean(ours):.3f}" if ours else "-"
        tf1 = f"{mean(theirs):.3f}" if theirs else "-"
        print(
            f"{outlet.name:<12} {right:>3}/{total:<3} {f1:>8} {tf1:>8} {ms:>8.1f} "
            f"{cases_right:>2}/{cases}"
        )


if __name__ == "__main__":
    main()
