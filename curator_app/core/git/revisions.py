"""Revisions as the review reads them: a named commit, the files two points differ in,
the bytes of a file at a commit, and the blob id of some bytes.

Everything that needs pygit2 for a review lives here, so `core/review` never imports it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pygit2

from curator_app.core.git.diff import blob_at, head_commit
from curator_app.core.git.errors import GitError
from curator_app.core.git.repo import ContentRepo

Commit = pygit2.Commit


def resolve_commit(cr: ContentRepo, ref: str) -> Commit:
    """The commit a revision names (a hex id, tag, branch, `origin/main`, `HEAD~2`)."""
    try:
        commit = cr.repo.revparse_single(ref).peel(pygit2.Commit)
    except (KeyError, ValueError, pygit2.GitError, pygit2.InvalidSpecError):
        raise GitError(f"unknown revision {ref!r} (a commit, tag or branch such as origin/main)", cr.root) from None
    assert isinstance(commit, pygit2.Commit)
    return commit


def has_commit(cr: ContentRepo, commit_id: str) -> bool:
    return commit_id in cr.repo


def paths_between(cr: ContentRepo, old: Commit | None, new: Commit | None) -> set[str]:
    """Repository paths whose bytes differ between two commits: one diff of their trees.

    With no `old`, every file of `new` (everything counts as added)."""
    if new is None:
        return set()
    if old is None:
        return set(_tree_paths(new.tree))
    if old.id == new.id:
        return set()
    out: set[str] = set()
    for delta in cr.repo.diff(old, new).deltas:
        out.update((delta.old_file.path, delta.new_file.path))
    return out


def _tree_paths(tree: pygit2.Tree, prefix: str = "") -> Iterator[str]:
    for entry in tree:
        if isinstance(entry, pygit2.Tree):
            yield from _tree_paths(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}"


def bytes_at(cr: ContentRepo, rel: str, commit: Commit | None) -> bytes | None:
    """A file's bytes in a commit, read from the object store (never the working tree)."""
    return blob_at(cr, rel, commit)


def blob_id(data: bytes | None) -> str | None:
    """The id git gives these bytes as a blob (None for no file)."""
    return str(pygit2.hash(data)) if data is not None else None


def configured_email(cr: ContentRepo) -> str | None:
    """user.email from the repository's git config (and the global one), None when unset."""
    try:
        return str(cr.repo.config["user.email"])
    except (KeyError, pygit2.GitError):
        return None


__all__ = ["Commit", "blob_id", "bytes_at", "configured_email", "has_commit", "head_commit",
           "paths_between", "resolve_commit"]
