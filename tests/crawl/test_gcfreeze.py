"""Start-up objects are frozen out of the garbage collector once the engine starts."""

from __future__ import annotations

import gc

from scrapy import Spider
from scrapy.utils.test import get_crawler

from newscrawl.extensions.gcfreeze import FreezeStartup


def test_engine_start_freezes_what_start_up_built() -> None:
    crawler = get_crawler(Spider)
    extension = FreezeStartup.from_crawler(crawler)
    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        extension.engine_started()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_it_is_enabled_by_the_project_settings() -> None:
    from newscrawl import settings

    assert "newscrawl.extensions.gcfreeze.FreezeStartup" in settings.EXTENSIONS
    assert settings.CONCURRENT_ITEMS == 1
