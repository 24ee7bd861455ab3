"""Start-up objects are frozen out of the garbage collector once the engine starts, and
the collector's first generation waits for more allocations until the engine stops."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from newscrawl.extensions.gcfreeze import THRESHOLD, FreezeStartup


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    thresholds = gc.get_threshold()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_engine_start_freezes_what_start_up_built() -> None:
    extension = FreezeStartup.from_crawler(get_crawler(Spider))
    assert gc.get_freeze_count() == 0
    extension.engine_started()
    assert gc.get_freeze_count() > 0


def test_the_first_generation_threshold_is_raised_for_the_crawl_only() -> None:
    gc.set_threshold(700, 10, 10)
    extension = FreezeStartup.from_crawler(get_crawler(Spider))
    extension.engine_started()
    assert gc.get_threshold() == (THRESHOLD, 10, 10)
    extension.engine_stopped()
    assert gc.get_threshold() == (700, 10, 10)


def test_the_threshold_is_a_setting() -> None:
    gc.set_threshold(700, 10, 10)
    crawler = get_crawler(Spider, {"NEWSCRAWL_GC_THRESHOLD": 2500})
    FreezeStartup.from_crawler(crawler).engine_started()
    assert gc.get_threshold() == (2500, 10, 10)


def test_zero_leaves_pythons_thresholds() -> None:
    gc.set_threshold(700, 10, 10)
    crawler = get_crawler(Spider, {"NEWSCRAWL_GC_THRESHOLD": 0})
    extension = FreezeStartup.from_crawler(crawler)
    extension.engine_started()
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() > 0  # still frozen
    extension.engine_stopped()
    assert gc.get_threshold() == (700, 10, 10)


def test_a_negative_threshold_is_refused() -> None:
    with pytest.raises(ValueError, match="NEWSCRAWL_GC_THRESHOLD is -1"):
        FreezeStartup.from_crawler(get_crawler(Spider, {"NEWSCRAWL_GC_THRESHOLD": -1}))


def test_it_is_enabled_by_the_project_settings() -> None:
    from newscrawl import settings

    assert "newscrawl.extensions.gcfreeze.FreezeStartup" in settings.EXTENSIONS
    assert settings.CONCURRENT_ITEMS == 1
