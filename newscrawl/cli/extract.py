"""``newscrawl extract``: run one outlet's extractor on a saved file or a live URL, print JSON."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from newscrawl import settings
from newscrawl.outlets import NotAnArticle, get_extractor

EXIT_UNREADABLE = 2
EXIT_NOT_ARTICLE = 3
FETCH_TIMEOUT = 30


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="print the article fields extracted from a file or URL as JSON",
        description="Extract one page with an outlet's extractor and print the article as "
        "JSON (url, title, standfirst, authors, published, modified, paragraphs and the "
        "other fields; never the raw HTML). Exit status 3: the page is not an article; "
        "2: the file or URL could not be read.",
    )
    parser.add_argument("--outlet", required=True, help="outlet name, e.g. guardian")
    parser.add_argument("--url", help="the page's URL, when SOURCE is a saved file")
    parser.add_argument("source", metavar="FILE_OR_URL", help="saved HTML file, or http(s) URL")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        extractor = get_extractor(args.outlet)
    except KeyError as exc:
        print(f"newscrawl extract: {exc.args[0]}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        html, url = _read(args.source, args.url)
    except OSError as exc:
        print(f"newscrawl extract: cannot read {args.source}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        article = extractor.extract(html, url)
    except NotAnArticle as exc:
        print(f"newscrawl extract: not an article: {exc.reason}", file=sys.stderr)
        return EXIT_NOT_ARTICLE
    print(json.dumps(article, indent=2, ensure_ascii=False))
    return 0


def _read(source: str, url: str | None) -> tuple[bytes, str]:
    """The page bytes and the URL to extract them under."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": settings.USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
                return response.read(), url or response.geturl()
        except urllib.error.HTTPError as exc:
            raise OSError(f"HTTP {exc.code}") from None
        except urllib.error.URLError as exc:
            raise OSError(str(exc.reason)) from None
    path = Path(source)
    return path.read_bytes(), url or path.resolve().as_uri()
