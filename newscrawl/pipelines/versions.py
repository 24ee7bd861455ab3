"""VersionPipeline: keep every distinct version of an article, and its re-check schedule."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.diffing import fingerprint
from newscrawl.diffing.describe import shorten
from newscrawl.items import ArticleItem, CheckItem
from newscrawl.outlets.base import ARTICLE_FIELDS
from newscrawl.pipelines.schedule import CheckScheduler
from newscrawl.pipelines.storage import StorePipeline
from newscrawl.store import Record, Store, StoreError

logger = logging.getLogger(__name__)
T = TypeVar("T")

# The extracted fields a version keeps (its url is set with the fetch's own fields).
VERSION_FIELDS = tuple(f for f in ARTICLE_FIELDS if f != "url")
# Checks in a row on one older text after which it is the latest again (settings.py too).
SETTLE = 3


class VersionPipeline(StorePipeline):
    """Compares each fetch with the stored versions and stores it only when its
    normalised fingerprint is new.

    - same fingerprint as the latest version: an unchanged check;
    - the latest version was extracted by an older extractor: it is re-extracted from
      its raw HTML before comparing;
    - the fingerprint of an older version (an A/B headline or CDN flip-flop): no
      version, a ``flipflop`` event on the article; but when the same older text comes
      back on ``NEWSCRAWL_FLIPFLOP_SETTLE`` checks in a row without the latest text in
      between, the latest version was the odd one out (a glitch) and the older text is
      stored again as a new version, so no glitch can stay the latest for good;
    - otherwise a new version, numbered atomically by the store.
    Each fetch carries a ``check_id`` stored with its version, so a retry of the same
    fetch after a lost connection recognises its own write as the new version.
    A fetch that lost its headline, or most of the latest version's words (under
    ``NEWSCRAWL_SUSPECT_SHARE`` of them), is no version at all: it is a ``suspect``
    check with an event saying why, retried on the failure schedule, so a site redesign
    never shows up as every paragraph deleted.
    Check items (304, 404/410, failures, non-articles) update the article's schedule
    and events. The article's next check comes from ``NEWSCRAWL_RECHECK_POLICY`` (see
    ``CheckScheduler``, which also notes signals and moved modification times)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.scheduler = CheckScheduler(crawler.settings)
        self.settle = max(1, crawler.settings.getint("NEWSCRAWL_FLIPFLOP_SETTLE", SETTLE))
        self.suspect_share = crawler.settings.getfloat("NEWSCRAWL_SUSPECT_SHARE", 0.5)

    async def close_spider(self) -> None:
        if self.store is not None:
            try:
                await self.call(self.scheduler.flush, self.store)
            except (StoreError, DropItem) as exc:
                logger.warning("outlet counters of this run not recorded: %s", exc)
        await super().close_spider()

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem):
            outcome, pending = await self.call(
                self._with_pending, self.store_article, dict(ItemAdapter(item)), url=item["url"]
            )
            self.stats.inc_value(f"newscrawl/{outcome}")
            item["changes_pending"] = pending
        elif isinstance(item, CheckItem):
            tracked, pending = await self.call(
                self._with_pending, self.store_check, dict(ItemAdapter(item)), url=item["url"]
            )
            # deltafetch remembers only tracked URLs: a page that was gone or not yet an
            # article must be fetched again when it is discovered again.
            item["tracked"] = bool(tracked)
            item["changes_pending"] = pending
        return item

    def _with_pending(self, store_it: Callable[[Record], T], item: Record) -> tuple[T, list[int]]:
        """``store_it(item)``, then the article's versions lacking a change record, in
        one call off the reactor (one thread hop per fetch for both pipelines)."""
        assert self.store is not None
        result = store_it(item)
        return result, (self.store.versions_missing_change(item["url"]) if result else [])

    # -- articles (runs in a worker thread) ------------------------------------------
    def store_article(self, item: Record) -> str:
        """Store one fetch; returns ``versions_new``, ``unchanged``, ``flipflops`` or
        ``suspect``."""
        assert self.store is not None
        store, url, now = self.store, item["url"], item["fetched"]
        version = {k: item.get(k) for k in VERSION_FIELDS}
        version.update(
            url=url,
            outlet=item["outlet"],
            fetched=now,
            raw_html=item["raw_html"],
            html_bytes=len(item["raw_html"]),
        )
        version["fingerprint"] = fingerprint(version)
        # Set on the first attempt; ``call`` retries with this same dict, so a retry
        # after a connection lost mid-write finds its own version by this id.
        version["check_id"] = item.setdefault("check_id", uuid.uuid4().hex)
        article = store.get_article(url)
        if article is None:
            article, created = store.upsert_article(
                url, item["outlet"], {"first_seen": now, "title": item["title"]}
            )
            if created:
                self.stats.inc_value("newscrawl/articles_new")
        latest = store.latest_version(url)
        own = latest is not None and latest.get("check_id") == version["check_id"]
        if not own and self._suspect(store, article, latest, version, now):
            return "suspect"
        outcome = "versions_new" if own else self._compare(store, article, latest, version, now)
        if outcome == "versions_new":
            number, stored = store.add_version(url, version)
            outcome = "versions_new" if stored or own else "unchanged"
            if stored and number == 1:
                logger.info("%s: new article: %s (v1)", item["outlet"], shorten(item["title"]))
        changed = outcome == "versions_new"
        due = self.scheduler.after_fetch(store, article, item, latest is None, changed)
        fields: Record = {
            "title": item["title"],
            "canonical_url": item.get("canonical_url"),
            "response_url": item.get("response_url"),
            "published": item.get("published"),
            "last_checked": now,
            "failures": 0,
            "interval": due.interval,
            "next_check": due.next_check,
            "status": "retired" if due.retired else "active",
            "etag": item.get("etag"),
            "last_modified": item.get("last_modified"),
            "page_modified": item.get("modified"),
            "page_digest": item.get("page_digest"),
        }
        if changed:
            fields["last_changed"] = now
        if outcome != "flipflops":
            fields.update(returned_to=None, returned_checks=0)
        else:
            # No validators (nor digest) while the page shows an older text: a 304 must
            # not keep a glitch as the latest version, so the next check reads the page.
            fields.update(etag=None, last_modified=None, page_digest=None)
        self._note_redirect(store, article, item, now)
        if latest is not None:
            self.scheduler.note_signal(store, article, item, changed)
            if outcome == "unchanged":
                previous = article.get("page_modified") or latest.get("modified")
                self.scheduler.note_modified(store, article, previous, item)
        store.update_article(url, fields, inc={"checks": 1})
        return outcome

    def _compare(
        self, store: Store, article: Record, latest: Record | None, version: Record, now: datetime
    ) -> str:
        if latest is None:
            return "versions_new"
        if latest["fingerprint"] == version["fingerprint"]:
            return "unchanged"
        if latest.get("extractor") != version["extractor"]:
            current = self.current_fields(store, latest)
            if fingerprint(current) == version["fingerprint"]:
                return "unchanged"
        url = version["url"]
        earlier = store.find_version_by_fingerprint(url, version["fingerprint"])
        if earlier is None:
            return "versions_new"
        current = store.latest_version(url)
        if current is not None and current["fingerprint"] == version["fingerprint"]:
            return "unchanged"  # another crawl stored this text as the latest meanwhile
        number = earlier["number"]
        checks = 1
        if article.get("returned_to") == number:
            checks += article.get("returned_checks") or 0
        if checks >= self.settle:
            detail = (
                f"back to the text of version {number} on {checks} checks in a row: the "
                f"latest version was the odd one out, so that text is stored again"
            )
            store.add_event(url, "reverted", detail, now)
            return "versions_new"
        store.add_event(
            url, "flipflop", f"returned to the text of version {number}", now, version=number
        )
        store.update_article(
            url, {"returned_to": number, "returned_checks": checks}, inc={"flipflops": 1}
        )
        logger.info(
            "%s: flip-flop: %s returned to the text of v%d",
            version["outlet"],
            shorten(version["title"]),
            number,
        )
        return "flipflops"

    def _suspect(
        self, store: Store, article: Record, latest: Record | None, version: Record, now: datetime
    ) -> bool:
        """A fetch that lost the headline or most of the text of the latest version is
        an extraction glitch until proven otherwise: record it as a ``suspect`` check,
        retried on the failure schedule, and keep no version."""
        if latest is not None and latest.get("extractor") != version["extractor"]:
            # An extractor upgrade may rightly drop junk the old one kept: judge the
            # fetch against the latest version as the current extractor reads it.
            latest = self.current_fields(store, latest)
        reason = suspect_reason(latest, version, self.suspect_share)
        if reason is None:
            return False
        failures = (article.get("failures") or 0) + 1
        interval = article.get("interval") or self.scheduler.first_interval(store, article, now)
        due = self.scheduler.after_failure(store, article, interval, failures, now)
        store.add_event(version["url"], "suspect", reason, now)
        store.update_article(
            version["url"],
            {"last_checked": now, "failures": failures, "next_check": due.next_check},
            inc={"checks": 1, "suspects": 1},
        )
        logger.warning("suspect fetch of %s, not stored: %s", version["url"], reason)
        return True

    def _note_redirect(self, store: Store, article: Record, item: Record, now: datetime) -> None:
        final = item.get("response_url")
        if final and final != item["url"] and final != article.get("response_url"):
            store.add_event(item["url"], "redirected", f"now answered by {final}", now)

    # -- checks without an article (runs in a worker thread) -------------------------
    def store_check(self, item: Record) -> bool:
        """Record a check without article fields; returns whether the store tracks the
        article (False: a discovered page that is gone or not an article, left alone)."""
        assert self.store is not None
        store, url, now, result = self.store, item["url"], item["fetched"], item["result"]
        article = store.get_article(url)
        if article is None:
            if result != "failed":
                return False
            # A new article whose first fetch failed: track it so a later run retries it.
            article, _ = store.upsert_article(url, item["outlet"], {"first_seen": now})
        interval = article.get("interval") or self.scheduler.first_interval(store, article, now)
        fields: Record = {"last_checked": now}
        inc: Record = {"checks": 1}
        self.scheduler.note_signal(
            store, article, item, False if result == "not_modified" else None
        )
        if result == "not_modified":
            due = self.scheduler.after_fetch(store, article, item, False, False, interval)
            fields.update(
                interval=due.interval,
                next_check=due.next_check,
                status="retired" if due.retired else "active",
                failures=0,
            )
            if item.get("etag"):
                fields["etag"] = item["etag"]
            if item.get("last_modified"):
                fields["last_modified"] = item["last_modified"]
        elif result == "gone":
            fields.update(status="gone", next_check=None)
            store.add_event(url, "gone", item.get("detail") or "gone", now)
        elif result == "failed":
            failures = (article.get("failures") or 0) + 1
            due = self.scheduler.after_failure(store, article, interval, failures, now)
            fields.update(next_check=due.next_check, failures=failures)
            store.add_event(url, "failed", item.get("detail") or "failed", now)
        else:  # not_article: keep checking on the normal schedule, and say so
            due = self.scheduler.after_fetch(store, article, item, False, False, interval)
            fields.update(interval=due.interval, next_check=due.next_check)
            store.add_event(url, result, item.get("detail") or result, now)
        store.update_article(url, fields, inc=inc)
        return True


def word_count(paragraphs: list[str] | None) -> int:
    return sum(len(paragraph.split()) for paragraph in paragraphs or ())


def suspect_reason(latest: Record | None, version: Record, share: float) -> str | None:
    """Why a fetch looks like broken extraction rather than an edit, or None: it has no
    headline where the latest version had one, or fewer than ``share`` of its words."""
    if latest is None:
        return None
    if (latest.get("title") or "").strip() and not (version.get("title") or "").strip():
        return "the headline is missing (site redesign or extraction failure?)"
    before, now = word_count(latest.get("paragraphs")), word_count(version.get("paragraphs"))
    if before and now < share * before:
        return (
            f"the body lost most of its text: {now} words, version {latest['number']} had "
            f"{before} (site redesign or extraction failure?)"
        )
    return None
