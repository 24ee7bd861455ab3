"""``newscrawl extract``: run an outlet's extractor on a saved file or a live URL, print JSON."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from newscrawl import settings
from newscrawl.cli.schedule import project_settings
from newscrawl.outlets import Extractor, NotAnArticle
from newscrawl.outlets.declarations import Outlets, OutletsError, load_outlets

EXIT_UNREADABLE = 2
EXIT_NOT_ARTICLE = 3
FETCH_TIMEOUT = 30


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="print the article fields extracted from a file or URL as JSON",
        description="Extract one page with an outlet's extractor and print the article as "
        "JSON (url, title, standfirst, authors, published, modified, paragraphs and the "
        "other fields; never the raw HTML). Without --outlet the outlet is the one whose "
        "hosts match the page's URL, else the generic extractor reads it. Exit status 3: "
        "the page is not an article; 2: the file or URL could not be read.",
    )
    parser.add_argument(
        "--outlet",
        help="outlet or extractor name, e.g. guardian, or generic (default: from the URL's host)",
    )
    parser.add_argument("--url", help="the page's URL, when SOURCE is a saved file")
    parser.add_argument("source", metavar="FILE_OR_URL", help="saved HTML file, or http(s) URL")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        outlets = load_outlets(project_settings())
        extractor = outlets.extractor(args.outlet) if args.outlet else None
    except (KeyError, OutletsError) as exc:
        print(f"newscrawl extract: {exc.args[0]}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        html, url = _read(args.source, args.url)
    except OSError as exc:
        print(f"newscrawl extract: cannot read {args.source}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if extractor is None:
        extractor = extractor_for(outlets, url)
    try:
        article = extractor.extract(html, url)
    except NotAnArticle as exc:
        print(f"newscrawl extract: not an article: {exc.reason}", file=sys.stderr)
        return EXIT_NOT_ARTICLE
    print(json.dumps(article, indent=2, ensure_ascii=False))
    return 0


def extractor_for(outlets: Outlets, url: str) -> Extractor:
    """The extractor of the outlet whose hosts include ``url``'s host, else the generic one
    (also for a saved file given no ``--url``)."""
    if url.startswith(("http://", "https://")):
        return outlets.for_url(url).build_extractor()
    return outlets.extractor("generic")


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
