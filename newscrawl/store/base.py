"""The store interface every backend implements, and the shapes of the records it keeps.

Records are plain dicts so that they read the same in Python, in SQLite and in mongosh.
Datetimes are aware UTC ``datetime`` objects going in and coming out (a naive one going in
is taken as UTC; any other zone is converted), kept to the millisecond as BSON does.
Filter arguments (urls, outlets, labels, queries) must be ``str``: anything else raises
``ValueError``, so no caller can slip a MongoDB operator into a query.

article (collection ``articles``; key ``url``)::

    url             str    the URL it is fetched from (re-checks go here)
    outlet          str
    canonical_url   str | None
    response_url    str | None   final URL of the last fetch, after redirects
    title           str | None   headline of the latest version
    published       str | None   ISO 8601 as the page gives it
    first_seen      datetime     when newscrawl first stored it
    last_checked    datetime | None
    last_changed    datetime | None   when the latest version was stored
    next_check      datetime | None   None = not due again (retired or gone)
    interval        float        current re-check interval, seconds
    status          str          "active" | "retired" | "gone" | "unwatched"
    checks          int          number of checks (changed or not)
    version_count   int          number of versions stored
    change_count    int          number of change records
    failures        int          consecutive failed checks
    flipflops       int          fetches that returned to an older version's text
    returned_to     int | None   the older version the latest checks returned to
    returned_checks int          how many checks in a row returned to it (see VersionPipeline)
    suspects        int          fetches kept as no version: headline or most text lost
    watched         bool         started by ``newscrawl watch`` (absent otherwise)
    etag, last_modified   str | None   validators for conditional re-checks
    page_digest     str | None   SHA-256 of the last fetch that showed the latest version
                                 (see newscrawl.spiders.samepage)
    events          list[dict]   {"time", "kind", "detail"}: gone, redirected, failed,
                                 flipflop, not_article, suspect, unwatched ...
    shard           int          stable hash of url, for splitting re-checks between jobs

version (collection ``versions``; unique ``(url, number)``)::

    url, outlet     str
    number          int          1, 2, 3 ... per article, no gaps, no duplicates
    fetched         datetime
    fingerprint     str          hex digest of the normalised text (see diffing.normalise)
    title, standfirst, authors, published, modified, section,
    paragraphs, blocks, corrections, is_live   as in ArticleItem
    extractor       str          extractor name/version that produced the fields
    check_id        str          id of the check that stored it: a retried write
                                 recognises its own version by it
    raw_html        bytes        the page as fetched; stored compressed (a zstd delta
                                 against an earlier page, see ``store.pages``),
                                 returned decompressed only by ``raw_html()``
    (``paragraphs`` is stored once, inside ``blocks``, when it is their paragraph
    texts; every read gives it back.)
    html_bytes      int          size of the uncompressed page

change (collection ``changes``; unique ``(url, to_version)``)::

    url, outlet     str
    title           str          headline of the new version (for lists and search)
    from_version, to_version   int
    detected        datetime     when the new version was fetched
    kinds           list[str]    what changed: "headline", "standfirst", "byline",
                                 "body", "correction", "section", ...
    significance    str          "trivial" | "minor" | "substantive"
    uncorrected     bool         substantive body change with no new correction note
    summary         str          one line for lists and feeds
    words_added, words_removed   int
    added_text, removed_text     str   words inserted / deleted (for search)
    edits           list[dict]   typed edits (see diffing)
    sides           dict         what a side-by-side view needs (see diffing)
    snippets        list[dict]   up to three runs of changed words with context, for lists,
                                 feeds and alerts (see diffing.snippets); older records lack it
    headline        dict | None  {"old", "new", "segments"} when the headline changed

alert (collection ``alerts``; unique ``(key, destination)``)::

    key             str          what is announced: ``URL#vN`` (the change to version N)
                                 or ``URL#gone`` (a takedown)
    destination     str          the name of the alert destination (one apprise URL)
    url             str          the article
    status          str          "sending" | "sent" | "failed"
    attempts        int          sends tried so far (a claim does not count)
    claimed         datetime     when the current or last attempt started
    sent            datetime | None   when the destination accepted it
    next_try        datetime | None   a failed alert is not tried again before this
    error           str | None   why the last attempt failed

outlet state (collection ``outlets``; key ``outlet``)::

    outlet          str
    <source>_right, <source>_wrong, <source>_streak   int   signal checks (source
                                 "sitemap" or "feed") that found a change / did not,
                                 and the wrong ones in a row (see newscrawl.signals)
    <source>_last_wrong          datetime | None
    modified_moved  int          unchanged checks whose page ``modified`` had moved
    modified_steady int          unchanged checks whose page ``modified`` had not

run (collection ``runs``)::

    id, outlet, started, finished, pages, new_articles, new_versions, unchanged,
    errors (dict kind -> count), not_articles, status ("running" | "finished" | "failed")
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

Record = dict[str, Any]

# The fields of a change record that ``list_changes`` leaves out unless asked for.
LIST_OMITS = ("edits", "sides")


class StoreError(RuntimeError):
    """Raised for a store that cannot be opened or used; the message says what to do."""


class StoreUnavailable(StoreError):
    """The store could not be reached (server down, network)."""


class StoreCorrupt(StoreError):
    """The store's file or data is damaged; nothing was overwritten."""


class Store(abc.ABC):
    """What the pipelines, the CLI and the viewer need from a database."""

    uri: str

    # -- lifecycle -------------------------------------------------------------------
    @abc.abstractmethod
    def close(self) -> None:
        """Release connections. Idempotent."""

    @abc.abstractmethod
    def ping(self) -> None:
        """Raise ``StoreUnavailable`` if the store cannot be reached now."""

    # -- articles --------------------------------------------------------------------
    @abc.abstractmethod
    def upsert_article(self, url: str, outlet: str, fields: Record) -> tuple[Record, bool]:
        """Create the article if it is new (``first_seen`` = ``fields["first_seen"]`` or
        now, status active, counters 0, ``next_check`` = ``first_seen`` unless given, every
        documented field present), else ``$set`` the given fields (``first_seen``, ``url``
        and ``shard`` never change). Returns (article, created)."""

    @abc.abstractmethod
    def get_article(self, url: str) -> Record | None:
        """The article stored under ``url``, or None."""

    @abc.abstractmethod
    def update_article(self, url: str, fields: Record, inc: Record | None = None) -> None:
        """Set ``fields`` and increment the counters in ``inc`` on one article."""

    @abc.abstractmethod
    def add_event(
        self, url: str, kind: str, detail: str, time: datetime, version: int | None = None
    ) -> None:
        """Append ``{"time", "kind", "detail"}`` to the article's events, and ``version``
        when given (the version a ``flipflop`` event returned to)."""

    @abc.abstractmethod
    def due_articles(
        self,
        outlet: str,
        now: datetime,
        limit: int | None = None,
        shard: tuple[int, int] | None = None,
    ) -> list[Record]:
        """Active articles of ``outlet`` whose ``next_check <= now``, most overdue first.
        Served by an index on (outlet, next_check): cost grows with the due articles,
        not with the tracked ones. ``shard=(i, n)`` keeps those with ``shard % n == i``."""

    @abc.abstractmethod
    def get_articles(self, urls: Iterable[str]) -> dict[str, Record]:
        """The stored articles among ``urls``, by url, in one indexed query (discovery
        asks about a whole sitemap or feed at once)."""

    @abc.abstractmethod
    def watched_articles(self) -> list[Record]:
        """Articles marked ``watched`` (by ``newscrawl watch``), oldest first."""

    @abc.abstractmethod
    def due_batches(
        self,
        outlet: str,
        now: datetime,
        limit: int | None = None,
        shard: tuple[int, int] | None = None,
        size: int = 500,
    ) -> Iterator[list[Record]]:
        """The same articles as ``due_articles``, in the same order, read ``size`` at a
        time as the caller asks for them, so a crawl holds one batch, not the whole
        queue. An article re-checked meanwhile (``next_check`` moved past ``now``) is not
        returned again. Arguments are checked at the call, not at the first batch."""

    @abc.abstractmethod
    def count_articles(self, outlet: str | None = None) -> int:
        """How many articles are tracked (of one outlet, or all)."""

    # -- versions --------------------------------------------------------------------
    @abc.abstractmethod
    def latest_version(self, url: str) -> Record | None:
        """The highest-numbered version of the article (without raw HTML), or None."""

    @abc.abstractmethod
    def get_version(self, url: str, number: int) -> Record | None:
        """One version (without raw HTML), or None."""

    @abc.abstractmethod
    def list_versions(self, url: str, skip: int = 0, limit: int | None = None) -> list[Record]:
        """Versions of the article in number order, with every extracted field and
        without raw HTML."""

    @abc.abstractmethod
    def find_version_by_fingerprint(self, url: str, fingerprint: str) -> Record | None:
        """The lowest-numbered version of the article with this fingerprint, or None."""

    @abc.abstractmethod
    def add_version(self, url: str, version: Record) -> tuple[int, bool]:
        """Store a new version numbered latest + 1, atomically.

        Two writers racing on one article never produce a gap or a duplicate number:
        the unique (url, number) index rejects the loser, which re-reads the latest
        version and retries. If the latest version already has ``version["fingerprint"]``
        (the other writer stored the same text, or this one before a lost reply) no
        version is written. Returns (number, created). Either way the article's
        ``version_count`` is brought up to the number returned, so a retried write
        completes what a dropped connection cut short."""

    @abc.abstractmethod
    def raw_html(self, url: str, number: int) -> bytes | None:
        """The page a version was extracted from, decompressed, or None."""

    # -- changes ---------------------------------------------------------------------
    @abc.abstractmethod
    def add_change(self, change: Record) -> bool:
        """Store a change record; idempotent on (url, to_version). Returns created.
        Keeps the article's ``change_count`` equal to its number of change records."""

    @abc.abstractmethod
    def get_change(self, url: str, to_version: int) -> Record | None:
        """The change that produced version ``to_version``, or None."""

    @abc.abstractmethod
    def versions_missing_change(self, url: str) -> list[int]:
        """Version numbers > 1 of the article that have no change record (a crash
        between the two writes); the diff pipeline repairs them."""

    @abc.abstractmethod
    def list_changes(
        self,
        url: str | None = None,
        outlet: str | None = None,
        significance: str | None = None,
        kind: str | None = None,
        query: str | None = None,
        skip: int = 0,
        limit: int = 50,
        uncorrected: bool | None = None,
        full: bool = False,
    ) -> list[Record]:
        """Changes newest first (by ``detected``), filtered: one article, an outlet, a
        significance label, a kind of change, or a plain-text ``query`` matched
        case-insensitively against the title and the added/removed text (no operators:
        the query is a literal string); ``uncorrected=True`` keeps the flagged ones.
        Paged by skip/limit.

        Without ``full`` each change comes without its ``edits`` and ``sides`` (see
        ``LIST_OMITS``): they grow with the article, lists never show them, and the
        database leaves them out rather than decode them (``get_change`` has them)."""

    @abc.abstractmethod
    def count_changes(self, outlet: str | None = None, url: str | None = None) -> int:
        """How many change records (of one outlet or article, or all)."""

    # -- events --------------------------------------------------------------------
    @abc.abstractmethod
    def list_events(
        self,
        kinds: Iterable[str] | None = None,
        outlet: str | None = None,
        skip: int = 0,
        limit: int = 50,
    ) -> list[Record]:
        """Article events across articles, newest first: ``{"url", "outlet", "title",
        "time", "kind", "detail"}`` (and ``version`` when the event has one; title = the
        article's latest headline, outlet = its outlet when the event was filed), only of
        ``kinds`` (e.g. ``("gone", "redirected", "flipflop")``) and one outlet when
        given. Served by the ``events`` table or collection: a page reads at most
        ``skip + limit`` events of each kind, however many the store holds."""

    @abc.abstractmethod
    def change_ages(self, outlet: str, limit: int = 500) -> list[Record]:
        """The outlet's ``limit`` newest changes as ``{"url", "detected", "published",
        "first_seen"}`` (the last two from the article), newest first: what the
        schedule learns an outlet's edit timing from."""

    # -- outlet state ----------------------------------------------------------------
    @abc.abstractmethod
    def outlet_state(self, outlet: str) -> Record:
        """The outlet's state record (``{"outlet": outlet}`` alone when there is none)."""

    @abc.abstractmethod
    def update_outlet_state(self, outlet: str, fields: Record, inc: Record | None = None) -> None:
        """Set ``fields`` and increment the counters in ``inc`` on the outlet's state
        record, creating it when missing; increments are atomic."""

    # -- search and health -----------------------------------------------------------
    @abc.abstractmethod
    def search_articles(self, query: str, skip: int = 0, limit: int = 50) -> list[Record]:
        """Articles whose title contains ``query`` (literal, case-insensitive), newest
        change first."""

    def outlets(self) -> list[Record]:
        """Per outlet, sorted by name: ``{"outlet", "articles", "changes", "last_run"}``
        with the counts of articles and change records and the newest run record (or
        None)."""
        articles, changes, with_runs = self.outlet_counts()
        names = sorted({*articles, *changes, *with_runs} - {None})
        return [
            {
                "outlet": name,
                "articles": articles.get(name, 0),
                "changes": changes.get(name, 0),
                "last_run": next(iter(self.list_runs(name, limit=1)), None),
            }
            for name in names
        ]

    @abc.abstractmethod
    def outlet_counts(self) -> tuple[dict[str, int], dict[str, int], list[str]]:
        """Articles per outlet, change records per outlet, and the outlets with runs."""

    @abc.abstractmethod
    def record_run(self, run: Record) -> None:
        """Insert or replace a crawl run record (key ``id``, a string)."""

    @abc.abstractmethod
    def list_runs(self, outlet: str | None = None, limit: int = 20) -> list[Record]:
        """Crawl runs newest first."""

    # -- streaming reads (export, alerts) -------------------------------------------
    @abc.abstractmethod
    def iter_changes(
        self,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        batch: int = 500,
    ) -> Iterator[Record]:
        """Changes with ``since <= detected < until`` (of one outlet), oldest first,
        read ``batch`` at a time: memory stays flat however many there are."""

    @abc.abstractmethod
    def iter_versions(
        self,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        batch: int = 200,
    ) -> Iterator[Record]:
        """Versions (without raw HTML) with ``since <= fetched < until`` (of one outlet),
        in (url, number) order, read ``batch`` at a time."""

    @abc.abstractmethod
    def gone_articles(self, since: datetime) -> list[Record]:
        """Articles marked gone (404/410 after being live) at a check since ``since``."""

    # -- alerts ----------------------------------------------------------------------
    @abc.abstractmethod
    def claim_alert(
        self, key: str, destination: str, url: str, now: datetime, lease: float
    ) -> Record | None:
        """Atomically mark alert (key, destination) ``sending`` (``claimed`` = now) when
        nobody holds it: it is new, or ``failed`` with ``next_try <= now``, or
        ``sending`` since more than ``lease`` seconds (its sender died). Returns the
        claimed record, or None (sent already, held by a live sender, or backing off)."""

    @abc.abstractmethod
    def finish_alert(self, key: str, destination: str, fields: Record) -> None:
        """Record how an attempt ended (``status`` "sent" or "failed", ``sent``,
        ``next_try``, ``error``) and count it in ``attempts``."""

    @abc.abstractmethod
    def get_alert(self, key: str, destination: str) -> Record | None:
        """One alert record, or None."""

    @abc.abstractmethod
    def list_alerts(
        self, destination: str | None = None, status: str | None = None, limit: int = 100
    ) -> list[Record]:
        """Alert records, most recently claimed first."""

    # -- conveniences built on the above ---------------------------------------------
    def history(self, url: str) -> Record | None:
        """The article, all its versions and all its changes, or None if unknown."""
        article = self.get_article(url)
        if article is None:
            return None
        changes = self.list_changes(url=url, limit=10**9, full=True)
        changes.sort(key=lambda c: c["to_version"])
        return {"article": article, "versions": self.list_versions(url), "changes": changes}

    def iter_articles_due(self, outlets: Iterable[str], now: datetime) -> Iterator[Record]:
        """Due articles of several outlets, one outlet after another."""
        for outlet in outlets:
            yield from self.due_articles(outlet, now)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
