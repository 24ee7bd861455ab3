"""Replay scripts: which real pages take part, and what happens to them at each step."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from newscrawl.replay.corpus import CorpusError, load_page

SCRIPTS_DIR = Path(__file__).parent / "scripts"

# action -> {parameter: default}; None marks a required parameter.
CONTENT_ACTIONS: dict[str, dict[str, Any]] = {
    "publish": {},
    "headline": {"text": None},
    "add": {"at": None, "text": None},
    "remove": {"at": None},
    "edit": {"at": None, "text": "", "old": "", "new": ""},
    "move": {"from": None, "to": None},
    "split": {"at": None, "after": None},
    "merge": {"at": None},
    "correction": {"text": None},
    "template": {"page": None},
    "flipflop": {"text": None},
    "delete": {"status": 410},
    "redirect": {"to": None},
}
FAULT_ACTIONS: dict[str, dict[str, Any]] = {
    "fault": {"status": 503},
    "slow": {"seconds": 2.0},
    "timeout": {"seconds": 35.0},
    "truncate": {},
    "charset": {"declared": "iso-8859-1"},
    "not_article": {},
}
ACTIONS = {**CONTENT_ACTIONS, **FAULT_ACTIONS}


LASTMOD_KINDS = ("honest", "render", "never")


class ScriptError(ValueError):
    """The script is malformed or does not fit its pages; the message says where."""


@dataclass(frozen=True)
class ArticleSpec:
    """One article of the script: a real page served at a path."""

    name: str
    page: str
    """Corpus-relative path of the page it starts as."""
    path: str
    """Where it is served and listed (default: the path of the page's real URL)."""
    section: str
    """Feed section (default: the first segment of ``path``)."""


@dataclass(frozen=True)
class Event:
    """One scripted happening: ``action`` on ``article`` with its parameters."""

    action: str
    article: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    @property
    def is_fault(self) -> bool:
        return self.action in FAULT_ACTIONS


@dataclass(frozen=True)
class Step:
    """A moment of simulated time and what happens at it."""

    index: int
    time: datetime
    events: tuple[Event, ...]
    note: str = ""


@dataclass(frozen=True)
class Script:
    name: str
    description: str
    articles: dict[str, ArticleSpec]
    steps: tuple[Step, ...]
    corpus: Path
    lastmod: str = "honest"
    """What the sitemap's ``<lastmod>`` says: ``honest`` (the last change), ``render``
    (the time of every fetch, as some outlets do) or ``never`` (no lastmod)."""


def parse_time(value: object, where: str) -> datetime:
    """An aware UTC datetime from ISO 8601 text (or a YAML timestamp)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ScriptError(f"{where}: {value!r} is not an ISO 8601 time") from None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ScriptError(f"{where}: time must be ISO 8601 with a timezone, got {value!r}")
    return value.astimezone(UTC)


def _article(name: str, spec: object, corpus: Path) -> ArticleSpec:
    if isinstance(spec, str):
        spec = {"page": spec}
    if not isinstance(spec, dict) or not isinstance(spec.get("page"), str):
        raise ScriptError(f"article {name!r}: needs page: <corpus-relative HTML path>")
    unknown = set(spec) - {"page", "path", "section"}
    if unknown:
        raise ScriptError(f"article {name!r}: unknown keys {sorted(unknown)}")
    try:
        page = load_page(corpus, spec["page"])
    except CorpusError as exc:
        raise ScriptError(f"article {name!r}: {exc}") from None
    path = spec.get("path") or page.path
    if not isinstance(path, str) or not path.startswith("/"):
        raise ScriptError(f"article {name!r}: path must start with /")
    section = spec.get("section") or path.strip("/").split("/")[0]
    return ArticleSpec(name, spec["page"], path, section)


def _event(raw: object, articles: dict[str, ArticleSpec], where: str) -> Event:
    if not isinstance(raw, dict):
        raise ScriptError(f"{where}: an event is a mapping like {{headline: NAME, text: ...}}")
    actions = [key for key in raw if key in ACTIONS]
    if len(actions) != 1:
        raise ScriptError(f"{where}: exactly one action of {sorted(ACTIONS)} per event")
    action = actions[0]
    name = raw[action]
    if name not in articles:
        raise ScriptError(f"{where}: {action} names unknown article {name!r}")
    defaults = ACTIONS[action]
    params = {key: value for key, value in raw.items() if key != action}
    unknown = set(params) - set(defaults)
    if unknown:
        raise ScriptError(f"{where}: {action} takes no {sorted(unknown)}")
    missing = [key for key, value in defaults.items() if value is None and key not in params]
    if missing:
        raise ScriptError(f"{where}: {action} needs {missing}")
    return Event(action, name, {**defaults, **params})


def from_dict(data: dict[str, Any], corpus: Path, name: str = "script") -> Script:
    """Build and validate a script from its parsed form (what the YAML file holds)."""
    from newscrawl.replay.world import check_script  # world imports this module

    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise ScriptError(f"{name}: a script is a mapping with articles: and steps:")
    raw_articles = data.get("articles") or {}
    articles = {str(key): _article(str(key), spec, corpus) for key, spec in raw_articles.items()}
    paths = [a.path for a in articles.values()]
    if len(set(paths)) != len(paths):
        raise ScriptError(f"{name}: two articles share a path")
    steps: list[Step] = []
    for index, raw in enumerate(data["steps"]):
        where = f"{name} step {index}"
        if not isinstance(raw, dict):
            raise ScriptError(f"{where}: a step is a mapping with time: and do:")
        time = parse_time(raw.get("time"), where)
        if steps and time <= steps[-1].time:
            raise ScriptError(f"{where}: times must increase")
        events = tuple(_event(e, articles, where) for e in raw.get("do") or [])
        steps.append(Step(index, time, events, str(raw.get("note") or "")))
    if not steps:
        raise ScriptError(f"{name}: no steps")
    lastmod = str(data.get("lastmod") or "honest")
    if lastmod not in LASTMOD_KINDS:
        raise ScriptError(f"{name}: lastmod must be one of {list(LASTMOD_KINDS)}, not {lastmod!r}")
    script = Script(
        str(data.get("name") or name),
        str(data.get("description") or ""),
        articles,
        tuple(steps),
        corpus,
        lastmod,
    )
    check_script(script)
    return script


def bundled_scripts() -> list[str]:
    """Names of the scripts shipped with newscrawl."""
    return sorted(p.stem for p in SCRIPTS_DIR.glob("*.yaml"))


def load_script(name_or_path: str, corpus: Path) -> Script:
    """A bundled script by name (``demo``) or a YAML file by path."""
    path = Path(name_or_path)
    if not path.is_file():
        path = SCRIPTS_DIR / f"{name_or_path}.yaml"
    if not path.is_file():
        raise ScriptError(f"no script {name_or_path!r}: not a file, nor one of {bundled_scripts()}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ScriptError(f"{path.name}: {exc}") from None
    return from_dict(data, corpus, path.stem)
