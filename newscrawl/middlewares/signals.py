"""SignalTagger: carries the signal that made a check due from its request to its item."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawl.items import ArticleItem, CheckItem


class SignalTagger:
    """Sets ``item["signal"]`` from ``response.meta["newscrawl_signal"]`` (set by
    discovery when a sitemap or feed said the article changed), so the pipeline can
    record the signal on the check and learn whether the outlet's signals are right."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SignalTagger:
        return cls()

    @staticmethod
    def _tag(response: Response | None, entry: Any) -> Any:
        if isinstance(entry, ArticleItem | CheckItem) and response is not None:
            signal = response.meta.get("newscrawl_signal")
            if signal is not None:
                entry["signal"] = signal
        return entry

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        for entry in result:
            yield self._tag(response, entry)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for entry in result:
            yield self._tag(response, entry)
