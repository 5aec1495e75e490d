"""Find and replace across many items, in two steps a curator can follow:

search  every file is read once; files that hold the pattern are parsed and their hits
        (field, place, replacement) listed, with a digest of the bytes that were searched;
prepare the bytes each file would get, computed per item (for a diff the user opens) or
        for all at once before applying, and refused for a file whose bytes no longer
        match the digest, so nothing is written over a change made since the search.

Applying goes through the library's bulk writer: all files or none, with an undo record.
Large folders are searched and prepared in worker processes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from curator_app.core.algebra.diff import BODY_KEY
from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.document import Document
from curator_app.core.document.limits import MAX_FRONT_CHARS
from curator_app.core.document.reading import MAX_FILE_BYTES
from curator_app.core.document.split import split
from curator_app.core.errors import CuratorError, WriteConflictError
from curator_app.core.find.item import Hit, find_in_document, find_in_fields, replace_hits, value_of
from curator_app.core.find.query import Query
from curator_app.core.find.yaml_leaves import string_leaves
from curator_app.core.library.bulk import FileChange, UndoRecord, write_all
from curator_app.core.library.index import process_pool

# progress(done, total) -> False to stop early
Progress = Callable[[int, int], bool | None]
R = TypeVar("R")
CHUNK = 200  # files per worker task: large enough to amortise the hand-over
PARALLEL_MIN = 400  # below this, worker start-up costs more than it saves


# What a worker sends back per hit: the Hit's fields, then its line and context. Plain
# tuples, because unpickling a dataclass per hit cost the parent as much as the parse.
HitRow = tuple[KeyPath, int, int, str, str, int, str]
Found = tuple[str, "tuple[str, str, list[HitRow]] | str"] | None


@dataclass
class ItemHits:
    path: Path
    hits: list[Hit]
    places: dict[Hit, tuple[int, str]]  # each hit's 1-based file line and the text around it
    digest: str  # sha256 of the bytes that were searched
    change: FileChange | None = None  # set by prepare(); None before, or when nothing changes
    prepared: bool = False

    @classmethod
    def from_rows(cls, path: str, digest: str, rows: list[HitRow]) -> ItemHits:
        hits = [Hit(*row[:5]) for row in rows]
        return cls(Path(path), hits, {h: (row[5], row[6]) for h, row in zip(hits, rows, strict=True)}, digest)

    def context(self, hit: Hit) -> str:
        return self.places[hit][1]

    def line_of(self, hit: Hit) -> int:
        return self.places[hit][0]


@dataclass
class ReplacePlan:
    query: Query
    items: list[ItemHits] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    read_only: list[str] = field(default_factory=list)  # files holding the pattern that cannot be edited
    scanned: int = 0
    stopped: bool = False

    @property
    def changes(self) -> list[FileChange]:
        return [i.change for i in self.items if i.change is not None]

    @property
    def hit_count(self) -> int:
        return sum(len(i.hits) for i in self.items)

    @property
    def description(self) -> str:
        n = len(self.items)
        return f"Replace '{self.query.pattern}' with '{self.query.replacement}' in {n} item{'s' * (n != 1)}"

    def diff(self) -> str:
        return "".join(c.diff() for c in self.changes)


# --- worker functions (module level: they run in other processes) ----------------------


def _line(doc: Document, hit: Hit, source: str) -> int:
    if hit.key == BODY_KEY:
        return doc.body_line + source.count("\n", 0, hit.start)
    pos = doc.position(hit.key)
    return pos[0] if pos else 1


def _search_one(path: Path, query: Query, fields: list[KeyPath] | None) -> Found:
    try:
        raw = path.read_bytes()
        # Most files in a folder do not hold the pattern at all: those are never parsed.
        if query.compiled.search(raw.decode("utf-8", errors="replace")) is None:
            return None
        rows = light_rows(raw, path, query, fields)
        if rows is None:
            return _search_parsed(raw, path, query, fields)
    except OSError as exc:
        return "error", f"{path}: cannot read: {exc.strerror or exc}"
    return ("hits", (str(path), hashlib.sha256(raw).hexdigest(), rows)) if rows else None


def _search_parsed(raw: bytes, path: Path, query: Query, fields: list[KeyPath] | None) -> Found:
    """The hits read from the file's lossless document: any file, or its error."""
    try:
        doc = Document.from_bytes(raw, path)
    except CuratorError as exc:
        return "error", str(exc.located(path))
    if doc.read_only_reason:
        return "read_only", f"{path}: {doc.read_only_reason}"
    hits = find_in_document(doc, query, fields)
    if not hits:
        return None
    sources = {h.key: value_of(doc, h.key) for h in hits}
    rows = [_row(h, _line(doc, h, sources[h.key]), sources[h.key]) for h in hits]
    return "hits", (str(path), hashlib.sha256(raw).hexdigest(), rows)


def _row(hit: Hit, line: int, source: str) -> HitRow:
    return (hit.key, hit.start, hit.end, hit.text, hit.replacement, line, hit.context(source))


def light_rows(raw: bytes, path: Path, query: Query, fields: list[KeyPath] | None) -> list[HitRow] | None:
    """The hit rows of a plain block-YAML item read without building its document
    (yaml_leaves.py): the rows _search_parsed gives, or None when the file needs it."""
    if len(raw) > MAX_FILE_BYTES or b"\0" in raw:
        return None
    try:
        parts = split(raw.decode("utf-8"), path)
    except (UnicodeDecodeError, CuratorError):
        return None
    if parts.format != "yaml" or parts.read_only_reason or len(parts.front) > MAX_FRONT_CHARS:
        return None
    leaves = string_leaves(parts.front, query.compiled.search)  # only the values holding it
    if leaves is None:
        return None
    where = {key: (value, line) for key, value, line in leaves}
    rows: list[HitRow] = []
    for h in find_in_fields(((key, value) for key, value, _line in leaves), parts.body, query, fields):
        if h.key == BODY_KEY:
            source, line = parts.body, parts.body_line + parts.body.count("\n", 0, h.start)
        else:
            source, line = where[h.key][0], parts.front_line + where[h.key][1]
        rows.append(_row(h, line, source))
    return rows


def _search_chunk(paths: list[Path], query: Query, fields: list[KeyPath] | None) -> list[Found]:
    return [_search_one(p, query, fields) for p in paths]


def _change_for(path: Path, digest: str, hits: list[tuple[KeyPath, int, int, str, str]]) -> FileChange | None:
    raw = path.read_bytes()
    if hashlib.sha256(raw).hexdigest() != digest:
        raise WriteConflictError("changed on disk since the search; search again before replacing", path)
    doc = Document.from_bytes(raw, path)
    keys = replace_hits(doc, [Hit(*h) for h in hits])
    after = doc.to_bytes()
    return FileChange(path, raw, after, tuple(keys)) if keys and after != raw else None


def _change_chunk(jobs: list[tuple[Path, str, list[tuple[KeyPath, int, int, str, str]]]]) -> list[FileChange | None]:
    return [_change_for(*job) for job in jobs]


# --- driving ----------------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _run(func: Callable[..., list[R]], chunks: list[list[Any]], *args: Any) -> Iterator[list[R]]:
    """func(chunk, *args) for every chunk, in order; in worker processes for large inputs."""
    total = sum(len(c) for c in chunks)
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and total >= PARALLEL_MIN:
        done = 0
        try:
            pool = process_pool(workers)
            try:
                futures = [pool.submit(func, chunk, *args) for chunk in chunks]
                for fut in futures:
                    result = fut.result()
                    done += 1
                    yield result
                return
            finally:
                # Also when the caller stops early: drop the chunks nobody will read.
                pool.shutdown(wait=True, cancel_futures=True)
        except (BrokenProcessPool, OSError, RuntimeError):
            chunks = chunks[done:]  # no usable workers here: finish in this process
    for chunk in chunks:
        yield func(chunk, *args)


def plan_replace(
    paths: Iterable[str | Path],
    query: Query,
    fields: Iterable[KeyPath] | None = None,
    progress: Progress | None = None,
) -> ReplacePlan:
    """Search every path; unreadable or unparseable files are listed in `errors`, untouched."""
    query.compiled  # noqa: B018 - a bad pattern fails here, before any file is read
    scope = None if fields is None else [tuple(f) for f in fields]
    todo = [Path(p) for p in paths]
    plan = ReplacePlan(query)
    for chunk_result in _run(_search_chunk, _chunks(todo, CHUNK), query, scope):
        for found in chunk_result:
            if found is None:
                continue
            kind, payload = found
            if not isinstance(payload, str):
                plan.items.append(ItemHits.from_rows(*payload))
            elif kind == "read_only":
                plan.read_only.append(payload)
            else:
                plan.errors.append(payload)
        plan.scanned += len(chunk_result)
        if progress is not None and progress(plan.scanned, len(todo)) is False:
            plan.stopped = True
            break
    return plan


def prepare(plan: ReplacePlan, items: Sequence[ItemHits] | None = None, progress: Progress | None = None) -> None:
    """Compute the new bytes of `items` (default: every item not yet prepared).

    Raises WriteConflictError when a file changed on disk since the search.
    """
    todo = [i for i in (plan.items if items is None else items) if not i.prepared]
    jobs = [(i.path, i.digest, [(h.key, h.start, h.end, h.text, h.replacement) for h in i.hits]) for i in todo]
    done = 0
    for result in _run(_change_chunk, _chunks(jobs, CHUNK)):
        for item, change in zip(todo[done : done + len(result)], result, strict=True):
            item.change = change
            item.prepared = True
        done += len(result)
        if progress is not None:
            progress(done, len(todo))


def apply_plan(plan: ReplacePlan, progress: Progress | None = None) -> UndoRecord:
    """Write every planned change, or none if any file changed on disk since the search."""
    prepare(plan, progress=progress)
    changes = plan.changes
    write_all([(c.path, c.before, c.after) for c in changes])
    return UndoRecord(plan.description, changes)
