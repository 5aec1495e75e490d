"""Search and facets over a LibraryIndex: full text (SQLite FTS5) plus field filters.

Text is split into words; every word must match (prefix match, so typing "geno" finds
"genomics") in title, description or body. Facets count the values of tag, category and
source brand among the items the rest of the query selects. Saved filters are named
queries kept as JSON in the user's config folder.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from curator_app.core.document.atomic_write import write_bytes_atomic
from curator_app.core.library.index import SCHEMA_VERSION, Item, LibraryIndex, database_path

_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Query:
    text: str = ""
    tags: tuple[str, ...] = ()  # item must carry all of them
    categories: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()  # any of them
    date_from: str = ""  # ISO date, inclusive
    date_to: str = ""  # ISO date, inclusive (the whole day)
    has_problems: bool | None = None  # True: lint count > 0 or unreadable; False: clean
    draft: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Query:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("tags", "categories", "brands"):
            if key in known:
                known[key] = tuple(known[key])
        return cls(**known)


def fts_expression(text: str) -> str | None:
    """FTS5 MATCH text for what the user typed: each word quoted, prefix-matched, ANDed."""
    words = _WORD_RE.findall(text)
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words)


def _where(query: Query, skip: str = "") -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    expr = fts_expression(query.text)
    if expr:
        clauses.append("items.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        params.append(expr)
    if skip != "tags":
        for tag in query.tags:
            clauses.append("EXISTS (SELECT 1 FROM json_each(items.tags) WHERE value = ?)")
            params.append(tag)
    if skip != "categories":
        for cat in query.categories:
            clauses.append("EXISTS (SELECT 1 FROM json_each(items.categories) WHERE value = ?)")
            params.append(cat)
    if query.brands and skip != "brands":
        clauses.append(f"items.brand IN ({','.join('?' * len(query.brands))})")
        params.extend(query.brands)
    if query.date_from:
        clauses.append("items.date >= ?")
        params.append(query.date_from)
    if query.date_to:
        # Dates may carry a time ("2021-05-21T01:04:14"): anything on that day is in.
        clauses.append("items.date < ?")
        params.append(query.date_to + "\uffff")
    if query.has_problems is True:
        clauses.append("(items.error IS NOT NULL OR items.lint_count > 0)")
    elif query.has_problems is False:
        clauses.append("(items.error IS NULL AND items.lint_count = 0)")
    if query.draft is not None:
        clauses.append("items.draft = ?")
        params.append(int(query.draft))
    return clauses, params


def listed_ids(index: LibraryIndex) -> list[int]:
    """Every item's id, newest first and by path within a date (the list's default order),
    from one covering index: a folder opened again is listed from this before its rows are
    read (see gui/library/rows.py, Pages)."""
    return [row[0] for row in index.db.execute("SELECT id FROM items ORDER BY date DESC, path")]


def items_by_id(index: LibraryIndex, ids: list[int]) -> list[Item]:
    return index.items(f"id IN ({','.join('?' * len(ids))})", ids) if ids else []


class CachedListing:
    """A folder's cache as it was when opened, read-only: the ids in list order and their
    rows on demand, all from one read transaction (WAL: the worker goes on writing; these
    reads keep seeing the moment the ids were read, so every id has its row)."""

    def __init__(self, root: Path, db_path: Path) -> None:
        self.index = LibraryIndex(root, db_path, readonly=True)
        try:
            if self.index.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                raise sqlite3.DatabaseError("another schema: the worker rebuilds it")
            self.index.db.execute("BEGIN")
            self.ids = listed_ids(self.index)
        except BaseException:
            self.index.close()
            raise

    @classmethod
    def open(cls, root: Path) -> CachedListing | None:
        """The listing of `root`'s cache, or None when there is no usable one."""
        db_path = database_path(root)
        if not db_path.is_file():
            return None
        try:
            return cls(root, db_path)
        except (sqlite3.Error, OSError):
            return None

    def fetch(self, ids: list[int]) -> list[Item]:
        return items_by_id(self.index, ids)

    def read_all(self) -> list[Item]:
        return self.index.items()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.index.db.execute("COMMIT")
        self.index.close()


def haystack(item: Item) -> str:
    """The lower-case text a typed word is looked for in without the body (the body is
    FTS's: `text_ids`): title, description, brand, tags, categories and path."""
    parts = [item.title, item.description, item.brand, *item.tags, *item.categories, item.path]
    return "\n".join(parts).lower()


def search(index: LibraryIndex, query: Query) -> list[Item]:
    clauses, params = _where(query)
    return index.items(" AND ".join(clauses), params)


def text_ids(index: LibraryIndex, text: str) -> set[int] | None:
    """Ids of items whose title, description or body match `text`; None for no text."""
    expr = fts_expression(text)
    if expr is None:
        return None
    sql = "SELECT items.id FROM fts JOIN items ON items.id = fts.rowid WHERE fts MATCH ?"
    return {row[0] for row in index.db.execute(sql, (expr,))}


@dataclass
class Facets:
    tags: list[tuple[str, int]] = field(default_factory=list)
    categories: list[tuple[str, int]] = field(default_factory=list)
    brands: list[tuple[str, int]] = field(default_factory=list)
    date_min: str = ""
    date_max: str = ""
    problems: int = 0
    unknown_lint: int = 0


def facets(index: LibraryIndex, query: Query | None = None) -> Facets:
    """Value counts among the items the query selects (a facet ignores its own filter)."""
    query = query or Query()
    out = Facets()
    for name in ("tags", "categories"):
        clauses, params = _where(query, skip=name)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        sql = (f"SELECT j.value, count(*) FROM items, json_each(items.{name}) AS j{where} "
               "GROUP BY j.value ORDER BY count(*) DESC, j.value")
        setattr(out, name, [(str(v), int(n)) for v, n in index.db.execute(sql, params)])
    clauses, params = _where(query, skip="brands")
    clauses.append("items.brand != ''")
    sql = ("SELECT brand, count(*) FROM items WHERE " + " AND ".join(clauses)
           + " GROUP BY brand ORDER BY count(*) DESC, brand")
    out.brands = [(str(v), int(n)) for v, n in index.db.execute(sql, params)]
    clauses, params = _where(query)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    row = index.db.execute(
        "SELECT min(nullif(date, '')), max(nullif(date, '')), "
        "sum(error IS NOT NULL OR lint_count > 0), sum(lint_count IS NULL AND error IS NULL) "
        f"FROM items{where}", params).fetchone()
    out.date_min, out.date_max = row[0] or "", row[1] or ""
    out.problems, out.unknown_lint = int(row[2] or 0), int(row[3] or 0)
    return out


class SavedFilters:
    """Named queries in a small JSON file (default: the user's config folder)."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            from platformdirs import user_config_dir

            path = Path(user_config_dir("curator")) / "saved_filters.json"
        self.path = Path(path)

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, Any]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(self.path, json.dumps(data, indent=2, sort_keys=True).encode("utf-8"))

    def names(self) -> list[str]:
        return sorted(self._read())

    def get(self, name: str) -> Query | None:
        data = self._read().get(name)
        return Query.from_json(data) if isinstance(data, dict) else None

    def save(self, name: str, query: Query) -> None:
        data = self._read()
        data[name] = query.to_json()
        self._write(data)

    def delete(self, name: str) -> None:
        data = self._read()
        if data.pop(name, None) is not None:
            self._write(data)
