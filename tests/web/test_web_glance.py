"""The changed words everywhere: cards on the home, outlet and search pages, the JSON API,
and the home page's quick views (uncorrected, headlines, takedowns)."""

from __future__ import annotations

from newscrawl.web.glance import cards, headline, snippets
from tests.web.sample import GUARDIAN, HOSTILE, LONG, T0


def text(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def test_home_cards_show_the_changed_words(client):
    page = text(client.get("/"))
    page = page[page.index('<ol class="changes">') :]
    # One card for the Guardian article's day, holding its four changes.
    assert page.count(f'class="title" dir="auto" href="/article?url={GUARDIAN}"') == 1
    assert "4 changes on 2024-03-01" in page
    # The trivial headline full stop is the one folded away.
    folded = page[page.index('<details class="more">') : page.index("</details>")]
    assert "1 less significant change that day" in folded and "version 3 → 4" in folded
    assert "version 1 → 5" in page
    assert "would <ins>fight to </ins>clear her name." in page
    assert "<del><bdi>Minister under pressure over expenses</bdi></del>" in page
    assert "<ins><bdi>Minister resigns over expenses row.</bdi></ins>" in page
    # Hostile article text in a snippet stays text.
    assert "<ins>&lt;b&gt;&lt;i&gt;unclosed</ins>" in page


def test_one_change_card_shows_its_headline_words(client):
    page = text(client.get("/", query_string={"kind": "headline", "outlet": "guardian"}))
    # Two headline changes the same day: one card, the day's headline before and after.
    assert page.count('class="change"') == 1 and page.count('class="card-change"') == 2
    search = text(client.get("/search", query_string={"q": "fight to"}))
    assert search.count('class="card-change"') == 1
    assert "Minister <del>under pressure </del><ins>resigns </ins>over expenses" in search
    assert "would <ins>fight to </ins>clear her name." in search


def test_old_records_without_snippets_show_their_summary_in_lists(client):
    # The live blog's change records were stored without snippets, and lists leave out the
    # big edits they could be worked out from: a card shows the summary instead.
    page = text(client.get("/", query_string={"outlet": "bbc", "page": 1}))
    assert "Update number 11." not in page
    assert "1 paragraph added" in page


def test_snippets_fallbacks():
    stored = {"snippets": [{"segments": [{"op": "insert", "text": "x"}]}] * 5}
    assert len(snippets(stored)) == 3
    # A list record without its edits (lists may leave the big fields out): summary only.
    assert snippets({"summary": "1 paragraph added"}) == []
    assert headline({"summary": "Headline rewritten"}) is None
    edits = {
        "edits": [
            {
                "type": "headline_changed",
                "old": "A cat",
                "new": "A dog",
                "significance": "substantive",
                "segments": [["=", "A "], ["-", "cat"], ["+", "dog"]],
            }
        ]
    }
    assert headline(edits)["old"] == "A cat"  # type: ignore[index]


def test_cards_group_by_article_and_day():
    def change(url, hour, significance, to):
        return {
            "url": url,
            "title": url,
            "outlet": "x",
            "detected": T0.replace(hour=hour),
            "significance": significance,
            "from_version": to - 1,
            "to_version": to,
            "kinds": ["body"],
            "snippets": [],
            "headline": None,
        }

    grouped = cards(
        [
            change("a", 23, "trivial", 4),
            change("b", 22, "minor", 2),
            change("a", 21, "substantive", 3),
            change("a", 1, "minor", 2),
        ]
    )
    assert [(c["url"], len(c["changes"])) for c in grouped] == [("a", 3), ("b", 1)]
    assert grouped[0]["significance"] == "substantive"
    assert [c["to_version"] for c in grouped[0]["shown"]] == [4, 3, 2]
    busy = cards([change("a", 23 - i, ("trivial", "minor")[i == 3], 9 - i) for i in range(5)])
    # The minor change stays in view; the day's last trivial ones fold, in time order.
    assert [c["to_version"] for c in busy[0]["shown"]] == [9, 8, 6]
    assert [c["to_version"] for c in busy[0]["more"]] == [7, 5]
    assert (grouped[0]["from_version"], grouped[0]["to_version"]) == (1, 4)
    next_day = change("a", 1, "minor", 5) | {"detected": T0.replace(day=2, hour=1)}
    assert len(cards([next_day, change("a", 23, "minor", 4)])) == 2


def test_quick_views_are_links(client):
    page = text(client.get("/"))
    for href in (
        "/?significance=substantive",
        "/?uncorrected=1",
        "/?kind=headline",
        "/?event=gone",
        "/?event=redirected",
        "/?event=flipflop",
    ):
        assert f'href="{href}"' in page
    uncorrected = text(client.get("/?uncorrected=1"))
    assert "no correction note" in uncorrected
    assert 'aria-current="page">No correction note' in uncorrected
    assert "Minister resigns" not in uncorrected  # the Guardian's edits are corrected or minor
    assert client.get("/?uncorrected=2").status_code == 400


def test_takedowns_redirects_and_flipflops(client, app):
    from newscrawl.store import open_store

    with open_store(app.config["STORE_URI"]) as store:
        store.add_event(LONG, "redirected", "to https://www.bbc.co.uk/news/other", T0)
    home = text(client.get("/"))
    recent = home[home.index("Takedowns, redirects and flip-flops") : home.index("<h2>Changes")]
    assert recent.index("Taken down") < recent.index("Headline flip-flop")
    assert "Redirected" in recent and "2024-03-01 09:00 UTC" in recent
    gone = text(client.get("/?event=gone"))
    assert "HTTP 410" in gone and "returned to the text" not in gone
    assert "<h1>Taken down</h1>" in gone
    flipflops = text(client.get("/?event=flipflop"))
    assert "returned to the text of version 3" in flipflops and "2024-03-01 13:00 UTC" in flipflops
    assert client.get("/?event=failed").status_code == 400
    assert "HTTP 410" in text(client.get("/?event=gone&outlet=bbc"))
    assert "HTTP 410" not in text(client.get("/?event=gone&outlet=guardian"))
    assert client.get("/?event=gone&significance=minor").status_code == 400
    outlet = text(client.get("/outlet/guardian"))
    assert "Headline flip-flop" in outlet and "Taken down" not in outlet
    assert "Redirected" in text(client.get("/outlet/bbc"))


def test_api_changes_and_events(client):
    data = client.get("/api/changes", query_string={"outlet": "guardian"}).get_json()
    first, edited = data["changes"][0], data["changes"][-1]
    assert first["snippets"][0]["segments"] == [
        {"op": "insert", "text": "A spokesperson confirmed that 12 claims were under review."}
    ]
    assert edited["headline"]["old"] == "Minister under pressure over expenses"
    assert edited["headline"]["new"] == "Minister resigns over expenses row"
    assert first["headline"] is None
    flagged = client.get("/api/changes", query_string={"uncorrected": "1"}).get_json()
    assert flagged["changes"] and all(c["uncorrected"] for c in flagged["changes"])
    events = client.get("/api/events").get_json()["events"]
    assert [(e["kind"], e["url"]) for e in events] == [("gone", HOSTILE), ("flipflop", GUARDIAN)]
    assert events[0]["time"] == "2024-03-01T15:00:00+00:00"
    only = client.get("/api/events", query_string={"kind": "flipflop", "outlet": "bbc"})
    assert only.get_json()["events"] == []
    assert client.get("/api/events", query_string={"kind": "failed"}).status_code == 400
