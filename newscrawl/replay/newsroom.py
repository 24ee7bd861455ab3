"""The replayed newsroom's state: current step, rendered pages, flip-flop counters, stats."""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any

from newscrawl.replay.corpus import load_page
from newscrawl.replay.edits import render
from newscrawl.replay.model import Content
from newscrawl.replay.script import Script, ScriptError
from newscrawl.replay.truth import Schedule, ground_truth
from newscrawl.replay.world import ArticleState, world_at

# Absolute links to the real site, any era, http or https or protocol-relative.
REAL_SITE = re.compile(r"(?:https?:)?//(?:www\.)?(?:theguardian\.com|guardian\.co\.uk)(?![\w.-])")
# Rendered pages are large (hundreds of KiB): keep a few. Their validators are tiny and
# kept for every page served, so a conditional re-check is answered without a render.
PAGE_CACHE = 64
VALIDATOR_CACHE = 1_000_000


@dataclass(frozen=True)
class Page:
    """An article page as served: body bytes and its validators."""

    body: bytes
    etag: str
    last_modified: str


@dataclass(frozen=True)
class Validators:
    """What a conditional request is checked against: a served page's validators."""

    etag: str
    last_modified: str
    size: int


class Newsroom:
    """Everything the HTTP handler needs, behind one lock."""

    def __init__(self, script: Script, base_url: str) -> None:
        self.script = script
        self.base = base_url.rstrip("/")
        self.lock = threading.RLock()
        self._pages: OrderedDict[tuple[Any, ...], Page] = OrderedDict()
        self._validators: OrderedDict[tuple[Any, ...], Validators] = OrderedDict()
        self._rewritten: OrderedDict[tuple[str, Content], str] = OrderedDict()
        self._truth: dict[tuple[int, Schedule], dict[str, Any]] = {}
        self.reset()

    # -- time ------------------------------------------------------------------------
    def reset(self) -> dict[str, Any]:
        with self.lock:
            self.flip_fetches: dict[tuple[str, int], int] = {}
            self.stats: dict[str, dict[str, Any]] = {}
            self._goto(0)
            return self.state()

    def _goto(self, step: int) -> None:
        self.step = step
        self.states = world_at(self.script, step)
        self.by_path: dict[str, ArticleState] = {}
        for state in self.states.values():
            self.by_path[state.path] = state
            if state.redirect_to:
                self.by_path[state.redirect_to] = state

    def advance(self, to: int | None = None) -> dict[str, Any]:
        """Go to the next step (or step ``to``); ScriptError past the last one."""
        with self.lock:
            target = self.step + 1 if to is None else to
            if not 0 <= target < len(self.script.steps):
                raise ScriptError(
                    f"no step {target}: the script has steps 0..{len(self.script.steps) - 1}"
                )
            self._goto(target)
            return self.state()

    @property
    def now(self) -> datetime:
        return self.script.steps[self.step].time

    def state(self) -> dict[str, Any]:
        step = self.script.steps[self.step]
        return {
            "script": self.script.name,
            "step": self.step,
            "time": step.time.isoformat(),
            "note": step.note,
            "steps": len(self.script.steps),
            "done": self.step == len(self.script.steps) - 1,
            "base_url": self.base,
        }

    def truth(self, step: int | None = None, schedule: Schedule | None = None) -> dict[str, Any]:
        key = (self.step if step is None else step, schedule or Schedule())
        if key not in self._truth:
            self._truth[key] = ground_truth(self.script, key[0], self.base, key[1])
        return self._truth[key]

    # -- pages -----------------------------------------------------------------------
    def next_variant(self, state: ArticleState) -> Content:
        """The content of the next article fetch: flip-flops alternate per fetch."""
        if state.flip is None:
            return state.content
        with self.lock:
            key = (state.name, state.flip_since or 0)
            fetch = self.flip_fetches.get(key, 0)
            self.flip_fetches[key] = fetch + 1
        return state.variant(fetch)

    def peek_variant(self, state: ArticleState) -> Content:
        """The content the next fetch would get, without counting a fetch."""
        fetch = self.flip_fetches.get((state.name, state.flip_since or 0), 0)
        return state.variant(fetch)

    @staticmethod
    def _page_key(state: ArticleState, content: Content) -> tuple[Any, ...]:
        return (state.page, content, state.served_path, state.modified)

    def validators(self, state: ArticleState, content: Content) -> Validators | None:
        """The validators of the page for ``content`` if it was served before, else None."""
        with self.lock:
            return self._validators.get(self._page_key(state, content))

    def page(self, state: ArticleState, content: Content) -> Page:
        """The article page for ``content``, links pointing at this server."""
        key = self._page_key(state, content)
        with self.lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        html = self._on_this_site(state.page, content)
        real_path = load_page(self.script.corpus, state.page).path
        if state.served_path != real_path:
            # A page reused under another path says so in its canonical and og:url.
            html = html.replace(self.base + real_path, self.base + state.served_path)
        body = html.encode("utf-8")
        modified = state.modified or self.now
        page = Page(
            body,
            '"' + hashlib.sha1(body).hexdigest()[:24] + '"',
            format_datetime(modified, usegmt=True),
        )
        with self.lock:
            self._pages[key] = page
            while len(self._pages) > PAGE_CACHE:
                self._pages.popitem(last=False)
            self._validators[key] = Validators(page.etag, page.last_modified, len(body))
            while len(self._validators) > VALIDATOR_CACHE:
                self._validators.popitem(last=False)
        return page

    def _on_this_site(self, ref: str, content: Content) -> str:
        """The rendered page with real-site links pointing here; shared by every path
        that serves the same page and text (reused pages in benchmarks)."""
        key = (ref, content)
        with self.lock:
            if key in self._rewritten:
                self._rewritten.move_to_end(key)
                return self._rewritten[key]
        html = REAL_SITE.sub(self.base, render(self.script.corpus, ref, content))
        with self.lock:
            self._rewritten[key] = html
            while len(self._rewritten) > PAGE_CACHE:
                self._rewritten.popitem(last=False)
        return html

    # -- stats -----------------------------------------------------------------------
    def count(self, path: str, status: int | str, sent: int, saved: int = 0) -> None:
        """Record one response; ``saved`` is the body a 304 did not have to send."""
        with self.lock:
            entry = self.stats.setdefault(
                path, {"requests": 0, "bytes": 0, "saved": 0, "by_status": {}}
            )
            entry["requests"] += 1
            entry["bytes"] += sent
            entry["saved"] += saved
            by = entry["by_status"].setdefault(str(status), {"requests": 0, "bytes": 0})
            by["requests"] += 1
            by["bytes"] += sent

    def stats_json(self) -> dict[str, Any]:
        with self.lock:
            totals: dict[str, Any] = {"requests": 0, "bytes": 0, "saved": 0, "by_status": {}}
            for entry in self.stats.values():
                for key in ("requests", "bytes", "saved"):
                    totals[key] += entry[key]
                for status, by in entry["by_status"].items():
                    t = totals["by_status"].setdefault(status, {"requests": 0, "bytes": 0})
                    t["requests"] += by["requests"]
                    t["bytes"] += by["bytes"]
            return {
                "step": self.step,
                "totals": totals,
                "paths": {
                    path: {
                        "requests": e["requests"],
                        "bytes": e["bytes"],
                        "saved": e["saved"],
                        "by_status": {k: dict(v) for k, v in e["by_status"].items()},
                    }
                    for path, e in self.stats.items()
                },
            }
