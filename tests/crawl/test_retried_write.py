"""MongoDB: a connection dropped while a new version is written loses nothing."""

from __future__ import annotations

import struct
from urllib.parse import urlsplit

import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newscrawl.outlets.declarations import builtin_outlets
from newscrawl.pipelines.versions import VersionPipeline
from newscrawl.spiders.loader import spider_class
from newscrawl.store import StoreUnavailable, open_store
from tests.crawl.conftest import START, later
from tests.crawl.test_pipelines import fetch
from tests.cutproxy import CutProxy

GuardianSpider = spider_class(builtin_outlets()["guardian"])


def command(name: str, collection: str) -> bytes:
    """The start of the BSON of ``{name: collection, ...}``, as a command is sent."""
    value = collection.encode() + b"\x00"
    return b"\x02" + name.encode() + b"\x00" + struct.pack("<i", len(value)) + value


# Cut after the version's insert, or after the article update that follows it.
CUTS = {"insert": command("insert", "versions"), "count": command("update", "articles")}


@pytest.fixture
def boris(corpus):
    folder = corpus / "versions" / "guardian-boris-johnson-apologises"
    return (folder / "v1.html").read_bytes(), (folder / "v2.html").read_bytes()


@pytest.mark.parametrize("cut", CUTS)
def test_a_version_whose_reply_was_lost_is_completed_by_the_retry(mongo_uri, boris, cut):
    """Reproduces: the connection dropped after MongoDB stored version 2 but before its
    reply; the retry found version 2 already there, called the check "unchanged", and the
    article kept ``version_count`` 1, its old ``last_changed`` and its grown interval."""
    parts = urlsplit(mongo_uri)
    proxy = CutProxy(parts.port)
    # No retryable writes, as with a standalone mongod: the driver does not resend the
    # insert itself, the pipeline's retry does.
    query = f"{parts.query}&retryWrites=false" if parts.query else "retryWrites=false"
    uri = parts._replace(netloc=f"127.0.0.1:{proxy.port}", query=query).geturl()
    # News Sniffer's back-off, unjittered: the test counts its intervals.
    settings = {
        "NEWSCRAWL_STORE": uri,
        "NEWSCRAWL_RECHECK_POLICY": "newsniffer",
        "NEWSCRAWL_RECHECK_JITTER": 0,
    }
    crawler = get_crawler(GuardianSpider, settings)
    versions = build_from_crawler(VersionPipeline, crawler)
    versions.store = open_store(uri, timeout_ms=2000)
    try:
        assert versions.store_article(fetch(boris[0])) == "versions_new"
        assert versions.store_article(fetch(boris[0], 31)) == "unchanged"
        edit = fetch(boris[0], 62, title="A headline rewritten after publication")
        proxy.arm(CUTS[cut])
        with pytest.raises(StoreUnavailable):
            versions.store_article(edit)
        assert proxy.cuts == 1
        # What StorePipeline.call does next: the same check again, on a new connection.
        assert versions.store_article(edit) == "versions_new"
    finally:
        versions.store.close()
        proxy.close()

    with open_store(mongo_uri) as store:
        article = store.get_article(edit["url"])
        assert [v["number"] for v in store.list_versions(edit["url"])] == [1, 2]
        assert article["version_count"] == 2
        assert article["last_changed"] == later(62)
        assert article["interval"] == 1800
        assert article["next_check"] == later(92)
        assert article["first_seen"] == START
