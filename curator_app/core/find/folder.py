"""Find and replace across many items: plan (hits and the bytes each file would get), then
apply all at once through the library's bulk writer, which refuses every write when any
file changed on disk since the plan read it, and gives an undo record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from curator_app.core.algebra.diff import BODY_KEY
from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.find.item import Hit, find_in_document, replace_hits, value_of
from curator_app.core.find.query import Query
from curator_app.core.library.bulk import FileChange, UndoRecord, write_all

# progress(done, total) -> False to stop early
Progress = Callable[[int, int], bool | None]


@dataclass
class ItemHits:
    path: Path
    hits: list[Hit]
    sources: dict[KeyPath, str]  # each hit field's text, for showing context
    change: FileChange | None  # None when replacing leaves the bytes as they are
    lines: dict[KeyPath, int]  # 1-based line of each hit field's key; the body's first line

    def context(self, hit: Hit) -> str:
        return hit.context(self.sources[hit.key])

    def line_of(self, hit: Hit) -> int:
        line = self.lines.get(hit.key, 1)
        if hit.key == BODY_KEY:
            line += self.sources[hit.key].count("\n", 0, hit.start)
        return line


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
        n = len(self.changes)
        return f"Replace '{self.query.pattern}' with '{self.query.replacement}' in {n} item{'s' * (n != 1)}"

    def diff(self) -> str:
        return "".join(c.diff() for c in self.changes)


def _line(doc: Document, key: KeyPath) -> int:
    if key == BODY_KEY:
        return doc.body_line
    pos = doc.position(key)
    return pos[0] if pos else 1


def _plan_one(path: Path, query: Query, fields: list[KeyPath] | None, plan: ReplacePlan) -> ItemHits | None:
    raw = path.read_bytes()
    # Most files do not contain the pattern at all: skip parsing them.
    if query.compiled.search(raw.decode("utf-8", errors="replace")) is None:
        return None
    doc = Document.from_bytes(raw, path)
    if doc.read_only_reason:
        plan.read_only.append(f"{path}: {doc.read_only_reason}")
        return None
    hits = find_in_document(doc, query, fields)
    if not hits:
        return None
    sources = {h.key: value_of(doc, h.key) for h in hits}
    lines = {k: _line(doc, k) for k in sources}
    change = None
    keys = replace_hits(doc, hits)
    after = doc.to_bytes()
    if keys and after != raw:
        change = FileChange(path, raw, after, tuple(keys))
    return ItemHits(path, hits, sources, change, lines)


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
    for n, path in enumerate(todo, 1):
        try:
            found = _plan_one(path, query, scope, plan)
        except OSError as exc:
            plan.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            found = None
        except CuratorError as exc:
            plan.errors.append(str(exc.located(path)))
            found = None
        if found is not None:
            plan.items.append(found)
        plan.scanned = n
        if progress is not None and progress(n, len(todo)) is False:
            plan.stopped = True
            break
    return plan


def apply_plan(plan: ReplacePlan) -> UndoRecord:
    """Write every planned change, or none if any file changed on disk since the plan."""
    changes = plan.changes
    write_all([(c.path, c.before, c.after) for c in changes])
    return UndoRecord(plan.description, changes)
