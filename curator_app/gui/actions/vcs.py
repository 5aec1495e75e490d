"""Git from the window: the repository's state in the menus and status bar, commit, diff,
history, and holding disk notices while a pull rewrites files."""

from __future__ import annotations

from collections.abc import Callable

from curator_app.core.document.document import Document
from curator_app.gui import alerts
from curator_app.gui.actions import Actions
from curator_app.gui.disk_changes import DiskChanges
from curator_app.gui.parts import WindowParts


class VcsActions(Actions):
    def __init__(self, parts: WindowParts, disk: DiskChanges, save_all: Callable[[], bool]) -> None:
        super().__init__(parts)
        self._disk, self._save_all = disk, save_all

    def repository_changed(self, present: bool) -> None:
        self.parts.menu.set_git_available(present)
        if not present:
            self.parts.window.branch_label.setText("not a git repository")

    def progress(self, text: str, done: int, total: int) -> None:
        suffix = f" {done}/{total}" if total else ""
        self.parts.window.show_message(f"{text}{suffix}")

    def error(self, text: str) -> None:
        # The status bar must not go on saying "contacting the remote…" after a failure.
        self.parts.window.show_message(f"Git: {text}", 15000)
        alerts.tell(self.parts.window, "git-error", "Git", text, level=alerts.Level.WARNING)

    def busy(self, busy: bool) -> None:
        """A pull rewrites files: disk notices wait until its result has been merged."""
        parts = self.parts
        parts.menu.set_git_busy(busy)
        if busy:
            parts.library.watcher.hold()
            return
        for path in parts.library.watcher.release():
            self._disk.file_changed(path)
        parts.library.refresh()

    def commit(self) -> None:
        parts = self.parts
        if parts.tabs.dirty_sessions():
            answer = alerts.ask(
                parts.window,
                "save-before-commit",
                "Commit",
                "Save the open items with unsaved changes first?",
                ["Save", alerts.CANCEL],
            )
            if answer != "Save" or not self._save_all():
                return
        session = parts.tabs.current_session()
        dialog = parts.git.commit_dialog(parts.window, checked=[session.path] if session else None)
        if dialog is not None:
            alerts.run(dialog)

    def show_diff(self) -> None:
        parts = self.parts
        session = parts.tabs.current_session()
        if session is None or parts.git.repo is None:
            return
        from curator_app.gui.git.diff_view import DiffDialog

        alerts.run(DiffDialog(parts.git.repo, session.path, document=session.document, parent=parts.window))

    def show_history(self) -> None:
        parts = self.parts
        session = parts.tabs.current_session()
        if session is None or parts.git.repo is None:
            return

        def apply(fn: Callable[[Document], object]) -> None:
            session.edit("Restore from history", fn)

        from curator_app.gui.git.history_dialog import HistoryDialog

        alerts.run(HistoryDialog(parts.git.repo, session.document, apply=apply, parent=parts.window))
