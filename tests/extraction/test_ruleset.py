"""Element rules skipped where they cannot match: the same elements as each rule alone."""

from __future__ import annotations

import lxml.html
import pytest

from newscrawl.outlets import bbc, guardian
from newscrawl.outlets.pagetype import parse_page
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
    text, doc, _, _ = parse_page(page.path.read_bytes(), frozenset())
    groups = RULE_SETS[outlet]
    found = RuleSet(*groups).find(doc, text)
    for rule in (rule for group in groups for rule in group):
        assert found.xpath(rule) == doc.xpath(rule), rule


def _check(html: str, rules: list[str]) -> RuleSet:
    ruleset = RuleSet(rules)
    found = ruleset.find(lxml.html.document_fromstring(html), html)
    for rule in rules:
        assert found.xpath(rule) == found.doc.xpath(rule), rule
    return ruleset


def test_rules_it_cannot_reason_about_always_run() -> None:
    html = (
        '<div class="a b"><p id="x">one</p><span class="ab">two</span>'
        '<i data-x="]">three</i><b class="">four</b></div>'
    )
    rules = [
        has_class("b"),
        has_class("ab"),
        '//*[@id="x"]',
        '//*[@class="a b"]//p',  # a path after the predicate
        '//*[@data-x="]"]',  # a bracket inside a string
        "//*[1][self::div]",  # two predicates
        '//*[not(@id="x")]',  # a negation matches pages without the name
        "//*[@class]",  # no name to look for
        '//*[contains(@class, "")]',  # an empty name is everywhere
        '//*[@id="nowhere"]',
    ]
    ruleset = _check(html, rules)
    assert set(ruleset.names) == {rules[0], rules[1], rules[2], rules[4], rules[9]}
    found = ruleset.find(lxml.html.document_fromstring(html), html)
    assert first_element(found, rules[1:]).text == "two"
    assert found.xpath("//p") == found.doc.xpath("//p")  # a rule it was not built with


def test_names_hidden_behind_character_references_are_still_found() -> None:
    html = (
        '<p class="by&#108;ine">decimal</p><p id="&#x73;tand-first">hex</p>'
        '<p data-gu-name="&#X73;tandfirst">upper hex</p><p class="x">plain</p>'
    )
    rules = [has_class("byline"), '//*[@id="stand-first"]', '//*[@data-gu-name="standfirst"]']
    _check(html, rules)
    found = RuleSet(rules).find(lxml.html.document_fromstring(html), html)
    assert [len(found.xpath(rule)) for rule in rules] == [1, 1, 1]
    plain = '<p class="x">no names here, only &#8217; and &#39;</p>'
    found = RuleSet(rules).find(lxml.html.document_fromstring(plain), plain)
    assert all(found.xpath(rule) == [] for rule in rules)


def test_a_page_full_of_character_references_is_read_the_same() -> None:
    # Past a few dozen references the scan switches to the regular expression.
    quotes = "<p>&#8217;</p>" * 500
    html = quotes + '<p class="by&#108;ine">decimal</p>' + quotes
    rules = [has_class("byline"), '//*[@id="stand-first"]']
    found = RuleSet(rules).find(lxml.html.document_fromstring(html), html)
    assert [len(found.xpath(rule)) for rule in rules] == [1, 0]
