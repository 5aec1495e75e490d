"""What changed in the content folder since the last commit, and where the branch stands.

Curators think in items, not in git's index: an item is new, modified, deleted or
unchanged compared with HEAD, whatever is staged.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pygit2
from pygit2.enums import FileStatus

from curator_app.core.git.repo import ContentRepo


class ItemStatus(StrEnum):
    NEW = "new"
    MODIFIED = "modified"
    UNCHANGED = "unchanged"
    DELETED = "deleted"
    CONFLICTED = "conflicted"
    IGNORED = "ignored"


_NEW = FileStatus.WT_NEW | FileStatus.INDEX_NEW
_DELETED = FileStatus.WT_DELETED | FileStatus.INDEX_DELETED


def _classify(flags: int) -> ItemStatus | None:
    """Map libgit2 flags to an item status; None means "identical to HEAD after all"."""
    if flags == FileStatus.CURRENT:
        return ItemStatus.UNCHANGED
    if flags & FileStatus.CONFLICTED:
        return ItemStatus.CONFLICTED
    if flags & FileStatus.IGNORED:
        return ItemStatus.IGNORED
    new = bool(flags & _NEW)
    deleted = bool(flags & _DELETED)
    if new and deleted:
        # Staged as new, then deleted from disk: neither in HEAD nor on disk.
        return None
    if new:
        return ItemStatus.NEW
    if deleted:
        return ItemStatus.DELETED
    return ItemStatus.MODIFIED


def item_status(cr: ContentRepo, path: str | Path) -> ItemStatus:
    """Status of a file given as an absolute path or relative to the content folder."""
    return status_of(cr, cr.rel(path))


def status_of(cr: ContentRepo, rel: str) -> ItemStatus:
    """Status of a file given by its repository-relative path."""
    try:
        flags = cr.repo.status_file(rel)
    except KeyError:
        # libgit2 has no entry: the file is neither tracked nor on disk.
        return ItemStatus.UNCHANGED
    return _classify(flags) or ItemStatus.UNCHANGED


def folder_status(cr: ContentRepo, suffixes: tuple[str, ...] | None = None) -> dict[str, ItemStatus]:
    """Changed files under the content folder, by repository-relative path.

    Files absent from the result are unchanged. `suffixes` (e.g. (".md",)) limits the
    answer to items.
    """
    prefix = cr.rel(cr.folder)
    prefix = "" if prefix == "." else prefix + "/"
    result: dict[str, ItemStatus] = {}
    for rel, flags in cr.repo.status(untracked_files="all").items():
        if prefix and not rel.startswith(prefix):
            continue
        if suffixes and not rel.endswith(suffixes):
            continue
        status = _classify(flags)
        if status is not None and status is not ItemStatus.UNCHANGED:
            result[rel] = status
    return result


def is_dirty(cr: ContentRepo) -> bool:
    return bool(folder_status(cr))


@dataclass(frozen=True)
class BranchInfo:
    branch: str | None  # None when HEAD is detached
    upstream: str | None  # "origin/main"
    ahead: int  # local commits the upstream lacks
    behind: int  # upstream commits we lack
    unborn: bool  # no commit yet

    def describe(self) -> str:
        """Short status-bar text: "main ↑2 ↓1"."""
        name = self.branch or "detached HEAD"
        if self.unborn:
            return f"{name} (no commits yet)"
        parts = [name]
        if self.ahead:
            parts.append(f"↑{self.ahead}")
        if self.behind:
            parts.append(f"↓{self.behind}")
        if self.upstream is None:
            parts.append("(not published)")
        return " ".join(parts)


def upstream_reference(cr: ContentRepo) -> pygit2.Reference | None:
    """The tracking ref of the current branch: configured upstream, else origin/<branch>."""
    repo = cr.repo
    if repo.head_is_detached:
        return None
    name = repo.references["HEAD"].target
    short = str(name).removeprefix("refs/heads/")
    branch = repo.branches.local.get(short)
    if branch is not None and not repo.head_is_unborn:
        try:
            up = branch.upstream
        except (KeyError, pygit2.GitError):
            up = None
        if up is not None:
            return up
    for remote in repo.remotes:
        ref = repo.references.get(f"refs/remotes/{remote.name}/{short}")
        if ref is not None:
            return ref
    return None


def current_branch(cr: ContentRepo) -> str | None:
    repo = cr.repo
    if repo.head_is_detached:
        return None
    return str(repo.references["HEAD"].target).removeprefix("refs/heads/")


def branch_info(cr: ContentRepo) -> BranchInfo:
    repo = cr.repo
    branch = current_branch(cr)
    unborn = repo.head_is_unborn
    up = upstream_reference(cr)
    upstream = up.shorthand if up is not None else None
    ahead = behind = 0
    if up is not None and not unborn:
        ahead, behind = repo.ahead_behind(repo.head.target, up.resolve().target)
    return BranchInfo(branch=branch, upstream=upstream, ahead=ahead, behind=behind, unborn=unborn)
