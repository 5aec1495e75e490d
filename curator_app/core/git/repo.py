"""Find (or create) the git repository that holds a content folder.

Everything else in curator_app.core.git takes a ContentRepo, so the questions "is pygit2
installed?" and "is this folder under git?" are answered once, here, with a clear error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curator_app.core.git.errors import GitUnavailable

if TYPE_CHECKING:
    import pygit2


def _pygit2() -> Any:
    # Imported lazily so a build without pygit2 still opens folders, just without git features.
    try:
        import pygit2
    except ImportError as exc:  # pragma: no cover - pygit2 is a declared dependency
        raise GitUnavailable(f"git features are unavailable: pygit2 cannot be loaded ({exc})") from exc
    return pygit2


def git_available() -> bool:
    try:
        _pygit2()
    except GitUnavailable:  # pragma: no cover
        return False
    return True


@dataclass
class ContentRepo:
    """A pygit2 repository plus the content folder the curator opened inside it."""

    repo: pygit2.Repository
    root: Path  # the working tree root
    folder: Path  # the content folder (the root itself or a folder below it)

    def rel(self, path: str | Path) -> str:
        """Repo-relative POSIX path of a file (absolute, or relative to the content folder)."""
        p = Path(path)
        if not p.is_absolute():
            p = self.folder / p
        p = Path(os.path.realpath(p))
        try:
            return p.relative_to(self.root).as_posix()
        except ValueError:
            raise GitUnavailable("file is outside the repository " + str(self.root), p) from None

    def abspath(self, rel: str) -> Path:
        return self.root / Path(rel)


def _discover(folder: Path) -> str | None:
    pygit2 = _pygit2()
    try:
        found: str | None = pygit2.discover_repository(str(folder))
    except pygit2.GitError:
        return None
    return found


def is_repository(folder: str | Path) -> bool:
    """True when the folder is inside a git working tree (bare repositories do not count)."""
    if not git_available():  # pragma: no cover
        return False
    found = _discover(Path(folder))
    if found is None:
        return False
    try:
        return not _pygit2().Repository(found).is_bare
    except _pygit2().GitError:
        return False


def open_repository(folder: str | Path) -> ContentRepo:
    """The repository holding `folder`; GitUnavailable when there is none."""
    pygit2 = _pygit2()
    folder = Path(os.path.realpath(folder))
    found = _discover(folder)
    if found is None:
        raise GitUnavailable("not a git repository (use Initialize repository)", folder)
    try:
        repo = pygit2.Repository(found)
    except pygit2.GitError as exc:
        raise GitUnavailable(f"cannot open git repository: {exc}", folder) from exc
    if repo.is_bare or repo.workdir is None:
        raise GitUnavailable("the repository is bare: it has no working tree", folder)
    root = Path(os.path.realpath(repo.workdir))
    return ContentRepo(repo=repo, root=root, folder=folder)


def init_repository(folder: str | Path, initial_branch: str = "main") -> ContentRepo:
    """Make `folder` a git repository (no commit yet) and open it."""
    pygit2 = _pygit2()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        pygit2.init_repository(str(folder), initial_head=initial_branch)
    except pygit2.GitError as exc:
        raise GitUnavailable(f"cannot initialize a repository: {exc}", folder) from exc
    return open_repository(folder)


def init_with_snapshot(folder: str | Path, message: str) -> ContentRepo:
    """Make `folder` a repository whose first commit holds every file in it.

    The author is the user's git identity, or "Curator" when none is configured yet (a
    first-run copy must not wait for Settings)."""
    pygit2 = _pygit2()
    cr = init_repository(folder)
    repo = cr.repo
    repo.index.add_all()
    repo.index.write()
    tree = repo.index.write_tree()
    try:
        sig = repo.default_signature
    except (KeyError, pygit2.GitError):
        sig = pygit2.Signature("Curator", "curator@localhost")
    repo.create_commit("HEAD", sig, sig, message, tree, [])
    return cr
