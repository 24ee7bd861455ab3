"""The spider loader: ``scrapy crawl NAME`` and ``scrapy list`` for every declared outlet."""

from __future__ import annotations

import re
from typing import Any

from scrapy import Request, Spider
from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from newscrawl.outlets.declarations import Outlet, Outlets, load_outlets
from newscrawl.spiders.base import NewsSpider


def spider_class(outlet: Outlet) -> type[NewsSpider]:
    """A ``NewsSpider`` subclass stating ``outlet``'s crawl strategy."""
    attributes: dict[str, Any] = {
        "name": outlet.name,
        "declaration": outlet,
        "site": outlet.site,
        "sitemap_paths": outlet.news_sitemaps,
        "feed_paths": outlet.feeds,
        "front_paths": outlet.fronts,
        "article_path": outlet.article_pattern,
        "live_path": outlet.live_pattern,
        "excluded_path": outlet.excluded_pattern,
        "__module__": __name__,
        "__doc__": f"{outlet.title}: discovers from {outlet.discovers_from()}.",
    }
    class_name = "OutletSpider_" + re.sub(r"\W", "_", outlet.name)
    return type(class_name, (NewsSpider,), attributes)


class OutletSpiderLoader(SpiderLoader):
    """Scrapy's loader (spider classes in ``SPIDER_MODULES`` still load), plus a spider
    for each declared outlet (``newscrawl.outlets.declarations``) and for any host name
    (a per-host outlet re-checking the articles watched there)."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.outlets: Outlets = load_outlets(settings)

    def load(self, spider_name: str) -> type[Spider]:
        if spider_name in self._spiders:
            return self._spiders[spider_name]
        try:
            outlet = self.outlets.resolve(spider_name)
        except KeyError as exc:
            raise KeyError(f"Spider not found: {spider_name}: {exc.args[0]}") from None
        return spider_class(outlet)

    def list(self) -> list[str]:
        return sorted({*self._spiders, *self.outlets})

    def find_by_request(self, request: Request) -> list[str]:
        declared = [name for name in self.outlets if self.outlets[name].claims(request.url)]
        return [*super().find_by_request(request), *declared]
