"""GitController: the one object the main window talks to for git.

It owns the ContentRepo of the open folder (or knows there is none), turns core results
into signals, and runs pull / push / fetch in a QThread so the window never freezes.
Every failure becomes one line on sig_error; nothing here raises into the caller.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

from curator_app.core.errors import CuratorError
from curator_app.core.git.errors import GitUnavailable
from curator_app.core.git.repo import (
    ContentRepo,
    git_available,
    init_repository,
    is_repository,
    open_repository,
)
from curator_app.gui.git.common import error_text
from curator_app.gui.git.credentials_dialog import PasswordAsker, Prompt

Author = tuple[str, str]

_PHASES = {
    "receiving": "receiving changes",
    "resolving": "unpacking changes",
    "sending": "sending changes",
}
_PROGRESS_INTERVAL = 0.1  # seconds between progress signals; libgit2 reports per object


class _Cancelled(Exception):
    """Raised from the progress callback to stop a transfer (remote.py lets it through)."""


class RemoteJob(QThread):
    """One pull, push or fetch on its own repository handle (libgit2 handles are not shared
    across threads)."""

    sig_progress = Signal(str, int, int)

    def __init__(
        self, folder: Path, action: str, ask: PasswordAsker, author: Author | None, parent: QObject
    ) -> None:
        super().__init__(parent)
        # Read on the GUI thread after `finished`: PullResult | PushResult | remote name.
        self.result: object = None
        self.error: str | None = None
        self.folder = folder
        self.action = action
        self._ask = ask
        self._author = author
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._last_phase = ""

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, event: Any) -> None:
        if self._cancel.is_set():
            raise _Cancelled
        now = time.monotonic()
        final = event.total and event.done >= event.total
        if event.phase == self._last_phase and not final and now - self._last_emit < _PROGRESS_INTERVAL:
            return
        self._last_emit, self._last_phase = now, event.phase
        verb = self.action.capitalize()
        if event.phase == "remote":
            text = f"{verb}: server says {event.message}" if event.message else f"{verb}…"
        else:
            text = f"{verb}: {_PHASES.get(event.phase, event.phase)}"
        self.sig_progress.emit(text, int(event.done), int(event.total))

    def run(self) -> None:
        from curator_app.core.git import remote

        try:
            cr = open_repository(self.folder)
            self.sig_progress.emit(f"{self.action.capitalize()}: contacting the remote…", 0, 0)
            result: object
            if self.action == "pull":
                result = remote.pull(cr, progress=self._progress, ask_password=self._ask, author=self._author)
            elif self.action == "push":
                result = remote.push(cr, progress=self._progress, ask_password=self._ask)
            else:
                result = remote.fetch(cr, progress=self._progress, ask_password=self._ask)
        except _Cancelled:
            self.error = f"{self.action} cancelled; nothing was changed"
        except CuratorError as exc:
            self.error = error_text(exc)
        except Exception as exc:  # a libgit2 surprise must reach the curator as a sentence
            self.error = f"{self.action} failed: {error_text(exc)}"
        else:
            self.result = result


class GitController(QObject):
    """Git for one content folder; see the package docstring for how to wire it."""

    sig_repository_changed = Signal(bool)  # git features available for the folder
    sig_status_changed = Signal(object)  # dict[Path, str]: changed files (absent = unchanged)
    sig_branch_changed = Signal(str)  # status-bar text: "main ↑1 ↓2 · 3 changed"
    sig_error = Signal(str)  # one line, for a message box or the status bar
    sig_message = Signal(str)  # one line of good news ("Pushed 2 commits to origin/main")
    sig_progress = Signal(str, int, int)  # text, done, total (total 0 = unknown)
    sig_busy = Signal(bool)  # a pull / push / fetch started, or ended (after its result signals)
    sig_pulled = Signal(object)  # list[Path]: files the pull changed (may be empty)
    sig_pushed = Signal(str)  # "origin/main"
    sig_committed = Signal(str)  # commit id

    def __init__(self, folder: str | Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder: Path | None = None
        self._cr: ContentRepo | None = None
        self._statuses: dict[Path, str] = {}
        self._job: RemoteJob | None = None
        self.author: Author | None = None  # app-settings identity; None = git config
        self.last_pull: Any = None  # the latest PullResult
        self.asker = PasswordAsker(parent=self)
        if folder is not None:
            self.set_folder(folder)

    # --- folder and repository ------------------------------------------------------------

    @property
    def folder(self) -> Path | None:
        return self._folder

    @property
    def repo(self) -> ContentRepo | None:
        return self._cr

    @property
    def has_repository(self) -> bool:
        return self._cr is not None

    @property
    def can_initialize(self) -> bool:
        """Offer "Initialize repository": a folder is open, git works, no repository yet."""
        return self._folder is not None and self._cr is None and git_available()

    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def statuses(self) -> dict[Path, str]:
        return dict(self._statuses)

    def set_dialog_parent(self, widget: QWidget | None) -> None:
        """Window the credential prompt is centred on."""
        self.asker.dialog_parent = widget

    def set_credential_prompt(self, prompt: Prompt | None) -> None:
        self.asker.set_prompt(prompt)

    def set_folder(self, folder: str | Path | None) -> None:
        """Open (or forget) the folder's repository; refreshes status when there is one."""
        self._folder = Path(folder) if folder is not None else None
        self._cr = None
        self._statuses = {}
        if self._folder is not None and is_repository(self._folder):
            try:
                self._cr = open_repository(self._folder)
            except CuratorError as exc:
                self.sig_error.emit(error_text(exc))
        self.sig_repository_changed.emit(self._cr is not None)
        if self._cr is not None:
            self.refresh_status()
        else:
            self.sig_status_changed.emit({})
            self.sig_branch_changed.emit("")

    def init_repository(self, folder: str | Path | None = None) -> bool:
        """Make the open folder (or `folder`) a repository; True on success."""
        target = Path(folder) if folder is not None else self._folder
        if target is None:
            self.sig_error.emit("open a folder first")
            return False
        try:
            init_repository(target)
        except CuratorError as exc:
            self.sig_error.emit(error_text(exc))
            return False
        self.set_folder(self._folder or target)
        self.sig_message.emit(f"Initialized a git repository in {target}")
        return self._cr is not None

    # --- status ---------------------------------------------------------------------------

    def refresh_status(self) -> dict[Path, str]:
        """Re-read item statuses and the branch line; cheap enough for every save."""
        from curator_app.core.git.status import branch_info, folder_status

        cr = self._cr
        if cr is None:
            return {}
        try:
            changed = folder_status(cr)
            info = branch_info(cr)
        except Exception as exc:  # a locked or corrupt index must not break saving
            self.sig_error.emit(f"cannot read git status: {error_text(exc)}")
            return self.statuses
        self._statuses = {cr.root / rel: str(status) for rel, status in changed.items()}
        self.sig_status_changed.emit(self.statuses)
        text = info.describe()
        if changed:
            text += f" · {len(changed)} changed"
        self.sig_branch_changed.emit(text)
        return self.statuses

    def status_of(self, path: str | Path) -> str:
        """Last known status of a file: new / modified / deleted / conflicted / unchanged."""
        real = Path(os.path.realpath(path))
        return self._statuses.get(real, "unchanged")

    # --- commit ---------------------------------------------------------------------------

    def commit(self, paths: Iterable[str | Path], message: str, author: Author | None = None) -> str | None:
        """Commit exactly these items; the commit id, or None after reporting sig_error."""
        from curator_app.core.git.commit import commit_items

        if self._cr is None:
            self.sig_error.emit("this folder is not a git repository; use Initialize repository")
            return None
        paths = list(paths)
        try:
            oid = commit_items(self._cr, paths, message, author or self.author)
        except CuratorError as exc:
            self.sig_error.emit(error_text(exc))
            return None
        self.after_commit(oid, len(paths))
        return oid

    def after_commit(self, oid: str, count: int) -> None:
        """Announce a commit made elsewhere (the CommitDialog) and refresh."""
        self.sig_committed.emit(oid)
        self.sig_message.emit(f"Committed {count} item{'s' if count != 1 else ''} ({oid[:7]})")
        self.refresh_status()

    def commit_dialog(self, parent: QWidget | None = None, checked: Iterable[str | Path] | None = None) -> Any:
        """A CommitDialog for the current changes, wired to refresh after committing."""
        from curator_app.gui.git.commit_dialog import CommitDialog

        if self._cr is None:
            self.sig_error.emit("this folder is not a git repository; use Initialize repository")
            return None
        dialog = CommitDialog(self._cr, self.refresh_status(), checked=checked, author=self.author, parent=parent)
        dialog.sig_committed.connect(lambda oid: self.after_commit(oid, len(dialog.committed_paths)))
        return dialog

    # --- pull / push ----------------------------------------------------------------------

    def pull(self) -> bool:
        return self._start("pull")

    def push(self) -> bool:
        return self._start("push")

    def fetch(self) -> bool:
        """Download without merging, to update the ahead / behind counts."""
        return self._start("fetch")

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Call before quitting: cancels a transfer and waits for its thread."""
        self.asker.close()
        job = self._job
        if job is not None:
            job.cancel()
            job.wait(timeout_ms)

    def _start(self, action: str) -> bool:
        if self._cr is None:
            self.sig_error.emit(f"cannot {action}: this folder is not a git repository")
            return False
        if self._job is not None:
            self.sig_error.emit(f"cannot {action}: a {self._job.action} is still running")
            return False
        job = RemoteJob(self._cr.folder, action, self.asker, self.author, self)
        job.sig_progress.connect(self.sig_progress)
        job.finished.connect(self._on_finished)
        self._job = job
        self.sig_busy.emit(True)
        job.start()
        return True

    @Slot()
    def _on_finished(self) -> None:
        job, self._job = self._job, None
        if job is None:
            return
        # `finished` comes from the worker just before its thread ends; wait it out so
        # nothing can destroy a running QThread.
        job.wait()
        job.deleteLater()
        self._reopen()
        if job.error is not None:
            self.sig_error.emit(job.error)
            self.refresh_status()
        else:
            self._report(job.result)
        # Last: whoever held back disk notices during the job has had sig_pulled by now.
        self.sig_busy.emit(False)

    def _report(self, result: object) -> None:
        from curator_app.core.git.remote import PullResult, PushResult

        cr = self._cr
        if isinstance(result, PullResult) and cr is not None:
            self.last_pull = result
            changed = [cr.root / rel for rel in result.changed_paths]
            if result.kind == "up-to-date":
                self.sig_message.emit("Already up to date")
            else:
                n = len(changed)
                self.sig_message.emit(f"Pulled changes to {n} file{'s' if n != 1 else ''}")
            self.refresh_status()
            self.sig_pulled.emit(changed)
        elif isinstance(result, PushResult):
            where = f"{result.remote}/{result.branch}"
            n = result.commits
            self.sig_message.emit(f"Pushed {n} commit{'s' if n != 1 else ''} to {where}")
            self.refresh_status()
            self.sig_pushed.emit(where)
        else:
            self.refresh_status()

    def _reopen(self) -> None:
        # The worker changed refs and the index through its own handle; start fresh.
        if self._folder is None:
            return
        try:
            self._cr = open_repository(self._cr.folder if self._cr is not None else self._folder)
        except GitUnavailable as exc:
            self._cr = None
            self.sig_error.emit(error_text(exc))
            self.sig_repository_changed.emit(False)

    # --- helpers for merging after a pull -------------------------------------------------

    def pre_pull_bytes(self, path: str | Path) -> bytes | None:
        """The item as it was before the last pull (the merge base for an open document)."""
        from curator_app.core.git.history import version_bytes

        pulled = self.last_pull
        if self._cr is None or pulled is None or pulled.old_head is None:
            return None
        try:
            return version_bytes(self._cr, path, pulled.old_head)
        except CuratorError:
            return None
