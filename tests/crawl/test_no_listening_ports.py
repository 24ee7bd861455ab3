"""A crawl opens no port of its own: no telnet console, no remote-control server."""

from __future__ import annotations


def test_the_project_switches_both_off() -> None:
    from newscrawl import settings

    assert settings.TELNETCONSOLE_ENABLED is False
    assert settings.REMOTE_CONTROL_ENABLED is False
    assert settings.EXTENSIONS["scrapy.extensions.remote_control.RemoteControl"] is None


def test_a_crawl_log_names_no_listening_server(site, pages, crawl):
    site.set(pages[0].path, pages[0].html)
    result = crawl(f"urls={site.url}{pages[0].path}")
    assert result.returncode == 0, result.log[-2000:]
    assert "listening" not in result.log.lower()
