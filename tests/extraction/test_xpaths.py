"""Rules read from the attributes first find exactly what they find as written."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

import newscrawl.outlets
from newscrawl.outlets.pagetype import parse_page
from newscrawl.outlets.xpaths import attribute_first, find, first_element, has_class
from tests.conftest import CORPUS


def _outlet_rules() -> list[str]:
    """Every absolute XPath the outlet modules hold: each string literal that starts
    with ``//`` and is a whole XPath, and each module-level value built from one
    (``has_class(...)``)."""
    rules: set[str] = set()
    for info in pkgutil.iter_modules(newscrawl.outlets.__path__):
        module = importlib.import_module(f"newscrawl.outlets.{info.name}")
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        rules |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and str(node.value).startswith("//")
        }
        for value in vars(module).values():
            values = value if isinstance(value, tuple | list) else [value]
            rules |= {v for v in values if isinstance(v, str) and v.startswith("//")}
    return sorted(rule for rule in rules if _compiles(rule))


def _compiles(rule: str) -> bool:
    try:
        etree.XPath(rule)
    except etree.XPathSyntaxError:
        return False  # a part an f-string completes
    return True


RULES = _outlet_rules()
OUTLETS = sorted(p.name for p in (CORPUS / "pages").iterdir() if p.is_dir() and p.name != "generic")


def test_most_outlet_rules_are_rewritten() -> None:
    rewritten = [rule for rule in RULES if attribute_first(rule) != rule]
    assert len(RULES) >= 50
    assert len(rewritten) >= 40


@pytest.mark.parametrize("outlet", OUTLETS)
def test_every_outlet_rule_finds_the_same_on_every_page(outlet: str) -> None:
    pages = sorted((CORPUS / "pages" / outlet).glob("*.html"))
    assert pages
    hits = 0
    for page in pages:
        _, doc, _, _ = parse_page(page.read_bytes(), frozenset())
        for rule in RULES:
            expected = doc.xpath(rule)
            assert find(doc, rule) == expected, (page.name, rule)
            hits += bool(expected)
    assert hits


REWRITES = {
    '//*[@id="body"]': '//@id[.="body"]/..',
    "//div[@id='body']": "//div/@id[.='body']/..",
    has_class("byline"): (
        '//@class[contains(., "byline") and '
        'contains(concat(" ", normalize-space(.), " "), " byline ")]/..'
    ),
    '//*[contains(@class, "a") or contains(@class, "b")]': (
        '//@class[contains(., "a") or contains(., "b")]/..'
    ),
    '//*[starts-with(@data-testid, "Body")]': '//@data-testid[starts-with(., "Body")]/..',
    '//*[@data-gu-name="meta"]//address': '//@data-gu-name[.="meta"]/..//address',
    '//time[@itemprop="date"]/@datetime': '//time/@itemprop[.="date"]/../@datetime',
    '//*[@data-x="]"]': '//@data-x[.="]"]/..',
    '//*[@id="a" or @class="b" or @id="c"]': '//@id[.="a" or .="c"]/.. | //@class[.="b"]/..',
    '//p[@id="a" or @class="b"]//i': '(//p/@id[.="a"]/.. | //p/@class[.="b"]/..)//i',
}
KEPT = [
    '//*[@id="a" and @class="b"]',  # two attributes, not joined by "or" alone
    '//*[(@id="a" or @class="b")]',
    '//*[not(@id="x")]',  # true where the attribute is missing
    '//*[@id!="x"]',
    "//*[@class]",  # no value to test
    '//*[contains(@class, "")]',  # an empty value is in every string, even a missing one
    '//*[@id=""]',
    "//*[1][self::div]",  # a position
    '//*[@id="x"][2]',  # a second predicate
    '//*[@id="x"] | //p',  # a union
    '//article[.//*[@id="x"]]',  # a path inside the predicate
    './/*[@id="x"]',  # relative: // from an element skips the element, //@ would not
    '//*[@id="x" and "@id=1"]',  # a bare literal
]


@pytest.mark.parametrize("rule", list(REWRITES))
def test_rules_testing_one_attribute_are_rewritten(rule: str) -> None:
    assert attribute_first(rule) == REWRITES[rule]


@pytest.mark.parametrize("rule", KEPT)
def test_rules_it_cannot_reason_about_are_kept(rule: str) -> None:
    assert attribute_first(rule) == rule


def test_edge_cases_find_the_same() -> None:
    html = (
        '<div class="a b" id="x"><p ID="x">one</p><span class="ab">two</span>'
        '<i data-x="]">three</i><b class="">four</b><div class="by&#108;ine  b">five'
        '<p class="byline">six</p></div><time itemprop="date" datetime="2024">t</time>'
        '<section data-gu-name="meta"><address>addr</address><div><address>2</address>'
        "</div></section></div><div id='body'><p>nested <i>i</i></p></div><p id='c'><i>c</i></p>"
    )
    doc = lxml.html.document_fromstring(html)
    for rule in [*REWRITES, *KEPT, has_class("b"), has_class("ab"), '//*[@id="x"]/p']:
        assert find(doc, rule) == doc.xpath(rule), rule
        assert find(doc.body[0][0], rule) == doc.body[0][0].xpath(rule), rule
    assert [el.text for el in find(doc, has_class("byline"))] == ["five", "six"]
    assert first_element(doc, ['//*[@id="nowhere"]', '//*[@id="x"]']).tag == "div"
