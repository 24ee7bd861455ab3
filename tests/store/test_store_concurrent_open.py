"""Several connections opening one new SQLite file at once (a crawl's spider and
pipelines, a viewer) all succeed."""

from __future__ import annotations

import threading
from pathlib import Path

from newscrawl.store import open_store


def test_concurrent_opens_of_a_new_sqlite_file_all_succeed(tmp_path: Path) -> None:
    failures: list[Exception] = []
    for attempt in range(15):
        uri = f"sqlite:///{tmp_path}/store-{attempt}.db"

        def open_and_close(uri: str = uri) -> None:
            try:
                open_store(uri).close()
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                failures.append(exc)

        threads = [threading.Thread(target=open_and_close) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
