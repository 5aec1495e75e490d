"""Git from the window: the repository's state in the menus and status bar, commit, diff,
history, and holding disk notices while a pull rewrites files."""

from __future__ import annotations

from collections.abc import Callable

from curator_app.core.document.document import Document
from curator_app.gui import alerts
from curator_app.gui.actions import Actions


class VcsActions(Actions):
    def repository_changed(self, present: bool) -> None:
        self.bench.menu.set_git_available(present)
        if not present:
            self.bench.window.branch_label.setText("not a git repository")

    def progress(self, text: str, done: int, total: int) -> None:
        suffix = f" {done}/{total}" if total else ""
        self.bench.window.show_message(f"{text}{suffix}")

    def error(self, text: str) -> None:
        # The status bar must not go on saying "contacting the remote…" after a failure.
        self.bench.window.show_message(f"Git: {text}", 15000)
        alerts.tell(self.bench.window, "git-error", "Git", text, level=alerts.Level.WARNING)

    def busy(self, busy: bool) -> None:
        """A pull rewrites files: disk notices wait until its result has been merged."""
        bench = self.bench
        bench.menu.set_git_busy(busy)
        if busy:
            bench.library.watcher.hold()
            return
        for path in bench.library.watcher.release():
            bench.disk.file_changed(path)
        bench.library.refresh()

    def commit(self) -> None:
        bench = self.bench
        if bench.tabs.dirty_sessions():
            answer = alerts.ask(
                bench.window,
                "save-before-commit",
                "Commit",
                "Save the open items with unsaved changes first?",
                ["Save", alerts.CANCEL],
            )
            if answer != "Save" or not bench.save_all():
                return
        session = bench.tabs.current_session()
        dialog = bench.git.commit_dialog(bench.window, checked=[session.path] if session else None)
        if dialog is not None:
            alerts.run(dialog)

    def show_diff(self) -> None:
        bench = self.bench
        session = bench.tabs.current_session()
        if session is None or bench.git.repo is None:
            return
        from curator_app.gui.git.diff_view import DiffDialog

        alerts.run(DiffDialog(bench.git.repo, session.path, document=session.document, parent=bench.window))

    def show_history(self) -> None:
        bench = self.bench
        session = bench.tabs.current_session()
        if session is None or bench.git.repo is None:
            return

        def apply(fn: Callable[[Document], object]) -> None:
            session.edit("Restore from history", fn)

        from curator_app.gui.git.history_dialog import HistoryDialog

        alerts.run(HistoryDialog(bench.git.repo, session.document, apply=apply, parent=bench.window))
