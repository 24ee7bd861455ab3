"""One log line per change record."""

from __future__ import annotations

from newscrawl.diffing import diff_versions
from newscrawl.diffing.describe import describe_change, shorten


def record(old: dict, new: dict, number: int = 3) -> dict:
    change = diff_versions(old, new)
    change.update(outlet="guardian", title=new["title"], to_version=number)
    return change


def article(title: str, *paragraphs: str, corrections: tuple[str, ...] = ()) -> dict:
    return {"title": title, "paragraphs": list(paragraphs), "corrections": list(corrections)}


def test_a_headline_change_reads_old_to_new():
    line = describe_change(record(article("Old words here", "Body."), article("New one", "Body.")))
    assert line == "guardian: headline changed: Old words here → New one [substantive] (v3)"


def test_a_headline_change_with_other_edits_names_them():
    old = article("Old", "The rate is 5%.")
    new = article("New", "The rate is 6%.")
    line = describe_change(record(old, new, 2))
    assert line.startswith("guardian: headline changed: Old → New; also body: Headline rewritten")
    assert line.endswith("[substantive, uncorrected] (v2)")


def test_a_body_change_names_the_article_and_the_summary():
    old = article("Title", "The minister will be reluctant to go.")
    new = article("Title", "The minister will be willing to go.")
    assert describe_change(record(old, new)) == (
        "guardian: body changed [minor]: Title: 1 paragraph edited (+1/-1 words) (v3)"
    )


def test_long_text_is_cut_to_one_line():
    assert shorten("a\nb   c") == "a b c"
    cut = shorten("word " * 100, limit=20)
    assert len(cut) <= 20 and cut.endswith("…")
