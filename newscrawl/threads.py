"""Run blocking calls (store, extraction) off the reactor thread and await the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

T = TypeVar("T")


async def in_thread(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``func(*args, **kwargs)`` in the reactor's thread pool, awaited from a coroutine.
    Works with the asyncio reactor and with plain Twisted reactors alike."""
    return await maybe_deferred_to_future(deferToThread(func, *args, **kwargs))
