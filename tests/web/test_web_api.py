"""The JSON API under /api mirrors the pages."""

from __future__ import annotations

from tests.web.sample import GUARDIAN, LONG


def test_changes(client):
    data = client.get("/api/changes", query_string={"outlet": "guardian"}).get_json()
    assert [c["to_version"] for c in data["changes"]] == [5, 4, 3, 2]
    assert data["changes"][0]["detected"] == "2024-03-01T11:20:00+00:00"
    assert data["filters"] == {
        "outlet": "guardian",
        "significance": None,
        "kind": None,
        "uncorrected": None,
    }
    assert data["has_next"] is False
    # Lists never carry a change's full sides and edits: /api/diff has them.
    assert not {"sides", "edits"} & set(data["changes"][0])
    assert client.get("/api/changes", query_string={"q": "fight to"}).get_json()["changes"]


def test_article_history_pages(client):
    data = client.get("/api/article", query_string={"url": LONG, "page": 2}).get_json()
    assert data["article"]["url"] == LONG and data["pages"] == 3
    assert [v["number"] for v in data["versions"]] == [7, 6, 5, 4, 3]
    assert [c["to_version"] for c in data["changes"]] == [7, 6, 5, 4, 3]
    assert all("raw_html" not in v for v in data["versions"])


def test_diff_and_version(client):
    stored = client.get("/api/diff", query_string={"url": GUARDIAN, "to": 3}).get_json()
    assert stored["stored"] is True and stored["from_version"] == 2
    fresh = client.get("/api/diff", query_string={"url": GUARDIAN, "from": 1, "to": 5})
    fresh = fresh.get_json()
    assert fresh["stored"] is False and fresh["to_version"] == 5
    assert "headline" in fresh["kinds"] and fresh["sides"]["rows"]
    version = client.get("/api/version", query_string={"url": GUARDIAN, "n": 2}).get_json()
    assert version["number"] == 2 and version["title"] == "Minister resigns over expenses row"


def test_outlets_and_search(client):
    outlets = client.get("/api/outlets").get_json()["outlets"]
    assert {o["outlet"]: o["articles"] for o in outlets} == {"bbc": 2, "guardian": 1}
    one = client.get("/api/outlet/guardian").get_json()
    assert one["outlet"]["changes"] == 4 and one["last_success"]["status"] == "finished"
    found = client.get("/api/search", query_string={"q": "minister"}).get_json()
    assert [a["url"] for a in found["articles"]] == [GUARDIAN]


def test_errors_are_json(client):
    missing = client.get("/api/article", query_string={"url": "https://example.com/x"})
    assert missing.status_code == 404 and missing.get_json()["error"] == "Not found"
    bad = client.get("/api/diff", query_string={"url": GUARDIAN, "from": 3, "to": 2})
    assert bad.status_code == 400 and "earlier" in bad.get_json()["message"]
