"""Diff pages name themselves (title, Open Graph) and are readable without colour or sight."""

from __future__ import annotations

import re
from html import unescape

from tests.web.sample import GUARDIAN, HOSTILE


def meta(page: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{key}" content="([^"]*)">', page)
    assert found, key
    return unescape(found.group(1))


def diff_page(client, **query) -> str:
    response = client.get("/diff", query_string={"url": GUARDIAN, **query})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_each_diff_page_has_its_own_title_and_summary(client):
    first = diff_page(client, to=2)
    title = "guardian: “Minister resigns over expenses row”, version 1 → 2"
    assert f"<title>{title} · newscrawl</title>" in first
    assert meta(first, "og:title") == title
    description = meta(first, "og:description")
    assert description.startswith("Headline rewritten; 1 paragraph edited (+4/-2 words).")
    assert "“Minister under pressure over expenses” → “Minister resigns over expenses row”" in (
        description
    )
    assert "would {+fight to+} clear her name" in description
    assert meta(first, "description") == description
    later = diff_page(client, **{"from": 4, "to": 5})
    assert meta(later, "og:title").endswith("version 4 → 5")
    assert "{+A spokesperson confirmed that 12 claims were under review.+}" in meta(
        later, "og:description"
    )
    # Any two versions, diffed on request, are described the same way.
    assert "version 1 → 5" in meta(diff_page(client, **{"from": 1, "to": 5}), "og:title")


def test_hostile_titles_stay_text_in_meta(client):
    page = client.get("/diff", query_string={"url": HOSTILE, "to": 2}).get_data(as_text=True)
    assert "<script>" not in page
    assert meta(page, "og:title").startswith("bbc: “<script>alert(1)</script> Breaking")


def test_insertions_and_deletions_do_not_rely_on_colour(client):
    page = diff_page(client, **{"from": 4, "to": 5})
    assert '<span class="rowop">Added</span> · v5 ¶5' in page  # a whole added paragraph
    with client.get("/static/style.css") as response:
        css = response.get_data(as_text=True)
    assert 'ins::before { content: "[inserted: "; }' in css
    assert 'del::before { content: "[deleted: "; }' in css
    rules = css.split("@media (max-width: 760px)")
    # Underline and strikethrough hold on phones: the phone rules never remove them.
    assert "text-decoration: underline" in rules[0] and "line-through" in rules[0]
    assert "text-decoration" not in rules[1]
    assert "unicode-bidi: isolate" in css


def test_article_text_is_direction_isolated(client):
    page = diff_page(client, to=2)
    assert '<bdi class="text">Minister <del>under pressure' in page
    home = client.get("/").get_data(as_text=True)
    assert '<p class="snippet" dir="auto">' in home and '<a class="title" dir="auto"' in home
