"""Pull and push the content folder, with progress and the user's own credentials.

Both are plain blocking functions: the GUI runs them in a worker thread and passes a
`progress` callable (called from that thread). An exception raised by `progress` aborts
the transfer and propagates, which is how a Cancel button works.

Pull = fetch + fast-forward, or a merge commit when both sides have commits and no file
conflicts. On conflicts, or when the pull would overwrite saved-but-uncommitted changes,
nothing in the working tree is touched and a specific error says why.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pygit2
from pygit2.enums import CheckoutStrategy, CredentialType, MergeAnalysis

from curator_app.core.git.commit import Author, _signature
from curator_app.core.git.credentials import AskPassword, helper_credentials, ssh_key_files
from curator_app.core.git.errors import (
    AuthError,
    DivergedError,
    GitError,
    LocalChangesError,
    MergeConflictError,
    NoRemoteError,
    RemoteUnreachable,
)
from curator_app.core.git.repo import ContentRepo
from curator_app.core.git.status import current_branch, folder_status, upstream_reference


@dataclass(frozen=True)
class Progress:
    phase: str  # "receiving" | "resolving" | "sending" | "remote"
    done: int
    total: int
    message: str = ""  # text from the server ("Counting objects: 10% ...")


ProgressFn = Callable[[Progress], None]


@dataclass(frozen=True)
class PullResult:
    kind: str  # "up-to-date" | "fast-forward" | "merged"
    old_head: str | None
    new_head: str | None
    changed_paths: list[str] = field(default_factory=list)  # repo-relative, changed by the pull


@dataclass(frozen=True)
class PushResult:
    remote: str
    branch: str
    commits: int  # how many commits the remote did not have


class _Callbacks(pygit2.RemoteCallbacks):
    def __init__(self, cr: ContentRepo, progress: ProgressFn | None, ask: AskPassword | None):
        super().__init__()
        self._cr = cr
        self._progress = progress
        self._ask = ask
        self._ssh_tries = 0
        self._helper_tried = False
        self._asked = False
        self.auth_attempted = False
        self.rejected: dict[str, str] = {}

    def credentials(
        self, url: str, username_from_url: str | None, allowed_types: CredentialType
    ) -> pygit2.Username | pygit2.UserPass | pygit2.Keypair | pygit2.KeypairFromAgent:
        self.auth_attempted = True
        user = username_from_url or "git"
        if allowed_types & CredentialType.USERNAME:
            return pygit2.Username(user)
        if allowed_types & CredentialType.SSH_KEY:
            # libgit2 calls again after each refusal: agent first, then each key file.
            choices: list[pygit2.KeypairFromAgent | pygit2.Keypair] = []
            if os.environ.get("SSH_AUTH_SOCK"):
                choices.append(pygit2.KeypairFromAgent(user))
            choices += [pygit2.Keypair(user, str(pub), str(priv), "") for pub, priv in ssh_key_files()]
            if self._ssh_tries < len(choices):
                self._ssh_tries += 1
                return choices[self._ssh_tries - 1]
            raise AuthError(
                "the server refused your SSH keys (check that ssh-agent holds a key the "
                "server accepts, or that your key has no passphrase)",
                url,
            )
        if allowed_types & CredentialType.USERPASS_PLAINTEXT:
            if not self._helper_tried:
                self._helper_tried = True
                found = helper_credentials(self._cr.repo.config, url, username_from_url, cwd=self._cr.root)
                if found:
                    return pygit2.UserPass(*found)
            if self._ask is not None and not self._asked:
                self._asked = True
                answer = self._ask(url, username_from_url)
                if answer:
                    return pygit2.UserPass(*answer)
            raise AuthError("the server refused the user name and password (or token)", url)
        raise AuthError("the server asks for a kind of login Curator cannot provide", url)

    def certificate_check(self, certificate: None, valid: bool, host: bytes) -> bool:
        if not valid:
            raise RemoteUnreachable(f"the server's certificate is not valid for {host.decode()}")
        return True

    def transfer_progress(self, stats: pygit2.remotes.TransferProgress) -> None:
        if self._progress is None:
            return
        if stats.total_deltas and stats.received_objects == stats.total_objects:
            self._progress(Progress("resolving", stats.indexed_deltas, stats.total_deltas))
        else:
            self._progress(Progress("receiving", stats.received_objects, stats.total_objects))

    def push_transfer_progress(self, objects_pushed: int, total_objects: int, bytes_pushed: int) -> None:
        if self._progress is not None:
            self._progress(Progress("sending", objects_pushed, total_objects))

    def sideband_progress(self, string: str) -> None:
        if self._progress is not None:
            self._progress(Progress("remote", 0, 0, string.strip()))

    def push_update_reference(self, refname: str, message: str | None) -> None:
        if message:
            self.rejected[refname] = message


_AUTH_HINTS = ("authenticat", "401", "403", "permission denied", "credentials", "publickey")
_OFFLINE_HINTS = (
    "failed to resolve",
    "could not resolve",
    "failed to connect",
    "connection refused",
    "timed out",
    "network is unreachable",
    "could not find repository",
    "no such file or directory",
    "not found",
    "does not appear to be a git repository",
    "unsupported url protocol",
    "no route to host",
)
_DIVERGED_HINTS = ("non-fastforward", "non-fast-forward", "fetch first", "not present locally")


def _is_local(url: str) -> bool:
    if url.startswith("file://") or re.match(r"[A-Za-z]:[\\/]", url):
        return True
    # Anything else with a scheme or scp-like "host:path" is a network remote.
    return "://" not in url and ":" not in url.split("/", 1)[0]


def _translate(exc: pygit2.GitError, remote: pygit2.Remote, action: str, root: Path) -> GitError:
    text = str(exc)
    low = text.lower()
    url = str(remote.url)
    where = f"remote '{remote.name}' ({url})"
    if any(h in low for h in _DIVERGED_HINTS):
        return DivergedError(
            f"cannot {action}: {where} has changes you do not have yet; pull first, then push",
            root,
        )
    if any(h in low for h in _AUTH_HINTS):
        return AuthError(f"cannot {action}: {where} refused the login ({text})", root)
    if _is_local(url):
        # libgit2 words a missing local path oddly ("unsupported URL protocol").
        return RemoteUnreachable(
            f"cannot {action}: {where} cannot be reached: the folder is missing or is not a "
            f"git repository (is the drive mounted?) ({text})",
            root,
        )
    if any(h in low for h in _OFFLINE_HINTS):
        return RemoteUnreachable(
            f"cannot {action}: {where} cannot be reached; are you offline? ({text})", root
        )
    return GitError(f"cannot {action} with {where}: {text}", root)


def _remote(cr: ContentRepo, name: str | None) -> pygit2.Remote:
    remotes = list(cr.repo.remotes)
    if not remotes:
        raise NoRemoteError(
            "this repository has no remote to pull from or push to; add one "
            "(for example: git remote add origin <url>)",
            cr.root,
        )
    if name is None:
        up = upstream_reference(cr)
        if up is not None:
            name = up.name.removeprefix("refs/remotes/").split("/", 1)[0]
        elif any(r.name == "origin" for r in remotes):
            name = "origin"
        else:
            name = remotes[0].name
    for remote in remotes:
        if remote.name == name:
            return remote
    raise NoRemoteError(f"there is no remote named '{name}'", cr.root)


def _network(cr: ContentRepo, remote: pygit2.Remote, action: str, run: Callable[[], object]) -> None:
    try:
        run()
    except GitError:
        raise
    except pygit2.GitError as exc:
        raise _translate(exc, remote, action, cr.root) from exc
    except OSError as exc:  # raised by libgit2 for some local paths
        raise RemoteUnreachable(
            f"cannot {action}: remote '{remote.name}' ({remote.url}) cannot be reached ({exc})",
            cr.root,
        ) from exc


def fetch(
    cr: ContentRepo,
    remote_name: str | None = None,
    progress: ProgressFn | None = None,
    ask_password: AskPassword | None = None,
    action: str = "fetch",
) -> str:
    """Download the remote's commits (updates ahead/behind); returns the remote's name."""
    remote = _remote(cr, remote_name)
    callbacks = _Callbacks(cr, progress, ask_password)
    _network(cr, remote, action, lambda: remote.fetch(callbacks=callbacks))
    return str(remote.name)


def _changed_between(cr: ContentRepo, old: pygit2.Oid | None, new: pygit2.Oid | str) -> list[str]:
    """Repo-relative paths that differ between two commits/trees (old None = empty tree)."""
    repo = cr.repo
    new_tree = repo[new].peel(pygit2.Tree)
    if old is None:
        diff = new_tree.diff_to_tree(swap=True)
    else:
        diff = repo[old].peel(pygit2.Tree).diff_to_tree(new_tree)
    paths = set()
    for delta in diff.deltas:
        paths.add(delta.old_file.path)
        paths.add(delta.new_file.path)
    return sorted(paths)


def _guard_local_changes(cr: ContentRepo, incoming: list[str]) -> None:
    dirty = folder_status(_whole(cr))
    clash = sorted(set(incoming) & set(dirty))
    if clash:
        raise LocalChangesError(
            "the pull changes items you saved but did not commit: "
            + ", ".join(clash)
            + ". Commit them first, then pull again.",
            clash,
            cr.root,
        )


def _whole(cr: ContentRepo) -> ContentRepo:
    """The same repository seen from its root, so status covers every file."""
    return ContentRepo(cr.repo, cr.root, cr.root)


def _checkout(cr: ContentRepo, tree: pygit2.Tree) -> None:
    try:
        cr.repo.checkout_tree(tree, strategy=CheckoutStrategy.SAFE)
    except pygit2.GitError as exc:
        raise LocalChangesError(
            f"the pull would overwrite local files; commit or move them first ({exc})", [], cr.root
        ) from exc


def pull(
    cr: ContentRepo,
    remote_name: str | None = None,
    progress: ProgressFn | None = None,
    ask_password: AskPassword | None = None,
    author: Author | None = None,
) -> PullResult:
    repo = cr.repo
    branch = current_branch(cr)
    if branch is None:
        raise GitError("cannot pull: HEAD is detached; switch to a branch first", cr.root)
    name = fetch(cr, remote_name, progress, ask_password, action="pull")
    up = upstream_reference(cr)
    if up is None:
        ref = repo.references.get(f"refs/remotes/{name}/{branch}")
        if ref is None:
            # An empty remote (nothing pushed yet) or one without our branch.
            return PullResult(
                "up-to-date",
                None if repo.head_is_unborn else str(repo.head.target),
                None if repo.head_is_unborn else str(repo.head.target),
            )
        up = ref
    theirs = up.resolve().target
    assert isinstance(theirs, pygit2.Oid)

    if repo.head_is_unborn:
        changed = _changed_between(cr, None, theirs)
        _checkout(cr, repo[theirs].peel(pygit2.Tree))
        repo.references.create(f"refs/heads/{branch}", theirs, force=True)
        _track(cr, branch, name)
        return PullResult("fast-forward", None, str(theirs), changed)

    ours = repo.head.target
    assert isinstance(ours, pygit2.Oid)
    analysis, _pref = repo.merge_analysis(theirs)
    if analysis & MergeAnalysis.UP_TO_DATE:
        return PullResult("up-to-date", str(ours), str(ours))
    if analysis & MergeAnalysis.FASTFORWARD:
        changed = _changed_between(cr, ours, theirs)
        _guard_local_changes(cr, changed)
        _checkout(cr, repo[theirs].peel(pygit2.Tree))
        repo.references[f"refs/heads/{branch}"].set_target(theirs, f"pull: fast-forward to {up.shorthand}")
        return PullResult("fast-forward", str(ours), str(theirs), changed)

    # Both sides have commits: merge in memory first, so a conflict leaves the tree alone.
    index = repo.merge_commits(ours, theirs)
    if index.conflicts is not None:
        paths = sorted({(entry.path) for triple in index.conflicts for entry in triple if entry is not None})
        raise MergeConflictError(
            "your commits and the remote's change the same lines of: "
            + ", ".join(paths)
            + ". Nothing was changed locally; resolve by editing one side and committing.",
            paths,
            cr.root,
        )
    tree_id = index.write_tree(repo)
    changed = _changed_between(cr, ours, tree_id)
    _guard_local_changes(cr, changed)
    sig = _signature(cr, author)
    _checkout(cr, repo[tree_id].peel(pygit2.Tree))
    message = f"Merge {up.shorthand} into {branch}\n"
    merge = repo.create_commit("HEAD", sig, sig, message, tree_id, [ours, theirs])
    return PullResult("merged", str(ours), str(merge), changed)


def _track(cr: ContentRepo, branch: str, remote: str) -> None:
    local = cr.repo.branches.local.get(branch)
    tracking = cr.repo.branches.remote.get(f"{remote}/{branch}")
    if local is not None and tracking is not None:
        try:
            # pygit2's stubs say a branch always has an upstream; without one it is None.
            upstream: object = local.upstream
            if upstream is None:
                local.upstream = tracking
        except (KeyError, pygit2.GitError):
            local.upstream = tracking


def push(
    cr: ContentRepo,
    remote_name: str | None = None,
    progress: ProgressFn | None = None,
    ask_password: AskPassword | None = None,
) -> PushResult:
    repo = cr.repo
    branch = current_branch(cr)
    if branch is None:
        raise GitError("cannot push: HEAD is detached; switch to a branch first", cr.root)
    if repo.head_is_unborn:
        raise GitError("nothing to push yet: commit first", cr.root)
    remote = _remote(cr, remote_name)
    up = upstream_reference(cr)
    head = repo.head.target
    if up is not None:
        commits, _behind = repo.ahead_behind(head, up.resolve().target)
    else:
        commits = sum(1 for _ in repo.walk(head))
    callbacks = _Callbacks(cr, progress, ask_password)
    spec = f"refs/heads/{branch}:refs/heads/{branch}"
    _network(cr, remote, "push", lambda: remote.push([spec], callbacks=callbacks))
    if callbacks.rejected:
        reason = "; ".join(callbacks.rejected.values())
        if any(h in reason.lower() for h in (*_DIVERGED_HINTS, "rejected")):
            raise DivergedError(
                f"cannot push: remote '{remote.name}' has changes you do not have yet "
                f"({reason}); pull first, then push",
                cr.root,
            )
        raise GitError(f"remote '{remote.name}' refused the push: {reason}", cr.root)
    tracking = f"refs/remotes/{remote.name}/{branch}"
    repo.references.create(tracking, head, force=True)
    _track(cr, branch, str(remote.name))
    return PushResult(str(remote.name), branch, commits)


def remote_url(cr: ContentRepo, remote_name: str | None = None) -> str | None:
    try:
        return str(_remote(cr, remote_name).url)
    except NoRemoteError:
        return None


__all__ = [
    "Progress",
    "PullResult",
    "PushResult",
    "fetch",
    "pull",
    "push",
    "remote_url",
]
