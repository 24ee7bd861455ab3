"""``newscrawl extract``: files, URLs over real HTTP, exit statuses, and the installed script."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl import settings
from newscrawl.cli import main

URL = "https://www.theguardian.com/politics/2019/nov/03/boris-johnson-apologises-tory-members-not-leaving-eu-october"
TITLE = "Brexit: Boris Johnson apologises to Tory members for deadline extension"


@pytest.fixture
def page(corpus: Path) -> Path:
    return corpus / "versions" / "guardian-boris-johnson-apologises" / "v2.html"


def test_file_prints_the_article_as_json(page: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", "--outlet", "guardian", "--url", URL, str(page)]) == 0
    out = capsys.readouterr().out
    article = json.loads(out)
    assert article["url"] == URL
    assert article["title"] == TITLE
    assert article["authors"] == ["Kate Proctor"]
    assert len(article["paragraphs"]) == 16
    assert {"standfirst", "published", "modified", "blocks", "corrections"} <= set(article)
    assert "‘deep regret’" in out  # ensure_ascii=False: characters as they are
    assert out.startswith('{\n  "url"')  # indent 2


def test_file_without_url_is_keyed_by_its_path(page: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", "--outlet", "guardian", str(page)]) == 0
    assert json.loads(capsys.readouterr().out)["url"] == page.resolve().as_uri()


def test_not_an_article_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    front = tmp_path / "front.html"
    front.write_text('<html><head><meta property="og:type" content="website"></head></html>')
    assert main(["extract", "--outlet", "guardian", str(front)]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "not an article" in captured.err and "website" in captured.err


def test_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", "--outlet", "guardian", str(tmp_path / "missing.html")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_unknown_outlet_exits_2(page: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", "--outlet", "nosuch", str(page)]) == 2
    assert "guardian" in capsys.readouterr().err


class _Handler(http.server.BaseHTTPRequestHandler):
    body = b""
    seen_agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path != "/article":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(page: Path) -> Iterator[str]:
    _Handler.body = page.read_bytes()
    _Handler.seen_agents = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_url_is_fetched_with_the_newscrawl_user_agent(
    server: str, capsys: pytest.CaptureFixture
) -> None:
    assert main(["extract", "--outlet", "guardian", f"{server}/article"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["url"] == f"{server}/article"
    assert article["title"] == TITLE
    assert _Handler.seen_agents == [settings.USER_AGENT]


def test_url_that_fails_exits_2(server: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", "--outlet", "guardian", f"{server}/gone"]) == 2
    assert "HTTP 404" in capsys.readouterr().err


def test_console_script_in_a_subprocess(page: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newscrawl",
            "extract",
            "--outlet",
            "guardian",
            "--url",
            URL,
            str(page),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout.decode("utf-8"))["title"] == TITLE


GENERIC_PAGE = """<html><head><title>Site</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council votes",
"author": {"@type": "Person", "name": "Ann Lee"}, "datePublished": "2026-11-02"}</script>
</head><body><h1>Council votes</h1><article><p>The council voted on Monday.</p>
<p>The vote was close.</p></article></body></html>"""


def extracted(capsys: pytest.CaptureFixture, *argv: str) -> dict:
    assert main(["extract", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_without_outlet_the_urls_host_picks_the_outlet(
    page: Path, capsys: pytest.CaptureFixture
) -> None:
    article = extracted(capsys, "--url", URL, str(page))
    assert article["extractor"].startswith("guardian/")
    assert article["title"] == TITLE


def test_without_outlet_an_undeclared_host_gets_the_generic_extractor(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    saved = tmp_path / "page.html"
    saved.write_text(GENERIC_PAGE)
    article = extracted(capsys, "--url", "https://news.example.org/council", str(saved))
    assert article["extractor"].startswith("generic/")
    assert article["title"] == "Council votes"
    # A saved file named by no URL has no host: generic too.
    assert extracted(capsys, str(saved))["extractor"].startswith("generic/")


def test_outlet_generic_forces_the_generic_extractor(
    page: Path, capsys: pytest.CaptureFixture
) -> None:
    article = extracted(capsys, "--outlet", "generic", "--url", URL, str(page))
    assert article["extractor"].startswith("generic/")
