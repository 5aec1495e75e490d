"""Saving, reverting and closing: one item, all of them, or the window, and the
Save / Discard / Cancel question that guards unsaved edits."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from curator_app.core.errors import CuratorError, WriteConflictError
from curator_app.gui import alerts, folder_tabs
from curator_app.gui.actions import Actions
from curator_app.gui.documents import item_name, prompt_names, prompt_title
from curator_app.gui.gone_items import missing
from curator_app.gui.save_diff import SaveDiffDialog
from curator_app.gui.session import DocumentSession


class SaveActions(Actions):
    def save_current(self) -> bool:
        session = self.bench.tabs.current_session()
        return self.save(session) if session is not None else False

    def save_all(self) -> bool:
        return all(self.save(s) for s in self.bench.tabs.dirty_sessions())

    def save(self, session: DocumentSession, force: bool = False) -> bool:
        bench = self.bench
        if session.read_only:
            return False
        if bench.menu["stamp_modified"].isChecked() and session.is_dirty():
            bench.tools.stamp_modified(session)  # before the diff, so the diff shows it
        if bench.menu["confirm_diff"].isChecked() and not force:
            old = session.path.read_bytes() if session.path.exists() else b""
            dialog = SaveDiffDialog(session.path, old, session.document.to_bytes(), bench.window,
                                    title=item_name(session))
            if alerts.run(dialog) != QDialog.DialogCode.Accepted:
                return False
        try:
            if not missing(session.path):
                session.save(force=force)
            elif not bench.gone.save_missing(session):
                return False
        except WriteConflictError:
            bench.disk.ask_external_change(session, saving=True)
            return False
        except CuratorError as exc:
            # The edits stay in the editor; the file on disk is untouched (atomic writer).
            alerts.tell(bench.window, "save-failed", "Could not save", str(exc), level=alerts.Level.WARNING)
            return False
        bench.sessions.update_title(session)
        bench.sessions.update_actions()
        return True

    def revert_current(self) -> None:
        session = self.bench.tabs.current_session()
        if session is None or not session.is_dirty():
            return
        answer = alerts.ask(
            self.bench.window,
            "revert",
            "Revert",
            f"Throw away the unsaved changes to {prompt_title(session)}?",
            ["Discard", alerts.CANCEL],
            default=alerts.CANCEL,  # Enter must never throw edits away
            detail=str(session.path),
        )
        if answer == "Discard":
            session.revert()

    def close_current(self) -> None:
        if self.bench.tabs.count():
            self.close_tab(self.bench.tabs.currentIndex())

    def close_tab(self, index: int) -> None:
        tabs = self.bench.tabs
        session = tabs.session_at(index)
        if session is not None and session.is_dirty() and not self.confirm_discard([session]):
            return
        tabs.close_index(index)
        self.bench.sessions.update_actions()
        if not tabs.count():
            self.bench.sessions.update_title(None)

    def confirm_close_all(self) -> bool:
        """The window is closing: True once unsaved edits are dealt with and every part has shut down."""
        bench = self.bench
        dirty = bench.tabs.dirty_sessions()
        if dirty and not self.confirm_discard(dirty):
            return False
        if bench.folder is not None:
            folder_tabs.remember(bench.settings, bench.folder, bench.tabs)
        bench.tabs.close_all()
        if bench.preview is not None:
            bench.preview.shutdown()
        bench.autosaver.shutdown()
        bench.recovery.close()
        bench.library.shutdown()
        bench.git.shutdown()
        return True

    def confirm_discard(self, sessions: list[DocumentSession], name: str = "unsaved-changes",
                        why: str = "before closing", save: str = "Save") -> bool:
        """Ask Save / Discard / Cancel for unsaved edits; True when it is fine to close."""
        names, paths = prompt_names(sessions)
        answer = alerts.ask(
            self.bench.window,
            name,
            "Unsaved changes",
            f"Save the changes to {names} {why}?",
            [save, "Discard", alerts.CANCEL],
            default=save,
            detail=paths,
            level=alerts.Level.WARNING,
        )
        if answer == save:
            return all(self.save(s) for s in sessions)
        return answer == "Discard"
