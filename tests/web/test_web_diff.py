"""The diff page: stored sides for consecutive versions, a fresh diff for any two."""

from __future__ import annotations

import re

from newscrawl.store import open_store
from tests.web.sample import GUARDIAN, GUARDIAN_VERSIONS, HOUR, P5, T0, version_record


def text(response) -> str:
    return response.get_data(as_text=True)


def diff(client, old: int | None, new: int, url: str = GUARDIAN):
    query = {"url": url, "to": new}
    if old is not None:
        query["from"] = old
    return client.get("/diff", query_string=query)


def test_headline_and_word_level_edits(client):
    page = text(diff(client, 1, 2))
    assert "Version 1</a>" in page and "Version 2</a>" in page
    assert "(35 minutes later)" in page
    assert "Headline · v1" in page
    assert "<del>under pressure</del>" in page
    assert "<ins>resigns</ins>" in page
    assert "would <ins>fight to</ins> clear her name." in page
    assert "compared on request" not in page


def test_to_alone_compares_with_previous_version(client):
    assert text(diff(client, None, 2)) == text(diff(client, 1, 2))


def test_moved_paragraph_shown_as_a_move(client):
    page = text(diff(client, 2, 3))
    assert re.search(r"Moved to paragraph \d", page)
    assert re.search(r"Moved from paragraph \d", page)
    assert 'class="drow move_from' in page and 'class="drow move_to' in page
    assert "1 paragraph moved" in page


def test_insert_and_correction(client):
    page = text(diff(client, 4, 5))
    assert f"<ins>{P5}</ins>" in page
    assert "Corrections · v5" in page and "<ins>This article was amended" in page


def test_previous_and_next_change_links(client):
    middle = text(diff(client, 2, 3))
    assert 'rel="prev" href="/diff?url=' in middle and "from=1&amp;to=2" in middle
    assert "from=3&amp;to=4" in middle
    assert "First change" in text(diff(client, 1, 2))
    assert "Latest version" in text(diff(client, 4, 5))


def test_any_two_versions_are_compared(client):
    page = text(diff(client, 1, 5))
    assert "compared on request" in page
    assert "<del>under pressure</del>" in page
    assert f"<ins>{P5}</ins>" in page
    assert 'name="from" min="1" max="5" value="1"' in page


def test_consecutive_versions_render_the_stored_sides(app, client):
    # A stored record whose sides say something no fresh diff would: the page must show
    # what was stored, not recompute it.
    url = "https://example.com/stored-sides"
    with open_store(app.config["STORE_URI"]) as store:
        store.upsert_article(url, "guardian", {"first_seen": T0})
        for i in range(2):
            store.add_version(url, version_record(i + 1, GUARDIAN_VERSIONS[i], T0 + HOUR * i))
        store.add_change(
            {
                "url": url,
                "outlet": "guardian",
                "title": "Stored",
                "from_version": 1,
                "to_version": 2,
                "detected": T0 + HOUR,
                "kinds": ["body", "standfirst"],
                "significance": "minor",
                "uncorrected": True,
                "summary": "As stored",
                "words_added": 2,
                "words_removed": 2,
                "added_text": "new words",
                "removed_text": "old words",
                "edits": [],
                "sides": {
                    "title": None,
                    "byline": None,
                    "corrections": None,
                    "standfirst": {
                        "old": "stored standfirst",
                        "new": "recorded standfirst",
                        "old_segments": [["-", "stored standfirst"]],
                        "new_segments": [["+", "recorded standfirst"]],
                    },
                    "rows": [
                        {
                            "op": "edit",
                            "type": "heading",
                            "old_index": 0,
                            "new_index": 0,
                            "old": [["=", "Stored "], ["-", "old words"]],
                            "new": [["=", "Stored "], ["+", "new words"]],
                            "moved_to": None,
                            "moved_from": None,
                        }
                    ],
                },
            }
        )
    page = text(diff(client, 1, 2, url=url))
    assert "Stored <del>old words</del>" in page and "Stored <ins>new words</ins>" in page
    assert "<del>stored standfirst</del>" in page and "Standfirst · v2" in page
    assert "As stored" in page and "under pressure" not in page
    assert "no correction note" in page


def test_bad_version_numbers(client):
    for old, new in ((3, 3), (4, 2), (0, 2)):
        response = diff(client, old, new)
        assert response.status_code == 400, (old, new)
    response = client.get("/diff", query_string={"url": GUARDIAN, "from": "two", "to": 3})
    assert response.status_code == 400 and "whole number" in text(response)
    assert client.get("/diff", query_string={"url": GUARDIAN}).status_code == 400
