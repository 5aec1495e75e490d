"""Bulk edits over a selection: add / remove / rename a tag or a category.

Every change goes through the lossless Document (a list item added or removed is one line
in the diff). Categories go through linked.update_linked, so categorySlug / categoryUrl /
categoryLabel (and openProjectCustomFields.medigyTopics) follow when they agreed with
`categories` before; a chain that already disagreed is left for lint to report.

The flow is plan -> (show diffs) -> apply -> (maybe) undo. `apply` checks every file is
still what the plan read before writing any, writes each atomically, and puts back the
ones already written if a later write fails; `undo` refuses files edited since.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.atomic_batch import write_files_atomic
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.schema.linked import update_linked

FIELDS = {"tags": ("tags",), "categories": ("categories",)}
KINDS = ("add", "remove", "rename")


@dataclass(frozen=True)
class BulkOp:
    kind: str  # add | remove | rename
    field: str  # tags | categories
    value: str
    new_value: str | None = None  # rename target

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.field not in FIELDS:
            raise ValueError(f"unknown bulk edit {self.kind} {self.field}")
        if self.kind == "rename" and not self.new_value:
            raise ValueError("rename needs a new value")
        if not self.value.strip():
            raise ValueError("empty value")

    def describe(self) -> str:
        noun = "tag" if self.field == "tags" else "category"
        if self.kind == "rename":
            return f"Rename {noun} '{self.value}' to '{self.new_value}'"
        return f"{self.kind.capitalize()} {noun} '{self.value}'"


@dataclass(frozen=True)
class FileChange:
    path: Path
    before: bytes
    after: bytes
    keys: tuple[KeyPath, ...]  # keys that changed

    def diff(self, context: int = 1) -> str:
        old = self.before.decode("utf-8", "replace").splitlines(keepends=True)
        new = self.after.decode("utf-8", "replace").splitlines(keepends=True)
        name = str(self.path)
        return "".join(difflib.unified_diff(old, new, name, name, n=context))


@dataclass
class BulkPlan:
    op: BulkOp
    changes: list[FileChange] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)  # nothing to do (tag absent/present)
    errors: list[str] = field(default_factory=list)  # unreadable files, left untouched

    def diff(self) -> str:
        return "".join(c.diff() for c in self.changes)


@dataclass
class UndoRecord:
    description: str
    files: list[FileChange]


def _new_list(values: list[str], op: BulkOp) -> list[str] | None:
    """The list after the edit, or None when the edit does not apply to it."""
    if op.kind == "add":
        return None if op.value in values else [*values, op.value]
    if op.value not in values:
        return None
    if op.kind == "remove":
        return [v for v in values if v != op.value]
    assert op.new_value is not None
    renamed: list[str] = []
    for v in values:
        target = op.new_value if v == op.value else v
        if target not in renamed:  # renaming onto an existing value merges them
            renamed.append(target)
    return renamed


def edit_document(doc: Document, op: BulkOp) -> list[KeyPath]:
    """Apply the edit to one Document in memory; returns the keys changed."""
    key = FIELDS[op.field]
    current = doc.get(key)
    if current is None:
        values: list[str] = []
    elif isinstance(current, list):
        values = [str(v) for v in current]
    else:
        values = [str(current)]  # `tags: News` (one string): becomes a list if edited
    new = _new_list(values, op)
    if new is None:
        return []
    if op.field == "categories" and isinstance(current, list):
        return update_linked(doc, key, new)
    doc.set(key, new)
    return [key]


def plan(paths: Iterable[str | Path], op: BulkOp) -> BulkPlan:
    result = BulkPlan(op)
    for p in paths:
        path = Path(p)
        try:
            before = path.read_bytes()
            doc = Document.from_bytes(before, path)
            keys = edit_document(doc, op)
        except OSError as exc:
            result.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            continue
        except CuratorError as exc:
            result.errors.append(str(exc.located(path)))
            continue
        if not keys:
            result.unchanged.append(path)
            continue
        result.changes.append(FileChange(path, before, doc.to_bytes(), tuple(keys)))
    return result


def write_all(pairs: list[tuple[Path, bytes, bytes]]) -> None:
    """Write `new` over each path whose bytes are still `expected`; all or nothing.

    One batch (atomic_batch.py): the folders' save locks are held from the check to the
    last rename, so no other Curator save lands in between, and the file system is
    flushed once for all the files instead of once per file.
    """
    write_files_atomic(
        [(path, new, expected) for path, expected, new in pairs],
        "changed on disk since the bulk edit was prepared; nothing was written",
    )


def apply(bulk: BulkPlan) -> UndoRecord:
    write_all([(c.path, c.before, c.after) for c in bulk.changes])
    return UndoRecord(bulk.op.describe(), list(bulk.changes))


def undo(record: UndoRecord) -> None:
    """Put every file back as it was before the edit (refused if edited since)."""
    write_all([(c.path, c.after, c.before) for c in record.files])
