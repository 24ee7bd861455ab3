"""Outlet declarations: the built-in file, a user's file, and what each bad entry gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.outlets.declarations import (
    Outlet,
    OutletsError,
    builtin_outlets,
    load_outlets,
    parse_outlets,
    per_host,
)

GOOD = """\
mine:
  title: My Paper
  site: https://www.mypaper.example/
  hosts: [mypaper.example, M.MyPaper.example]
  news_sitemaps: [/sitemap-news.xml]
  feeds: [/rss, /world/rss]
  fronts: [/]
  article_pattern: ^/\\d{4}/\\d{2}/[a-z-]+$
  live_pattern: /live/
  excluded_pattern: ^/video/
  extractor: generic
  body_selectors: [div.story-body]
  drop_selectors: [aside, .related]
plain:
  site: http://127.0.0.1:8080
"""


def test_every_key_is_read() -> None:
    outlets = parse_outlets(GOOD, "outlets.yaml")
    mine = outlets["mine"]
    assert mine.title == "My Paper"
    assert mine.site == "https://www.mypaper.example"
    assert mine.hosts == ("www.mypaper.example", "mypaper.example", "m.mypaper.example")
    assert mine.news_sitemaps == ("/sitemap-news.xml",)
    assert mine.feeds == ("/rss", "/world/rss")
    assert mine.fronts == ("/",)
    assert mine.article_pattern.search("/2026/11/council-vote")
    assert not mine.article_pattern.search("/video/2026/11/x")
    assert mine.live_pattern.search("/live/today")
    assert mine.excluded_pattern.search("/video/x")
    assert mine.extractor == "generic"
    assert mine.body_selectors == ("div.story-body",)
    assert mine.drop_selectors == ("aside", ".related")
    assert mine.source == "outlets.yaml:1"
    assert mine.discovers_from() == "1 news sitemap, 2 feeds, 1 front"


def test_only_site_is_required() -> None:
    plain = parse_outlets(GOOD, "outlets.yaml")["plain"]
    assert plain.title == "plain"
    assert plain.hosts == ("127.0.0.1:8080",)
    assert plain.extractor == "generic"
    assert not plain.article_pattern.search("/anything")  # no pattern: discovers nothing
    assert plain.discovers_from() == "nothing (watched articles only)"
    assert plain.source == "outlets.yaml:14"


def test_builtin_outlets_are_declared_in_the_package() -> None:
    outlets = builtin_outlets()
    assert {"bbc", "guardian", "nytimes", "washingtonpost"} <= set(outlets)
    assert {"independent", "rt", "theintercept", "irishtimes", "rte"} <= set(outlets)
    assert {"bbc", "guardian", "reuters", "apnews", "cnn"} <= set(outlets)
    assert outlets["guardian"].extractor == "guardian"
    assert outlets["guardian"].article_pattern.search("/politics/2019/nov/03/boris-johnson")
    assert outlets["guardian"].excluded_pattern.search("/world/video/2019/nov/03/clip")
    assert outlets["bbc"].article_pattern.search("/news/articles/cden3j9d1r7o")
    assert outlets["bbc"].live_pattern.search("/news/live/world-12345")
    assert outlets["bbc"].claims("https://www.bbc.com/news/articles/cden3j9d1r7o")
    assert outlets["nytimes"].article_pattern.search("/interactive/2016/09/15/arts/design/x.html")
    assert outlets["nytimes"].excluded_pattern.search("/video/world/100000004000000/x.html")
    assert outlets["washingtonpost"].article_pattern.search("/news/opinions/wp/2018/10/29/x/")
    assert outlets["washingtonpost"].claims("http://washingtonpost.com/world/x")
    for name, live in [
        ("nytimes", "/live/2020/08/27/us/rnc-live-updates"),
        ("washingtonpost", "/politics/2024/05/01/live-updates-trump-trial/"),
    ]:
        assert outlets[name].live_pattern.search(live)
        assert not outlets[name].excluded_pattern.search(live)


# Each bad entry: the file's text, the line the error names, and what it says.
BAD = [
    ("mine:\n  site: https://e.org\n  feed: [/rss]\n", 3, "unknown key 'feed'"),
    ("mine:\n  title: Mine\n  feeds: [/rss]\n", 1, "missing site"),
    ("mine:\n  site: e.org\n", 2, "site must be an http(s) URL"),
    ("mine:\n  site: https://e.org\n  article_pattern: ^/(\\d+$\n", 3, "bad regular expression"),
    ("mine:\n  site: https://e.org\n  feeds: [rss]\n", 3, "paths under site"),
    ("mine:\n  site: https://e.org\n  extractor: nosuch\n", 3, "unknown extractor 'nosuch'"),
    ("mine:\n  site: https://e.org\n  body_selectors: ['div[']\n", 3, "bad CSS selector"),
    (
        "mine:\n  site: https://e.org\n  extractor: bbc\n  drop_selectors: [aside]\n",
        4,
        "apply to extractor: generic only",
    ),
    ("mine:\n  site: https://e.org\n  site: https://f.org\n", 3, "key 'site' given twice"),
    ("a:\n  site: https://e.org\na:\n  site: https://f.org\n", 3, "declared twice"),
    ("My.Paper:\n  site: https://e.org\n", 1, "bad outlet name"),
    ("generic:\n  site: https://e.org\n", 1, "names the generic extractor"),
    ("mine: https://e.org\n", 1, "expected a mapping of keys"),
    ("- mine\n", 1, "expected a mapping of outlet name"),
    ("mine:\n  site: [https://e.org\n", 3, "not valid YAML"),
    ("mine:\n  site:\n    url: https://e.org\n", 3, "site must be a single value"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD, ids=[m for _, _, m in BAD])
def test_a_bad_entry_names_the_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(OutletsError) as raised:
        parse_outlets(text, "/srv/outlets.yaml")
    assert str(raised.value).startswith(f"/srv/outlets.yaml:{line}: ")
    assert message in str(raised.value)


def test_an_empty_file_declares_nothing() -> None:
    assert parse_outlets("# nothing yet\n", "outlets.yaml") == {}


def test_a_user_file_adds_and_redeclares_outlets(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("guardian:\n  site: http://127.0.0.1:9000\n  feeds: [/rss]\n" + GOOD)
    outlets = load_outlets({"NEWSCRAWL_OUTLETS": str(path)})
    assert list(outlets) == sorted({*builtin_outlets(), "mine", "plain"})
    assert outlets["guardian"].site == "http://127.0.0.1:9000"
    assert outlets["guardian"].extractor == "generic"
    assert outlets.source == str(path)


def test_a_named_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OutletsError, match="NEWSCRAWL_OUTLETS names .*missing.yaml"):
        load_outlets({"NEWSCRAWL_OUTLETS": str(tmp_path / "missing.yaml")})


def test_outlets_yaml_in_the_current_directory_is_read(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "outlets.yaml").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSCRAWL_OUTLETS", raising=False)
    assert "mine" in load_outlets({})


def test_urls_belong_to_the_outlet_claiming_their_host_else_to_their_host() -> None:
    outlets = load_outlets({})
    guardian_url = "https://www.theguardian.com/politics/2019/nov/03/a"
    assert outlets.for_url(guardian_url).name == "guardian"
    other = outlets.for_url("https://News.Example.org:8443/story/1")
    assert other == per_host("news.example.org:8443")
    assert other.per_host and other.extractor == "generic" and other.discovers_from()
    assert outlets.resolve("news.example.org:8443").name == "news.example.org:8443"
    with pytest.raises(KeyError, match="no outlet 'nosuch'"):
        outlets.resolve("nosuch")
    assert outlets.extractor("guardian").name == "guardian"
    assert outlets.extractor("example.org").name == "generic"
    assert isinstance(outlets["bbc"], Outlet)
