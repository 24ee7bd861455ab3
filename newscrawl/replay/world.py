"""The newsroom at one step: every article's state after the script's events so far."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawl.replay.corpus import load_page
from newscrawl.replay.model import Content, EditError
from newscrawl.replay.script import Event, Script, ScriptError, Step


@dataclass(frozen=True)
class ArticleState:
    """One article at one step."""

    name: str
    path: str
    section: str
    page: str
    """Corpus ref of the page currently rendered (changes with ``template``)."""
    content: Content
    status: str = "unpublished"
    """``unpublished``, ``active``, ``redirected`` or ``gone``."""
    published: datetime | None = None
    modified: datetime | None = None
    """Simulated time of the last change to what is served (``Last-Modified``)."""
    gone_status: int = 410
    redirect_to: str | None = None
    flip: str | None = None
    """The other headline of an A/B flip-flop, while one runs."""
    flip_since: int | None = None
    """Step the running flip-flop started at (fetches alternate from there)."""
    fault: Event | None = None
    """A fault active at this step only."""

    @property
    def listed(self) -> bool:
        """Whether feeds, the sitemap and fronts show it."""
        return self.status in ("active", "redirected")

    @property
    def served_path(self) -> str:
        return self.redirect_to or self.path

    def variant(self, fetch: int) -> Content:
        """Content served at the ``fetch``-th article fetch since the flip-flop began."""
        if self.flip is None or fetch % 2:
            return self.content
        return replace(self.content, headline=self.flip)


def _apply(state: ArticleState, event: Event, step: Step, corpus: Path) -> ArticleState:
    p: dict[str, Any] = event.params
    action, time = event.action, step.time
    if action == "publish":
        if state.status != "unpublished":
            raise EditError("already published")
        return replace(state, status="active", published=time, modified=time)
    if state.status in ("unpublished", "gone"):
        raise EditError(f"the article is {state.status}")
    if event.is_fault:
        return replace(state, fault=event)
    content = state.content
    changes: dict[str, Any] = {"modified": time}
    if action == "headline":
        content = content.with_headline(p["text"])
        changes.update(flip=None, flip_since=None)
    elif action == "add":
        content = content.add(p["at"], p["text"])
    elif action == "remove":
        content = content.remove(p["at"])
    elif action == "edit":
        content = content.edit(p["at"], p["text"] or None, p["old"], p["new"])
    elif action == "move":
        content = content.move(p["from"], p["to"])
    elif action == "split":
        content = content.split(p["at"], p["after"])
    elif action == "merge":
        content = content.merge(p["at"])
    elif action == "correction":
        content = content.correct(p["text"])
    elif action == "template":
        old, new = load_page(corpus, state.page), load_page(corpus, p["page"])
        if (old.headline, old.paragraphs) != (new.headline, new.paragraphs):
            raise EditError(f"{p['page']} does not have the same text as {state.page}")
        changes["page"] = p["page"]
    elif action == "flipflop":
        text = " ".join(str(p["text"]).split())
        if not text or text == content.headline:
            raise EditError("a flip-flop needs a headline other than the current one")
        changes.update(flip=text, flip_since=step.index)
    elif action == "delete":
        if p["status"] not in (404, 410):
            raise EditError("delete status must be 404 or 410")
        changes.update(status="gone", gone_status=p["status"])
    elif action == "redirect":
        if not str(p["to"]).startswith("/") or p["to"] == state.path:
            raise EditError("redirect to: must be another path starting with /")
        changes.update(status="redirected", redirect_to=p["to"])
    return replace(state, content=content, **changes)


def initial_states(script: Script) -> dict[str, ArticleState]:
    states = {}
    for name, spec in script.articles.items():
        page = load_page(script.corpus, spec.page)
        states[name] = ArticleState(name, spec.path, spec.section, spec.page, Content.of(page))
    return states


def iter_worlds(script: Script) -> Iterator[tuple[Step, dict[str, ArticleState]]]:
    """Each step with every article's state at it (faults only from that step itself)."""
    states = initial_states(script)
    for step in script.steps:
        states = {name: replace(s, fault=None) for name, s in states.items()}
        for event in step.events:
            try:
                states[event.article] = _apply(states[event.article], event, step, script.corpus)
            except EditError as exc:
                raise ScriptError(
                    f"{script.name} step {step.index}: {event.action} {event.article}: {exc}"
                ) from None
        yield step, states


def world_at(script: Script, step: int) -> dict[str, ArticleState]:
    """Every article's state at ``step``."""
    if not 0 <= step < len(script.steps):
        raise ScriptError(f"step {step} out of range (0..{len(script.steps) - 1})")
    for current, states in iter_worlds(script):
        if current.index == step:
            return states
    raise AssertionError("unreachable")


def check_script(script: Script) -> None:
    """Raise ScriptError if any event does not fit the article at its step."""
    for _ in iter_worlds(script):
        pass
