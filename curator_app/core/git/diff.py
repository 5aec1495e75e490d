"""Diffs of an item against git: HEAD's version as text and as field changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygit2

from curator_app.core.algebra.diff import FieldChange, _disk_bytes, _parse, field_changes, unified_diff
from curator_app.core.git.repo import ContentRepo

if TYPE_CHECKING:
    from curator_app.core.document.document import Document



def blob_at(cr: ContentRepo, rel: str, commit: pygit2.Commit | None) -> bytes | None:
    """The file's bytes in a commit, None when absent there (or no commit)."""
    if commit is None:
        return None
    try:
        entry = commit.tree[rel]
    except KeyError:
        return None
    obj = cr.repo[entry.id]
    if not isinstance(obj, pygit2.Blob):
        return None
    return bytes(obj.data)


def head_commit(cr: ContentRepo) -> pygit2.Commit | None:
    if cr.repo.head_is_unborn:
        return None
    commit = cr.repo.head.peel(pygit2.Commit)
    return commit if isinstance(commit, pygit2.Commit) else None


def head_bytes(cr: ContentRepo, path: str | Path) -> bytes | None:
    return blob_at(cr, cr.rel(path), head_commit(cr))






def text_diff_vs_head(cr: ContentRepo, path: str | Path) -> str:
    """The working file against HEAD, as `git diff HEAD -- path` would show it."""
    rel = cr.rel(path)
    return unified_diff(
        blob_at(cr, rel, head_commit(cr)), _disk_bytes(cr.abspath(rel)), f"a/{rel}", f"b/{rel}"
    )






def field_changes_vs_head(
    cr: ContentRepo, path: str | Path, doc: Document | None = None
) -> list[FieldChange]:
    """Field changes from HEAD to the file on disk (or to `doc`, e.g. with unsaved edits).

    Raises ParseError when either version cannot be parsed.
    """
    rel = cr.rel(path)
    abspath = cr.abspath(rel)
    old = _parse(blob_at(cr, rel, head_commit(cr)), abspath)
    new = doc if doc is not None else _parse(_disk_bytes(abspath), abspath)
    return field_changes(old, new)
