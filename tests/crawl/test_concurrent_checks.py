"""Several crawls checking the same articles at once on one store."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newscrawl.outlets.declarations import builtin_outlets
from newscrawl.pipelines.versions import VersionPipeline
from newscrawl.spiders.loader import spider_class
from newscrawl.store import open_store
from tests.crawl.test_pipelines import fetch

GuardianSpider = spider_class(builtin_outlets()["guardian"])

CRAWLS = 4
ARTICLES = 40


@pytest.fixture
def boris(corpus):
    folder = corpus / "versions" / "guardian-boris-johnson-apologises"
    return (folder / "v1.html").read_bytes(), (folder / "v2.html").read_bytes()


def test_a_text_equal_to_the_latest_version_is_never_a_flip_flop(store_uri, boris):
    """Reproduces: with several crawls on one store, a crawl that read the latest version
    just before another crawl stored the same new text reported a flip-flop "returned to
    the text of version 2" while version 2 was the latest (18 of 1,000 articles with 4
    crawls on SQLite, 318 on MongoDB). Here 4 crawls (threads, each with its own pipeline
    and store connection) check every article at the same moment after an edit."""
    urls = [f"https://www.theguardian.com/world/2026/nov/02/story-{i}" for i in range(ARTICLES)]
    first = fetch(boris[0])
    edit = fetch(boris[0], 31, title="A headline rewritten after publication")
    setup = pipeline(store_uri)
    for url in urls:
        assert setup.store_article({**first, "url": url, "response_url": url}) == "versions_new"
    setup.store.close()

    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(CRAWLS)
    failures: list[BaseException] = []

    def crawl() -> None:
        own = pipeline(store_uri)
        try:
            for url in urls:
                barrier.wait()
                outcome = own.store_article({**edit, "url": url, "response_url": url})
                with lock:
                    outcomes[outcome] += 1
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)
            barrier.abort()
        finally:
            own.store.close()

    threads = [threading.Thread(target=crawl) for _ in range(CRAWLS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not failures, failures
    assert outcomes == {"versions_new": ARTICLES, "unchanged": ARTICLES * (CRAWLS - 1)}
    with open_store(store_uri) as store:
        for url in urls:
            article = store.get_article(url)
            assert article["version_count"] == 2
            assert article["flipflops"] == 0
            assert "flipflop" not in [e["kind"] for e in article["events"]]


def test_a_crawl_that_read_the_latest_before_another_stored_the_same_text(store_uri, boris):
    """Reproduces the same race deterministically: crawl A reads the latest version (1),
    crawl B then stores the edited text as version 2, and A, holding the same edited text,
    finds it in version 2. That is "unchanged", not a flip-flop back to version 2."""
    url = "https://www.theguardian.com/world/2026/nov/02/story"
    edit = fetch(boris[0], 31, title="A headline rewritten after publication", url=url)
    b = pipeline(store_uri)
    assert b.store_article(fetch(boris[0], url=url)) == "versions_new"
    a = pipeline(store_uri, after_latest=lambda: b.store_article(dict(edit)))

    assert a.store_article(dict(edit)) == "unchanged"

    article = a.store.get_article(url)
    assert (article["version_count"], article["flipflops"]) == (2, 0)
    assert [e["kind"] for e in article["events"]] == []
    a.store.close()
    b.store.close()


def pipeline(store_uri: str, after_latest: Callable[[], object] | None = None) -> VersionPipeline:
    """A VersionPipeline on its own connection to the store; ``after_latest`` runs once,
    right after the pipeline's first read of an article's latest version."""
    versions = build_from_crawler(VersionPipeline, get_crawler(GuardianSpider))
    versions.store = open_store(store_uri)
    if after_latest is not None:
        backend = type(versions.store)
        pending = [after_latest]

        class Interleaved(backend):  # type: ignore[misc, valid-type]
            def latest_version(self, url: str) -> dict | None:
                found = super().latest_version(url)
                while pending:
                    pending.pop()()
                return found

        versions.store.close()
        versions.store = Interleaved(store_uri)
    return versions
