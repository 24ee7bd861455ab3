"""Outlets as data: the built-in declarations and a user's own file, checked line by line.

An outlet declaration says where a site's articles are found (news sitemaps, feeds,
fronts), which URL paths are articles, and which extractor reads them. The built-in
ones live in ``builtin.yaml`` in this package; a user adds or redeclares outlets in
``outlets.yaml`` (see ``outlets_file``). A URL of a host no declaration claims belongs
to a per-host outlet named after the host, read by the generic extractor."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from cssselect import SelectorError
from cssselect import parse as parse_css
from scrapy.utils.conf import closest_scrapy_cfg

from newscrawl.outlets import OUTLETS, Extractor, get_extractor

# libyaml's parser where PyYAML was built with it (its wheels are): a tenth of the pure
# Python one's time, which every crawl, pipeline and command pays at start-up.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

USER_FILE = "outlets.yaml"
GENERIC = "generic"
NEVER = re.compile(r"(?!)")
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# A per-host outlet's name is the host: at least one dot or a port, so it never clashes
# with a declared name (which has neither).
HOST_NAME = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?$|^[a-z0-9.-]+:\d+$")

LIST_KEYS = ("hosts", "news_sitemaps", "feeds", "fronts", "body_selectors", "drop_selectors")
PATTERN_KEYS = ("article_pattern", "live_pattern", "excluded_pattern")
TEXT_KEYS = ("title", "site", "extractor")
KEYS = (*TEXT_KEYS, *LIST_KEYS, *PATTERN_KEYS)


class OutletsError(ValueError):
    """A declaration file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Outlet:
    """One outlet: where to discover its articles, which URLs are articles, and which
    extractor reads them. Patterns are searched in the URL's path."""

    name: str
    site: str
    title: str = ""
    hosts: tuple[str, ...] = ()
    news_sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    fronts: tuple[str, ...] = ()
    article_pattern: re.Pattern[str] = NEVER
    live_pattern: re.Pattern[str] = NEVER
    excluded_pattern: re.Pattern[str] = NEVER
    extractor: str = GENERIC
    body_selectors: tuple[str, ...] = ()
    drop_selectors: tuple[str, ...] = ()
    source: str = ""
    """Where it was declared (``path:line``), or ``per-host``."""
    per_host: bool = False

    def build_extractor(self) -> Extractor:
        """A fresh extractor for this outlet's pages."""
        if self.extractor == GENERIC:
            from newscrawl.outlets.generic import GenericExtractor

            return GenericExtractor(GENERIC, self.body_selectors, self.drop_selectors)
        return get_extractor(self.extractor)

    def claims(self, url: str) -> bool:
        """True when ``url``'s host (with or without its port) is one of ``hosts``."""
        parts = urlsplit(url)
        netloc, host = parts.netloc.lower(), (parts.hostname or "").lower()
        return netloc in self.hosts or host in self.hosts

    def discovers_from(self) -> str:
        """What discovery reads, for a person: ``1 news sitemap, 9 feeds, 4 fronts``."""
        parts = [
            f"{len(paths)} {noun}{'s' if len(paths) != 1 else ''}"
            for paths, noun in (
                (self.news_sitemaps, "news sitemap"),
                (self.feeds, "feed"),
                (self.fronts, "front"),
            )
            if paths
        ]
        return ", ".join(parts) or "nothing (watched articles only)"


def per_host(host: str) -> Outlet:
    """The outlet of an undeclared host: re-checks of its watched articles, read by
    the generic extractor, no discovery."""
    host = host.lower()
    return Outlet(
        name=host,
        site=f"https://{host}",
        title=host,
        hosts=(host,),
        source="per-host",
        per_host=True,
    )


def is_host_name(name: str) -> bool:
    """True for names of per-host outlets (``example.org``, ``127.0.0.1:8080``)."""
    return bool(HOST_NAME.match(name))


class Outlets(Mapping[str, Outlet]):
    """The declared outlets by name, and the per-host outlets of every other host."""

    def __init__(self, declared: Mapping[str, Outlet], source: str | None = None) -> None:
        self.declared = dict(declared)
        self.source = source
        """The user's file that was read, or None."""
        self._extractors: dict[str, Extractor] = {}

    def __getitem__(self, name: str) -> Outlet:
        return self.declared[name]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.declared))

    def __len__(self) -> int:
        return len(self.declared)

    def resolve(self, name: str) -> Outlet:
        """The declared outlet ``name``, or the per-host outlet when ``name`` is a host.
        ``KeyError`` names the declared ones."""
        if name in self.declared:
            return self.declared[name]
        if is_host_name(name):
            return per_host(name)
        known = ", ".join(self)
        raise KeyError(f"no outlet {name!r} (declared: {known}; or a host name)")

    def for_url(self, url: str) -> Outlet:
        """The declared outlet whose hosts include ``url``'s host, else its per-host one."""
        for name in self:
            if self.declared[name].claims(url):
                return self.declared[name]
        netloc = urlsplit(url).netloc.lower()
        if not netloc:
            raise ValueError(f"not an absolute http(s) URL: {url!r}")
        return per_host(netloc)

    def extractor(self, name: str) -> Extractor:
        """The extractor of outlet ``name`` (declared, per-host, or an extractor module's
        own name), built once."""
        if name not in self._extractors:
            try:
                outlet = self.resolve(name)
            except KeyError:
                self._extractors[name] = get_extractor(name)
            else:
                self._extractors[name] = outlet.build_extractor()
        return self._extractors[name]


# -- reading files ---------------------------------------------------------------------


def outlets_file(settings: Mapping[str, Any] | Any = None) -> Path | None:
    """The user's declarations: the ``NEWSCRAWL_OUTLETS`` setting or environment variable
    (the file must exist), else ``outlets.yaml`` next to the project's ``scrapy.cfg``,
    else ``outlets.yaml`` in the current directory; None when there is none."""
    explicit = (settings.get("NEWSCRAWL_OUTLETS") if settings is not None else None) or (
        os.environ.get("NEWSCRAWL_OUTLETS")
    )
    if explicit:
        path = Path(str(explicit)).expanduser()
        if not path.is_file():
            raise OutletsError(f"NEWSCRAWL_OUTLETS names {path}, which is not a file")
        return path
    cfg = closest_scrapy_cfg()
    candidates = [Path(cfg).parent / USER_FILE] if cfg else []
    candidates.append(Path.cwd() / USER_FILE)
    return next((path for path in candidates if path.is_file()), None)


def builtin_outlets() -> dict[str, Outlet]:
    """The outlets declared in the package."""
    text = resources.files("newscrawl.outlets").joinpath("builtin.yaml").read_text("utf-8")
    return parse_outlets(text, "newscrawl/outlets/builtin.yaml")


def load_outlets(settings: Mapping[str, Any] | Any = None) -> Outlets:
    """The built-in outlets, then the user's file (see ``outlets_file``); a user's
    outlet replaces a built-in one of the same name. Raises ``OutletsError``."""
    declared = builtin_outlets()
    path = outlets_file(settings)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise OutletsError(f"{path}: cannot read outlet declarations: {exc}") from exc
        declared.update(parse_outlets(text, str(path)))
    return Outlets(declared, str(path) if path else None)


def parse_outlets(text: str, source: str) -> dict[str, Outlet]:
    """The outlets declared in one YAML document: a mapping of name -> declaration."""
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise OutletsError(f"{where}: not valid YAML: {problem}") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise OutletsError(f"{_at(source, root)}: expected a mapping of outlet name -> keys")
    outlets: dict[str, Outlet] = {}
    for key_node, value_node in root.value:
        name = _scalar(key_node, source, "outlet name")
        if not NAME.match(name):
            raise OutletsError(
                f"{_at(source, key_node)}: bad outlet name {name!r}: use lower-case letters, "
                "digits, '-' and '_'"
            )
        if name == GENERIC:
            raise OutletsError(f"{_at(source, key_node)}: {GENERIC!r} names the generic extractor")
        if name in outlets:
            raise OutletsError(f"{_at(source, key_node)}: outlet {name!r} declared twice")
        outlets[name] = _outlet(name, key_node, value_node, source)
    return outlets


def _at(source: str, node: yaml.Node) -> str:
    return f"{source}:{node.start_mark.line + 1}"


def _scalar(node: yaml.Node, source: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        raise OutletsError(f"{_at(source, node)}: {what} must be a single value")
    return str(node.value)


def _strings(node: yaml.Node, source: str, key: str) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    return tuple(_scalar(item, source, f"each entry of {key}") for item in items)


@dataclass
class _Entry:
    name: str
    source: str
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, str] = field(default_factory=dict)

    def fail(self, key: str | None, message: str) -> OutletsError:
        where = self.lines.get(key or "", self.source)
        return OutletsError(f"{where}: outlet {self.name!r}: {message}")


def _outlet(name: str, key_node: yaml.Node, node: yaml.Node, source: str) -> Outlet:
    entry = _Entry(name, _at(source, key_node))
    if not isinstance(node, yaml.MappingNode):
        raise entry.fail(None, "expected a mapping of keys (site, feeds, ...)")
    for k_node, v_node in node.value:
        key = _scalar(k_node, source, "a key")
        entry.lines[key] = _at(source, k_node)
        if key not in KEYS:
            raise entry.fail(key, f"unknown key {key!r} (known: {', '.join(KEYS)})")
        if key in entry.values:
            raise entry.fail(key, f"key {key!r} given twice")
        if key in LIST_KEYS:
            entry.values[key] = _strings(v_node, source, key)
        else:
            entry.values[key] = _scalar(v_node, source, key)
    return _checked(entry)


def _checked(entry: _Entry) -> Outlet:
    values = entry.values
    site = values.get("site")
    if not site:
        raise entry.fail(None, "missing site (the outlet's root URL, e.g. https://example.org)")
    parts = urlsplit(site)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise entry.fail("site", f"site must be an http(s) URL, got {site!r}")
    for key in ("news_sitemaps", "feeds", "fronts"):
        for path in values.get(key, ()):
            if not path.startswith("/"):
                raise entry.fail(key, f"{key} entries are paths under site (/...), got {path!r}")
    patterns = {}
    for key in PATTERN_KEYS:
        if key in values:
            try:
                patterns[key] = re.compile(values[key])
            except re.error as exc:
                raise entry.fail(key, f"bad regular expression in {key}: {exc}") from None
    extractor = values.get("extractor", GENERIC)
    if extractor not in OUTLETS:
        known = ", ".join(sorted(OUTLETS))
        raise entry.fail("extractor", f"unknown extractor {extractor!r} (known: {known})")
    for key in ("body_selectors", "drop_selectors"):
        if values.get(key) and extractor != GENERIC:
            raise entry.fail(key, f"{key} apply to extractor: {GENERIC} only")
        for selector in values.get(key, ()):
            try:
                parse_css(selector)
            except SelectorError as exc:
                raise entry.fail(key, f"bad CSS selector {selector!r} in {key}: {exc}") from None
    hosts = tuple(
        dict.fromkeys([parts.netloc.lower(), *(h.lower() for h in values.get("hosts", ()))])
    )
    return Outlet(
        name=entry.name,
        site=site.rstrip("/"),
        title=values.get("title") or entry.name,
        hosts=hosts,
        news_sitemaps=values.get("news_sitemaps", ()),
        feeds=values.get("feeds", ()),
        fronts=values.get("fronts", ()),
        extractor=extractor,
        body_selectors=values.get("body_selectors", ()),
        drop_selectors=values.get("drop_selectors", ()),
        source=entry.source,
        **patterns,
    )
