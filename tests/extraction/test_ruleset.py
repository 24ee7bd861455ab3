"""One-scan element rules: the same elements, in the same order, as each rule alone."""

from __future__ import annotations

import lxml.html
import pytest

from newscrawl.outlets import bbc, guardian
from newscrawl.outlets.xpaths import RuleSet, first_element, has_class
from tests.conftest import CORPUS
from tests.extraction import groundtruth

RULE_SETS = {
    "guardian": (guardian.BODY_XPATHS, guardian.STANDFIRST_XPATHS, guardian.BYLINE_XPATHS),
    "bbc": (bbc.BODY_XPATHS, bbc.BYLINE_XPATHS),
}
PAGES = [
    (outlet, page)
    for outlet in RULE_SETS
    for page in (groundtruth.outlet_pages(CORPUS, outlet) if CORPUS.is_dir() else [])
]


@pytest.mark.parametrize(("outlet", "page"), PAGES, ids=[f"{o}/{p.name}" for o, p in PAGES])
def test_every_rule_finds_what_it_finds_alone(outlet: str, page: groundtruth.Page) -> None:
    doc = lxml.html.document_fromstring(page.path.read_bytes())
    groups = RULE_SETS[outlet]
    found = RuleSet(*groups).find(doc)
    for rule in (rule for group in groups for rule in group):
        assert found.xpath(rule) == doc.xpath(rule), rule


def test_rules_that_are_not_one_predicate_run_as_they_are() -> None:
    doc = lxml.html.document_fromstring(
        '<div class="a b"><p id="x">one</p><span class="ab">two</span>'
        '<i data-x="]">three</i></div>'
    )
    rules = [
        has_class("b"),
        has_class("ab"),
        '//*[@id="x"]',
        '//*[@class="a b"]//p',  # a path after the predicate
        '//*[@data-x="]"]',  # a bracket inside a string
        "//*[1][self::div]",  # two predicates
    ]
    found = RuleSet(rules).find(doc)
    assert set(found.rules.tests) == {rules[0], rules[1], rules[2], rules[4]}
    for rule in rules:
        assert found.xpath(rule) == doc.xpath(rule), rule
    assert first_element(found, rules[1:]).text == "two"
    assert found.xpath("//p") == doc.xpath("//p")  # a rule it was not built with
    assert RuleSet([]).find(doc).xpath("//i") == doc.xpath("//i")
