"""History of one item, and restoring a field or the whole item from an old version.

Restores go through Document.set/delete on the open document, so the next save changes
only the restored fields' lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pygit2
from pygit2.enums import SortMode

from curator_app.core.algebra.apply import apply_value, value_of
from curator_app.core.algebra.diff import (
    BODY_KEY,
    MISSING,
    FieldChange,
    KeyPath,
    _parse,
    data_changes,
    field_changes,
    same,
)
from curator_app.core.errors import CuratorError
from curator_app.core.git.diff import blob_at, head_commit
from curator_app.core.git.errors import GitError
from curator_app.core.git.repo import ContentRepo

if TYPE_CHECKING:
    from curator_app.core.document.document import Document


@dataclass(frozen=True)
class HistoryEntry:
    commit: str  # full hex id
    short_id: str
    summary: str  # first line of the message
    message: str
    author: str
    email: str
    when: datetime  # in the author's time zone
    kind: str  # "added" | "modified" | "deleted"
    changes: list[FieldChange] = field(default_factory=list)
    parse_error: str | None = None  # one side could not be parsed; changes is then empty


def _entry_id(tree: pygit2.Tree, rel: str) -> pygit2.Oid | None:
    try:
        return tree[rel].id
    except KeyError:
        return None


def _when(sig: pygit2.Signature) -> datetime:
    tz = timezone(timedelta(minutes=sig.offset)) if sig.offset else UTC
    return datetime.fromtimestamp(sig.time, tz)


def item_history(cr: ContentRepo, path: str | Path, limit: int | None = None) -> list[HistoryEntry]:
    """Commits reachable from HEAD that changed the item, newest first.

    A merge is listed only when the item differs from every parent (the change came from
    the merge itself), as `git log -- path` does. Renames are not followed.
    """
    rel = cr.rel(path)
    head = head_commit(cr)
    if head is None:
        return []
    abspath = cr.abspath(rel)
    entries: list[HistoryEntry] = []
    for commit in cr.repo.walk(head.id, SortMode.TOPOLOGICAL | SortMode.TIME):
        mine = _entry_id(commit.tree, rel)
        parent_ids = [_entry_id(p.tree, rel) for p in commit.parents]
        if parent_ids and any(pid == mine for pid in parent_ids):
            continue
        if not parent_ids and mine is None:
            continue
        before = parent_ids[0] if parent_ids else None
        kind = "added" if before is None else "deleted" if mine is None else "modified"
        old = bytes(cr.repo[before].data) if before is not None else None  # type: ignore[attr-defined]
        new = bytes(cr.repo[mine].data) if mine is not None else None  # type: ignore[attr-defined]
        changes: list[FieldChange] = []
        error = None
        try:
            changes = field_changes(_parse(old, abspath), _parse(new, abspath))
        except CuratorError as exc:
            error = str(exc)
        author = commit.author
        entries.append(
            HistoryEntry(
                commit=str(commit.id),
                short_id=str(commit.short_id),
                summary=commit.message.split("\n", 1)[0],
                message=commit.message,
                author=author.name,
                email=author.email,
                when=_when(author),
                kind=kind,
                changes=changes,
                parse_error=error,
            )
        )
        if limit is not None and len(entries) >= limit:
            break
    return entries


def version_bytes(cr: ContentRepo, path: str | Path, commit: str) -> bytes | None:
    """The item's bytes in `commit` (hex id or any revision), None if it did not exist there."""
    try:
        obj = cr.repo.revparse_single(commit)
    except (KeyError, ValueError, pygit2.GitError) as exc:
        raise GitError(f"unknown version {commit!r}", cr.rel(path)) from exc
    peeled = obj.peel(pygit2.Commit)
    return blob_at(cr, cr.rel(path), peeled)


def version_document(cr: ContentRepo, path: str | Path, commit: str) -> Document:
    data = version_bytes(cr, path, commit)
    if data is None:
        raise GitError(f"the item does not exist in version {commit[:10]}", cr.rel(path))
    doc = _parse(data, cr.abspath(cr.rel(path)))
    assert doc is not None
    return doc


def restore_field(doc: Document, cr: ContentRepo, commit: str, key: KeyPath) -> FieldChange | None:
    """Put the field's value from `commit` into the open document; None if already equal."""
    assert doc.path is not None, "restore needs the item's path"
    old = version_document(cr, doc.path, commit)
    want = value_of(old, key)
    have = value_of(doc, key)
    if same(want, have):
        return None
    apply_value(doc, key, want, order_from=old.data)
    kind = "added" if have is MISSING else "removed" if want is MISSING else "changed"
    return FieldChange(key, kind, have, want)


def restore_item(doc: Document, cr: ContentRepo, commit: str) -> list[FieldChange]:
    """Make the open document equal to the version in `commit`, one field at a time."""
    assert doc.path is not None, "restore needs the item's path"
    old = version_document(cr, doc.path, commit)
    changes = data_changes(doc.data, old.data)
    for change in changes:
        apply_value(doc, change.key, change.new, order_from=old.data)
    if doc.body != old.body:
        changes.append(FieldChange(BODY_KEY, "changed", doc.body, old.body))
        doc.body = old.body
    return changes
