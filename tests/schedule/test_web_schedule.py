"""The viewer's outlet page and API show the outlet's learned re-check schedule."""

from __future__ import annotations

from newscrawl.store import open_store
from newscrawl.web.db import close_store
from tests.web.conftest import make_app


def test_outlet_page_and_api_show_the_schedule(sqlite_uri: str) -> None:
    app = make_app(sqlite_uri)
    with open_store(sqlite_uri) as store:
        store.update_outlet_state("guardian", {"sitemap_streak": 3}, {"sitemap_wrong": 3})
    try:
        with app.test_client() as client:
            page = client.get("/outlet/guardian").get_data(as_text=True)
            shown = client.get("/api/outlet/guardian").get_json()
    finally:
        close_store(app)
    assert "Re-check schedule" in page
    assert "sitemap modification times</dt><dd>ignored (0 right, 3 wrong" in page
    hours = shown["schedule"]["curve"]["hours"]
    assert " · ".join(f"{h}" for h in hours) in page
    assert shown["schedule"]["curve"]["learned_from"] == shown["outlet"]["changes"]
    assert shown["schedule"]["signals"]["feed"] == "untested"
