"""Per-field three-way merge of an item after a pull changed it under unsaved edits.

base   = the version the editor opened,
theirs = the version the pull wrote to disk,
mine   = the editor's Document with unsaved edits.

The merged Document starts as `theirs` and gets my changes applied through
Document.set/delete, so saving it changes only the lines of fields I edited. A field
both sides changed differently is a conflict: the merged document keeps their value
until the conflict is resolved, and the conflict keeps all three values, so nothing is
lost. Fields are front-matter leaves (mappings are recursed into; lists and scalars are
single values); the body is one field (BODY_KEY).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_app.core.algebra.apply import apply_value
from curator_app.core.algebra.diff import (
    BODY_KEY,
    MISSING,
    FieldChange,
    _short,
    field_changes,
    key_label,
    same,
)
from curator_app.core.algebra.keypath import KeyPath

if TYPE_CHECKING:
    from curator_app.core.document.document import Document


@dataclass(frozen=True)
class MergeConflict:
    key: KeyPath
    base: Any  # MISSING when the key was absent
    mine: Any
    theirs: Any

    @property
    def label(self) -> str:
        return key_label(self.key)

    def describe(self) -> str:
        return (
            f"{self.label}: you changed it to {_short(self.mine)}, the pulled version has "
            f"{_short(self.theirs)} (was {_short(self.base)})"
        )


@dataclass
class MergeResult:
    document: Document  # theirs + my non-conflicting changes (+ resolutions)
    conflicts: list[MergeConflict]  # still unresolved
    applied: list[FieldChange]  # my changes that merged automatically
    pulled: list[FieldChange]  # what the pull changed relative to base
    resolved: dict[KeyPath, Any] = field(default_factory=dict)
    _mine_data: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def conflict(self, key: KeyPath) -> MergeConflict:
        for c in self.conflicts:
            if c.key == key:
                return c
        raise KeyError(key)

    def resolve(self, key: KeyPath, value: Any) -> None:
        """Settle a conflict with any value (one side's, or an edited one; MISSING removes)."""
        c = self.conflict(key)
        apply_value(self.document, key, value, order_from=self._mine_data)
        self.conflicts.remove(c)
        self.resolved[key] = value

    def take_mine(self, key: KeyPath) -> None:
        self.resolve(key, self.conflict(key).mine)

    def take_theirs(self, key: KeyPath) -> None:
        self.resolve(key, self.conflict(key).theirs)


def _value(doc: Document, key: KeyPath) -> Any:
    if key == BODY_KEY:
        return doc.body
    return doc.get(key, MISSING) if doc.has(key) else MISSING


def _overlaps(a: KeyPath, b: KeyPath) -> bool:
    """Same field, or one contains the other (the body only overlaps the body)."""
    if a == BODY_KEY or b == BODY_KEY:
        return a == b
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _as_document(value: Document | bytes, path: Path | None) -> Document:
    from curator_app.core.document.document import Document

    if isinstance(value, bytes | bytearray):
        return Document.from_bytes(bytes(value), path)
    return value


def merge_documents(base: Document | bytes, theirs: Document | bytes, mine: Document) -> MergeResult:
    """Merge my unsaved edits (base → mine) into the pulled version (base → theirs).

    When `theirs` is a Document it becomes the merged document (edited in place); pass
    the freshly loaded file so saving it later passes the changed-on-disk check.
    """
    path = Path(mine.path) if mine.path is not None else None
    base_doc = _as_document(base, path)
    merged = _as_document(theirs, path)
    # Frozen copy of their values, so conflicts report what was pulled even after edits.
    theirs_doc = _as_document(merged.to_bytes(), path)

    mine_changes = field_changes(base_doc, mine)
    theirs_changes = field_changes(base_doc, theirs_doc)

    conflicts: dict[KeyPath, MergeConflict] = {}
    to_apply: list[FieldChange] = []
    for change in mine_changes:
        clashing = [t.key for t in theirs_changes if _overlaps(t.key, change.key)]
        if not clashing:
            to_apply.append(change)
            continue
        # The conflict is about the widest key either side touched.
        key = min([change.key, *clashing], key=len)
        if key in conflicts:
            continue
        mine_v, theirs_v = _value(mine, key), _value(theirs_doc, key)
        if same(mine_v, theirs_v):
            continue  # both made the same change
        conflicts[key] = MergeConflict(key, _value(base_doc, key), mine_v, theirs_v)

    # Applying a change inside a conflicting key would pre-empt the user's choice.
    to_apply = [c for c in to_apply if not any(_overlaps(c.key, k) for k in conflicts)]
    for change in to_apply:
        apply_value(merged, change.key, change.new, order_from=mine.data)
    return MergeResult(
        document=merged,
        conflicts=list(conflicts.values()),
        applied=to_apply,
        pulled=theirs_changes,
        _mine_data=mine.data,
    )
