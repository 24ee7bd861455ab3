"""Where the corpus of real pages is, and what each Guardian page in it says."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from newscrawl.replay import markup

CORPUS_ENV = "NEWSCRAWL_CORPUS"
DEFAULT_CORPUS = Path("..") / "shared" / "corpus"


class CorpusError(ValueError):
    """The corpus or a page in it is missing or unusable."""


def resolve_corpus(corpus: str | os.PathLike[str] | None = None) -> Path:
    """``corpus``, else ``$NEWSCRAWL_CORPUS``, else ``../shared/corpus`` from the cwd."""
    path = Path(corpus or os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS).expanduser()
    if not (path / "pages").is_dir():
        raise CorpusError(
            f"no corpus at {path} (expected a pages/ folder); pass --corpus DIR or set {CORPUS_ENV}"
        )
    return path.resolve()


@dataclass(frozen=True)
class SourcePage:
    """A real saved Guardian page, with the parts the replay edits located in it."""

    ref: str
    """Corpus-relative path of the HTML file (``versions/guardian-.../v1.html``)."""
    html: str
    """The page, decoded."""
    url: str
    """The page's real URL, from its sidecar or the version case's ``case.json``."""
    headline: str
    paragraphs: tuple[str, ...]
    """Whitespace-normalised texts of the body paragraphs, in order."""

    @property
    def path(self) -> str:
        """Path of the real URL: where the replay serves the page by default."""
        return urlsplit(self.url).path

    @property
    def section(self) -> str:
        """First path segment of the real URL (``politics``)."""
        return self.path.strip("/").split("/")[0]


def _real_url(html_path: Path) -> str:
    sidecar = html_path.with_suffix(".json")
    if not sidecar.is_file():
        sidecar = html_path.parent / "case.json"
    if not sidecar.is_file():
        raise CorpusError(f"{html_path} has neither a .json sidecar nor a case.json")
    return json.loads(sidecar.read_text(encoding="utf-8"))["url"]


@lru_cache(maxsize=64)
def load_page(corpus: Path, ref: str) -> SourcePage:
    """Read and analyse one corpus page (cached: pages are read-only)."""
    path = (corpus / ref).resolve()
    if corpus.resolve() not in path.parents or not path.is_file():
        raise CorpusError(f"no page {ref!r} in the corpus at {corpus}")
    html = path.read_bytes().decode("utf-8")
    doc = markup.parse(html)
    try:
        headline = markup.headline_text(doc)
        paragraphs = tuple(markup.text_of(p) for p in markup.body_paragraphs(doc))
    except markup.MarkupError as exc:
        raise CorpusError(f"{ref}: {exc}") from None
    return SourcePage(ref, html, _real_url(path), headline, paragraphs)


def guardian_pages(corpus: Path) -> list[str]:
    """Corpus refs of the Guardian article pages the replay can serve (live blogs aside)."""
    refs = sorted(
        str(p.relative_to(corpus))
        for p in [*corpus.glob("pages/guardian/*.html"), *corpus.glob("versions/guardian-*/*.html")]
    )
    usable = []
    for ref in refs:
        try:
            page = load_page(corpus, ref)
        except CorpusError:
            continue
        if "live" not in page.path.split("/")[2] and "/live/" not in page.path:
            usable.append(ref)
    return usable
