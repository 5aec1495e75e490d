"""Revisions as the review reads them: a named commit, the files two points differ in,
the files of a commit (from the object store, never the working tree), the blob id of
some bytes.

Everything that needs pygit2 for a review lives here, so `core/review` never imports it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pygit2

from curator_app.core.git.diff import head_commit
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


class RevisionFiles:
    """Many files of one commit. The commit's tree is read once: a folder of 10,000 items
    is a tree object of about a megabyte, which `commit.tree` would inflate again per file."""

    def __init__(self, cr: ContentRepo, commit: Commit | None) -> None:
        self.repo = cr.repo
        self.tree = commit.tree if commit is not None else None
        self._folders: dict[str, pygit2.Tree | None] = {}

    def _folder(self, rel: str) -> pygit2.Tree | None:
        if self.tree is None:
            return None
        if rel not in self._folders:
            try:
                found = self.tree[rel] if rel else self.tree
            except KeyError:
                found = None
            self._folders[rel] = found if isinstance(found, pygit2.Tree) else None
        return self._folders[rel]

    def read(self, rel: str) -> bytes | None:
        folder, _, name = rel.rpartition("/")
        tree = self._folder(folder)
        try:
            obj = self.repo[tree[name].id] if tree is not None else None
        except KeyError:
            return None
        return bytes(obj.data) if isinstance(obj, pygit2.Blob) else None


def blob_id(data: bytes | None) -> str | None:
    """The id git gives these bytes as a blob (None for no file)."""
    return str(pygit2.hash(data)) if data is not None else None


def configured_email(cr: ContentRepo) -> str | None:
    """user.email from the repository's git config (and the global one), None when unset."""
    try:
        return str(cr.repo.config["user.email"])
    except (KeyError, pygit2.GitError):
        return None


__all__ = ["Commit", "RevisionFiles", "blob_id", "configured_email", "has_commit", "head_commit",
           "paths_between", "resolve_commit"]
