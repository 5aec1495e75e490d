"""The library index: a SQLite cache of every item's list fields, one database per folder.

Rows are keyed by relative path and trusted while the file's (size, mtime_ns) are unchanged,
so a warm open costs one stat per file. SQLite in WAL mode with transactions means a
process killed mid-refresh leaves the previous or the next consistent state, never a torn
one; a database that is unreadable or of another schema version is deleted and rebuilt.

Lint counts cost a full lossless load + lint, about ten times the list fields, so the GUI's
`refresh` leaves `lint_count` NULL until `compute_lint` has seen that file version (the
list shows first). `refresh(lint=True)`, for `curator index`, reads, parses and lints each
new or changed file in one pass instead (lintpass.read_and_lint).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from curator_app.core.library.lintpass import LintResult, read_and_lint
from curator_app.core.library.scan import FileStat, ItemRecord, chunked, find_items, read_items

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

SCHEMA_VERSION = 5
# Parsing in worker processes pays off once there is enough to parse (pool start ~0.1 s).
PARALLEL_MIN_FILES = 400
CHUNK = 200

Progress = Callable[[int, int], None]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS items(
    id INTEGER PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    slug TEXT NOT NULL DEFAULT '',
    draft INTEGER NOT NULL DEFAULT 0,
    brand TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    thumbnail TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    categories TEXT NOT NULL DEFAULT '[]',
    item_id TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    error TEXT,
    lint_count INTEGER
);
CREATE INDEX IF NOT EXISTS items_date ON items(date);
-- The window's first listing reads the ids newest first from this index alone (search.listed_ids).
CREATE INDEX IF NOT EXISTS items_listed ON items(date DESC, path);
-- Rows still waiting for a lint count: every `curator index` asks, and almost always finds
-- none, and without this it read all 10,000 rows to learn that.
CREATE INDEX IF NOT EXISTS items_unlinted ON items(path) WHERE lint_count IS NULL AND error IS NULL;
-- Contentless (content=''), no positions (detail=none: queries are word-prefix ANDs): the
-- cold build is ~2.5x faster than a content-storing FTS table. SQLite 3.40 cannot delete
-- from a contentless table without the old text, so the rows of replaced items stay
-- behind under ids never reused (meta next_id) and are filtered by joining with items;
-- when they outnumber the live rows the table is rebuilt (see _maybe_rebuild_fts).
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, description, body, content='', tokenize='unicode61', detail=none);
"""

_COLUMNS = (
    "path, size, mtime_ns, title, date, slug, draft, brand, status, description, thumbnail, "
    "tags, categories, item_id, format, error, lint_count"
)


class Item(NamedTuple):
    """One row of the library as the GUI and `curator index` see it.

    A named tuple, not a dataclass: a warm open builds one per file, and a tuple is built
    about five times faster than a frozen dataclass (no per-field __setattr__)."""

    id: int
    path: str
    title: str
    date: str
    slug: str
    draft: bool
    brand: str
    status: str
    description: str
    thumbnail: str
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    item_id: str
    format: str
    error: str | None
    lint_count: int | None

    @property
    def problems(self) -> int | None:
        return problems_of(self.error, self.lint_count)


def problems_of(error: str | None, lint_count: int | None) -> int | None:
    """Lint findings, counting an unreadable file as one problem; None while unknown."""
    if error:
        return max(1, lint_count or 0)
    return lint_count


@dataclass
class RefreshResult:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    parsed: int = 0  # files read and parsed in this refresh (0 on a warm open)

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.renamed)


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("curator")) / "library"


def _sha1_hex(data: bytes) -> str:
    try:
        # CPython's own SHA-1, as the random module takes its SHA-512: hashlib loads
        # OpenSSL first, 3-6 ms of every `curator index`. Same digest, same cache name.
        from _sha1 import sha1
    except ImportError:  # a Python built without it
        from hashlib import sha1
    return str(sha1(data).hexdigest())


def database_path(root: Path, base: Path | None = None) -> Path:
    key = _sha1_hex(str(root.resolve()).encode("utf-8"))[:20]
    return (base or cache_dir()) / f"{key}.sqlite3"


class LibraryIndex:
    """The cached index of one content folder. One instance per thread (SQLite rule)."""

    def __init__(self, root: str | Path, db_path: str | Path | None = None, *,
                 readonly: bool = False, verify: bool = True) -> None:
        """readonly: a reader beside a writer in another thread (never takes a write lock).
        verify=False skips the integrity check of an existing cache (it reads the whole
        file: 10-20 ms at 10,000 items); a caller that passes it must treat an
        sqlite3.DatabaseError from any later use as a damaged cache (see rebuild)."""
        self.root = Path(root).resolve()
        self.db_path = Path(db_path) if db_path else database_path(self.root)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        if readonly:
            uri = self.db_path.resolve().as_uri() + "?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, timeout=1, isolation_level=None,
                                      check_same_thread=False)
        else:
            self.db = self._open(verify)

    # --- database lifecycle ---------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable enough, never corrupt
        return db

    def _open(self, verify: bool = True) -> sqlite3.Connection:
        db: sqlite3.Connection | None = None
        try:
            db = self._connect()
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"schema {version}")
            if verify and db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("damaged")
            self._create(db)  # unverified, damage may show here first
        except sqlite3.DatabaseError:
            if db is not None:
                db.close()
            self._delete_files()  # a cache: rebuilding it is always allowed
            db = self._connect()
            self._create(db)
        return db

    def _create(self, db: sqlite3.Connection) -> None:
        with _transaction(db):
            for stmt in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
                db.execute(stmt)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.execute("INSERT OR REPLACE INTO meta VALUES('root', ?)", (str(self.root),))

    def _delete_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(str(self.db_path) + suffix)

    def close(self) -> None:
        self.db.close()

    def rebuild(self) -> None:
        """Start the cache afresh: after a damaged database showed itself in use."""
        self.db.close()
        self._delete_files()
        self.db = self._open()

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- refreshing -----------------------------------------------------------------------

    def refresh(self, progress: Progress | None = None, workers: int | None = None, *,
                lint: bool = False, on_batch: Callable[[list[Item]], None] | None = None) -> RefreshResult:
        """Bring the index in line with the folder: stat everything, parse what changed;
        lint=True also lints what it parses, from the same parse. on_batch gets the rows of
        each stored batch of parsed files (the window lists them as they come)."""
        result = RefreshResult()
        self._maybe_rebuild_fts()
        on_disk = {s.rel: s for s in find_items(self.root)}
        known = {row[0]: (row[1], row[2], row[3]) for row in
                 self.db.execute("SELECT path, size, mtime_ns, id FROM items")}
        to_parse: list[FileStat] = []
        for rel, st in on_disk.items():
            old = known.get(rel)
            if old is None:
                to_parse.append(st)
                result.added.append(rel)
            elif old[0] != st.size or old[1] != st.mtime_ns:
                to_parse.append(st)
                result.changed.append(rel)
            else:
                result.unchanged += 1
        gone = [rel for rel in known if rel not in on_disk]
        # A rename (git mv, a file manager) keeps size and mtime: move the row, no re-parse.
        by_stamp = {(known[rel][0], known[rel][1]): rel for rel in gone}
        renames: list[tuple[str, str]] = []
        for st in list(to_parse):
            old_rel = by_stamp.pop((st.size, st.mtime_ns), None)
            if old_rel is not None and st.rel in result.added:
                renames.append((old_rel, st.rel))
                to_parse.remove(st)
                result.added.remove(st.rel)
        renamed_from = {a for a, _ in renames}
        result.removed = [rel for rel in gone if rel not in renamed_from]
        result.renamed = renames
        if renames or result.removed:
            with _transaction(self.db):
                for old_rel, new_rel in renames:
                    self.db.execute("UPDATE items SET path=? WHERE path=?", (new_rel, old_rel))
                for rel in result.removed:
                    self._delete_row(known[rel][2])
        old_ids = {rel: known[rel][2] for rel in result.changed}
        total = len(to_parse)
        if progress:
            progress(0, total)
        done = 0
        for batch in self._parse(to_parse, workers, read_and_lint if lint else read_items):
            with _transaction(self.db):
                rows = self._store_batch(batch, old_ids)
            if on_batch:
                on_batch(rows)
            done += len(batch)
            result.parsed += len(batch)
            if progress:
                progress(done, total)
        return result

    def _parse(self, stats: list[FileStat], workers: int | None,
               reader: Callable[[str, list[FileStat]], list[ItemRecord]]) -> Iterator[list[ItemRecord]]:
        root = str(self.root)
        n = workers if workers is not None else min(os.cpu_count() or 1, 4)
        if n <= 1 or len(stats) < PARALLEL_MIN_FILES:
            for part in chunked(stats, CHUNK):
                yield reader(root, part)
            return
        from concurrent.futures.process import BrokenProcessPool

        parts = list(chunked(stats, CHUNK))
        done = 0
        try:
            with _pool(n) as pool:
                futures = [pool.submit(reader, root, part) for part in parts]
                for fut in futures:
                    batch = fut.result()
                    done += 1
                    yield batch
        except (BrokenProcessPool, OSError, RuntimeError):
            # No usable worker processes (frozen app without freeze_support, a sandbox
            # forbidding fork...): finish in this process rather than fail.
            for part in parts[done:]:
                yield reader(root, part)

    def _delete_row(self, row_id: int) -> None:
        self.db.execute("DELETE FROM items WHERE id=?", (row_id,))
        self._bump_meta("stale_fts", 1)

    def _meta_int(self, key: str) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return int(row[0]) if row else 0

    def _bump_meta(self, key: str, by: int) -> int:
        value = self._meta_int(key) + by
        self.db.execute("INSERT OR REPLACE INTO meta VALUES(?, ?)", (key, str(value)))
        return value

    def _maybe_rebuild_fts(self) -> None:
        """Drop the full-text rows of replaced items once they outnumber the live ones:
        the rows are emptied so this refresh re-reads every file (rare: a folder whose
        files were all rewritten at least once since the last rebuild)."""
        stale = self._meta_int("stale_fts")
        if stale <= max(1000, self.count()):
            return
        with _transaction(self.db):
            self.db.execute("DELETE FROM items")
            self.db.execute("DROP TABLE fts")
            self.db.execute(_SCHEMA[_SCHEMA.index("CREATE VIRTUAL"):].strip().rstrip(";"))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES('stale_fts', '0')")

    def _store_batch(self, recs: list[ItemRecord], old_ids: dict[str, int]) -> list[Item]:
        """Replace the rows of changed files and add new ones, ids assigned here so both
        tables take one executemany each (per-row SELECT/INSERT was 4x slower); returns
        the stored rows as items() would read them back."""
        for rec in recs:
            old = old_ids.get(rec.rel)
            if old is not None:
                self._delete_row(old)
        # Ids are never reused: the contentless FTS may still hold rows under old ids.
        next_id = self._bump_meta("next_id", len(recs)) - len(recs) + 1
        rows = []
        texts = []
        items = []
        for offset, rec in enumerate(recs):
            row_id = next_id + offset
            rows.append((
                row_id, rec.rel, rec.size, rec.mtime_ns, rec.title, rec.date, rec.slug,
                int(rec.draft), rec.brand, rec.status, rec.description, rec.thumbnail,
                json.dumps(list(rec.tags), ensure_ascii=False),
                json.dumps(list(rec.categories), ensure_ascii=False),
                rec.item_id, rec.format, rec.error, rec.lint_count,
            ))
            texts.append((row_id, rec.title, rec.description, rec.body_text))
            items.append(Item(row_id, rec.rel, rec.title, rec.date, rec.slug, bool(rec.draft), rec.brand,
                              rec.status, rec.description, rec.thumbnail, tuple(rec.tags),
                              tuple(rec.categories), rec.item_id, rec.format, rec.error, rec.lint_count))
        self.db.executemany(f"INSERT INTO items(id, {_COLUMNS}) VALUES({','.join('?' * 18)})", rows)
        self.db.executemany("INSERT INTO fts(rowid, title, description, body) VALUES(?,?,?,?)", texts)
        return items

    # --- reading --------------------------------------------------------------------------

    def items(self, where: str = "", params: Iterable[Any] = ()) -> list[Item]:
        sql = (
            "SELECT id, path, title, date, slug, draft, brand, status, description, thumbnail, "
            "tags, categories, item_id, format, error, lint_count FROM items "
            + (f"WHERE {where} " if where else "")
            + "ORDER BY path"
        )
        # Tag/category lists repeat across items: decode each distinct JSON text once.
        lists: dict[str, tuple[str, ...]] = {}

        def decoded(text: str) -> tuple[str, ...]:
            value = lists.get(text)
            if value is None:
                value = lists[text] = tuple(json.loads(text))
            return value

        return [
            Item(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8], r[9],
                 decoded(r[10]), decoded(r[11]), r[12], r[13], r[14], r[15])
            for r in self.db.execute(sql, tuple(params))
        ]

    def listing(self) -> list[tuple[str, str | None]]:
        """Every item as `curator index` prints it, by path: (its line, its error or None).

        SQLite builds the lines ("path, date, lint count or ?, title [draft]", tab-separated;
        an unreadable file counts at least one problem, as problems_of): on a warm run of
        10,000 items, building a Python row per item and formatting it was a fifth of the
        run. NOT INDEXED: reading the table in storage order and sorting is about twice as
        fast as walking the path index, which looks each row up in the table by its id."""
        sql = ("SELECT path || char(9) || substr(date, 1, 10) || char(9) || "
               "CASE WHEN error IS NOT NULL AND error <> '' THEN max(1, coalesce(lint_count, 0)) "
               "ELSE coalesce(lint_count, '?') END || char(9) || title || "
               "CASE WHEN draft THEN ' [draft]' ELSE '' END || char(10), error "
               "FROM items NOT INDEXED ORDER BY path")
        return self.db.execute(sql).fetchall()

    def item(self, rel: str) -> Item | None:
        found = self.items("path=?", (rel,))
        return found[0] if found else None

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM items").fetchone()[0])

    def values_used(self, column: str) -> list[tuple[str, int]]:
        """Tag or category values used in the folder, most used first (for completion)."""
        if column not in ("tags", "categories"):
            raise ValueError(column)
        sql = (f"SELECT j.value, count(*) FROM items, json_each(items.{column}) AS j "
               "GROUP BY j.value ORDER BY count(*) DESC, j.value")
        return [(str(v), int(n)) for v, n in self.db.execute(sql)]

    # --- lint pass ------------------------------------------------------------------------

    def lint_pending(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT path FROM items WHERE lint_count IS NULL AND error IS NULL ORDER BY path")]

    def compute_lint(self, paths: list[str] | None = None, progress: Progress | None = None,
                     should_stop: Callable[[], bool] | None = None,
                     workers: int | None = None,
                     on_batch: Callable[[LintResult], None] | None = None) -> int:
        """Lint the given (default: pending) items, storing counts; returns how many were done.
        workers=N lints in N processes (keeps the GIL free for a GUI); None lints here."""
        todo = self.lint_pending() if paths is None else paths
        done = 0
        for results in self._lint_batches(todo, workers, should_stop):
            with _transaction(self.db):
                for rel, (size, mtime_ns, count, error) in results.items():
                    # Only store a count for the file version that was linted.
                    self.db.execute(
                        "UPDATE items SET lint_count=?, error=COALESCE(?, error) "
                        "WHERE path=? AND size=? AND mtime_ns=?",
                        (count, error, rel, size, mtime_ns),
                    )
            done += len(results)
            if on_batch:
                on_batch(results)
            if progress:
                progress(done, len(todo))
        return done

    def _lint_batches(self, todo: list[str], workers: int | None,
                      should_stop: Callable[[], bool] | None) -> Iterator[LintResult]:
        from curator_app.core.library.lintpass import lint_counts

        parts = list(_split(todo, 50))
        if workers and len(todo) > 50:
            from concurrent.futures.process import BrokenProcessPool

            try:
                with _pool(workers) as pool:
                    futures = [pool.submit(lint_counts, str(self.root), part) for part in parts]
                    for fut in futures:
                        if should_stop and should_stop():
                            for f in futures:
                                f.cancel()
                            return
                        yield fut.result()
                return
            except (BrokenProcessPool, OSError, RuntimeError):
                pass  # fall through to linting here (already-stored counts are kept)
        for part in parts:
            if should_stop and should_stop():
                return
            yield lint_counts(self.root, part)


def _split(seq: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _pool(n: int) -> ProcessPoolExecutor:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # fork costs milliseconds but is only safe in a single-threaded process (a lock held by
    # another thread at fork time stays held in the child): the CLI and benchmarks fork;
    # the GUI (Qt threads) uses forkserver, whose workers never inherit its threads;
    # spawn where neither exists (Windows).
    methods = mp.get_all_start_methods()
    if "fork" in methods and _single_threaded():
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["curator_app.core.library.scan"])
    from curator_app.core.workers import background_worker, die_with_parent

    # Threads mean a window is running (see above): its workers give way to it.
    initializer = background_worker if method != "fork" else die_with_parent
    return ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=initializer)


def _single_threaded() -> bool:
    """True when this process has exactly one OS thread (Linux; elsewhere: unknown, False)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


# The one way to get worker processes (find and replace uses it too).
process_pool = _pool
