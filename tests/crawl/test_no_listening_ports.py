"""A crawl opens no port of its own: no telnet console, no remote-control server, and
the remote control's code (which imports aiohttp) is not even imported."""

from __future__ import annotations

import re

REMOTE = "scrapy.extensions.remote_control.RemoteControl"


def test_the_project_switches_both_off() -> None:
    from newscrawl import settings

    assert settings.TELNETCONSOLE_ENABLED is False
    assert settings.REMOTE_CONTROL_ENABLED is False
    # Scrapy imports every extension named in EXTENSIONS_BASE or EXTENSIONS, even one
    # set to None: the remote control is named in neither.
    assert REMOTE not in settings.EXTENSIONS_BASE
    assert REMOTE not in settings.EXTENSIONS
    # Every other base extension of Scrapy's is still there, at its own order.
    from scrapy.settings import default_settings

    kept = {k: v for k, v in default_settings.EXTENSIONS_BASE.items() if k != REMOTE}
    assert kept == settings.EXTENSIONS_BASE


def test_a_crawl_log_names_no_listening_server(site, pages, crawl, monkeypatch):
    # Python's own import log (on stderr) shows what the crawl process imported.
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")
    site.set(pages[0].path, pages[0].html)
    result = crawl(f"urls={site.url}{pages[0].path}")
    assert result.returncode == 0, result.log[-2000:]
    imported = set(re.findall(r"^import time:.*\|\s*([\w.]+)\s*$", result.log, re.M))
    # Python logs import statements, not importlib.import_module (how Scrapy loads an
    # extension): the remote control's own "import aiohttp" is what would show.
    assert "newscrawl.store.sqlite" in imported  # the import log covers the crawl
    assert "aiohttp" not in imported
    assert "new versions: 1" in result.log
    without_imports = "\n".join(
        line for line in result.log.splitlines() if not line.startswith("import time:")
    )
    assert "listening" not in without_imports.lower()
