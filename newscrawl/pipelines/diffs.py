"""DiffPipeline: write the typed change record of every version that lacks one."""

from __future__ import annotations

import logging
from typing import Any

from newscrawl.diffing import diff_versions
from newscrawl.diffing.describe import describe_change
from newscrawl.diffing.snippets import change_snippets, headline_change
from newscrawl.items import ArticleItem, CheckItem
from newscrawl.pipelines.storage import StorePipeline
from newscrawl.store import Record

logger = logging.getLogger(__name__)


class DiffPipeline(StorePipeline):
    """After ``VersionPipeline``, diffs each version without a change record against the
    version before it and stores the record.

    It asks the store which versions lack a record rather than trusting what happened
    in this process, so a crash between storing a version and its change record is
    repaired by the next check of the article, whatever that check returns: a new
    version, the same text, a 304, a failure or a 404. ``VersionPipeline`` asks in the
    same store call that records the fetch (the item's ``changes_pending``); when that
    answer is "none", this pipeline leaves the item alone, and a fetch costs one trip
    to a store thread instead of two. An item without the answer is asked about here."""

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem | CheckItem) or item.get("changes_pending") == []:
            return item
        created = await self.call(self.record_changes, item["url"], url=item["url"])
        for change in created:
            self.stats.inc_value("newscrawl/changes_new")
            self.stats.inc_value(f"newscrawl/changes/{change.get('significance')}")
            logger.info("%s", describe_change(change))
        return item

    def record_changes(self, url: str) -> list[Record]:
        """Store the missing change records of one article; returns the new ones."""
        assert self.store is not None
        store = self.store
        created: list[Record] = []
        for number in store.versions_missing_change(url):
            old = store.get_version(url, number - 1)
            new = store.get_version(url, number)
            if old is None or new is None:
                logger.error("version %d or %d of %s is missing", number - 1, number, url)
                continue
            change = self.build_change(self.current_fields(store, old), new)
            if store.add_change(change):
                created.append(change)
        return created

    @staticmethod
    def build_change(old: Record, new: Record) -> Record:
        change = diff_versions(old, new)
        change.update(
            url=new["url"],
            outlet=new["outlet"],
            title=new["title"],
            from_version=old["number"],
            to_version=new["number"],
            detected=new["fetched"],
        )
        # Small fields for lists, feeds and alerts, which never read the big sides/edits.
        change["snippets"] = change_snippets(change)
        change["headline"] = headline_change(change)
        return change
