"""Whether a page arrived whole, read from its markup, on real pages cut and padded."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.spiders.truncation import TAIL, truncation


@pytest.fixture
def page(corpus: Path) -> bytes:
    html = (corpus / "pages/guardian/wpp--duplicate-headline.html").read_bytes()
    assert len(html) > 4 * TAIL
    return html


def test_a_whole_page_is_whole(page: bytes) -> None:
    assert truncation(page) is None
    assert truncation(page.upper()) is None  # </BODY>, </HTML>


def test_a_closing_tag_far_from_the_end_still_counts(page: bytes) -> None:
    # Trailing junk longer than the tail that is looked at first.
    assert truncation(page + b"<!-- cache -->" + b" " * (2 * TAIL)) is None


@pytest.mark.parametrize("share", [0.3, 0.6, 0.9])
def test_a_page_cut_in_transit_is_not(page: bytes, share: float) -> None:
    cut = page[: page.lower().rindex(b"</body")]
    cut = cut[: int(len(cut) * share)]
    assert truncation(cut) is not None


def test_the_transfer_decides_first(page: bytes) -> None:
    assert "announced length" in (truncation(page, ["dataloss"]) or "")
