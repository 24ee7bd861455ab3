"""Bad crawl arguments and settings: one clear error line and exit status 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("arg", "settings", "says"),
    [
        (None, {"NEWSCRAWL_NOW": "garbage"}, "NEWSCRAWL_NOW must be an ISO 8601 instant"),
        ("shard=9/2", {}, "spider argument shard must look like i/n"),
        ("shard=x", {}, "spider argument shard must look like i/n"),
        ("discover=maybe", {}, "spider argument discover must be 0 or 1"),
        (None, {"NEWSCRAWL_MAX_DUE": "many"}, "'many'"),
        (None, {"NEWSCRAWL_RECHECK_INITIAL": "soon"}, "NEWSCRAWL_RECHECK_INITIAL must be a number"),
    ],
)
def test_a_bad_argument_is_one_error_line_and_exit_2(
    crawl, site, tmp_path: Path, arg, settings, says
):
    """Reproduces: ``-s NEWSCRAWL_NOW=garbage`` or ``-a shard=9/2`` ended with exit 1 and
    two tracebacks, the second one "Crawler.stats is not set yet"."""
    args = [f"site={site.url}"] + ([arg] if arg else [])
    result = crawl(*args, **settings)  # settings given here override the fixture's
    assert result.returncode == 2, result.log[-3000:]
    errors = [line for line in result.log.splitlines() if "error:" in line or "] ERROR" in line]
    assert len(errors) == 1, errors
    assert errors[0].startswith("scrapy crawl: error: ") and says in errors[0], errors
    assert "Traceback" not in result.log
    assert "Crawler.stats" not in result.log
    assert site.hits == {}, "nothing is fetched with a bad argument"
    assert not (tmp_path / "newscrawl.db").exists(), "nor is the store opened"
