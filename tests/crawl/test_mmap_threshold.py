"""A crawl fixes glibc's mmap threshold, so freed page buffers go back to the system."""

from __future__ import annotations

import ctypes.util

import pytest
from scrapy import Spider
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newscrawl.extensions.malloc import MmapThreshold, set_mmap_threshold


def test_glibc_takes_the_threshold() -> None:
    # This machine's Python runs on glibc; elsewhere the call is a no-op returning False.
    assert ctypes.util.find_library("c")
    assert set_mmap_threshold(128 * 1024) is True


def test_the_setting_chooses_the_threshold() -> None:
    crawler = get_crawler(Spider, {"NEWSCRAWL_MMAP_THRESHOLD": 256 * 1024})
    extension = MmapThreshold.from_crawler(crawler)
    assert extension.threshold == 256 * 1024 and extension.applied


def test_zero_leaves_the_allocator_alone() -> None:
    crawler = get_crawler(Spider, {"NEWSCRAWL_MMAP_THRESHOLD": 0})
    with pytest.raises(NotConfigured):
        MmapThreshold.from_crawler(crawler)


def test_a_threshold_glibc_would_refuse_is_an_error() -> None:
    crawler = get_crawler(Spider, {"NEWSCRAWL_MMAP_THRESHOLD": 64 * 1024 * 1024})
    with pytest.raises(ValueError, match="NEWSCRAWL_MMAP_THRESHOLD"):
        MmapThreshold.from_crawler(crawler)


def test_it_is_enabled_by_the_project_settings() -> None:
    from newscrawl import settings

    assert "newscrawl.extensions.malloc.MmapThreshold" in settings.EXTENSIONS
