"""How the SQLite store lists article events across articles, newest first.

From the ``events`` table (schema 2), each kind asked for is read from its own index
range, at most ``skip + limit`` rows, so a page costs its size whatever the store holds.
A store older than that table, opened read-only (so not migrated), is read the old way:
every article's event list is scanned."""

from __future__ import annotations

from typing import Any

ORDER = "ORDER BY time DESC, url DESC, seq DESC"


def _where(clauses: list[str]) -> str:
    return f" WHERE {' AND '.join(clauses)}" if clauses else ""


def from_table(
    kinds: list[str] | None, outlet: str | None, skip: int, limit: int
) -> tuple[str, list[Any]]:
    """The query of one page of events from the ``events`` table; rows are (url,
    outlet, title, event JSON). ``kinds`` must not be empty."""
    clauses, params = ([], []) if outlet is None else (["outlet = ?"], [outlet])
    window = skip + limit
    select = "SELECT url, outlet, seq, time, data FROM events"
    parts: list[str] = []
    values: list[Any] = []
    for kind in [None] if kinds is None else list(dict.fromkeys(kinds)):
        where = clauses if kind is None else [*clauses, "kind = ?"]
        parts.append(f"SELECT * FROM ({select}{_where(where)} {ORDER} LIMIT ?)")
        values += [*params, *([] if kind is None else [kind]), window]
    sql = (
        f"SELECT e.url, e.outlet, a.title, e.data FROM ({' UNION ALL '.join(parts)}) e "
        f"LEFT JOIN articles a ON a.url = e.url "
        f"ORDER BY e.time DESC, e.url DESC, e.seq DESC LIMIT ? OFFSET ?"
    )
    return sql, [*values, limit, skip]


def from_articles(
    kinds: list[str] | None, outlet: str | None, skip: int, limit: int
) -> tuple[str, list[Any]]:
    """The same page read from the articles' own event lists (a store before schema 2)."""
    clauses, params = ["a.events != '[]'"], []
    if outlet is not None:
        clauses.append("a.outlet = ?")
        params.append(outlet)
    if kinds is not None:
        clauses.append(f"json_extract(e.value, '$.kind') IN ({', '.join('?' * len(kinds))})")
        params += kinds
    # Event times are stored as {"$date": fixed-width ISO text}: text order is time order.
    sql = (
        "SELECT a.url, a.outlet, a.title, e.value FROM articles a, json_each(a.events) e"
        f"{_where(clauses)} "
        "ORDER BY json_extract(e.value, '$.time.\"$date\"') DESC, a.url DESC, e.key DESC "
        "LIMIT ? OFFSET ?"
    )
    return sql, [*params, limit, skip]
