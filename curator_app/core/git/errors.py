"""Git errors a curator can act on, one class per situation the GUI words differently."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from curator_app.core.errors import CuratorError


class GitError(CuratorError):
    """Base of every git failure; str() is "path: message" like other Curator errors."""


class GitUnavailable(GitError):
    """pygit2 is missing, or the folder is not inside a git repository."""


class IdentityMissing(GitError):
    """No author name/email in git config and none given."""


class NothingToCommit(GitError):
    """The chosen items have no changes against HEAD."""


class NoRemoteError(GitError):
    """The repository has no remote (or not the one asked for)."""


class AuthError(GitError):
    """The remote refused our credentials, or none were available."""


class RemoteUnreachable(GitError):
    """Offline, DNS failure, refused connection, or a remote path that does not exist."""


class DivergedError(GitError):
    """Push rejected: the remote has commits we do not have. Pull first."""


class LocalChangesError(GitError):
    """A pull would overwrite saved-but-uncommitted changes to these items."""

    def __init__(self, message: str, paths: Sequence[str], path: str | Path | None = None) -> None:
        super().__init__(message, path)
        self.paths = list(paths)


class MergeConflictError(DivergedError):
    """Both sides changed the same lines of these files; the working tree was left untouched."""

    def __init__(self, message: str, paths: Sequence[str], path: str | Path | None = None) -> None:
        super().__init__(message, path)
        self.paths = list(paths)
