"""Saving, reverting and closing: one item, all of them, or the window, and the
Save / Discard / Cancel question that guards unsaved edits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog

from curator_app.core.errors import CuratorError, WriteConflictError
from curator_app.gui import alerts, folder_tabs
from curator_app.gui.actions import Actions
from curator_app.gui.actions.sessions import SessionActions
from curator_app.gui.documents import item_name, prompt_names, prompt_title
from curator_app.gui.gone_items import missing
from curator_app.gui.parts import WindowParts
from curator_app.gui.save_diff import SaveDiffDialog
from curator_app.gui.session import DocumentSession


class SaveActions(Actions):
    def __init__(self, parts: WindowParts, sessions: SessionActions,
                 conflict: Callable[[DocumentSession], object]) -> None:
        """conflict: asks what to do when the file changed on disk since it was read."""
        super().__init__(parts)
        self._sessions, self._conflict = sessions, conflict

    def save_current(self) -> bool:
        session = self.parts.tabs.current_session()
        return self.save(session) if session is not None else False

    def save_all(self) -> bool:
        return all(self.save(s) for s in self.parts.tabs.dirty_sessions())

    def save(self, session: DocumentSession, force: bool = False) -> bool:
        parts = self.parts
        if session.read_only:
            return False
        if parts.menu["stamp_modified"].isChecked() and session.is_dirty():
            parts.tools.stamp_modified(session)  # before the diff, so the diff shows it
        if parts.menu["confirm_diff"].isChecked() and not force:
            old = session.path.read_bytes() if session.path.exists() else b""
            dialog = SaveDiffDialog(session.path, old, session.document.to_bytes(), parts.window,
                                    title=item_name(session))
            if alerts.run(dialog) != QDialog.DialogCode.Accepted:
                return False
        try:
            if not missing(session.path):
                session.save(force=force)
            elif not parts.gone.save_missing(session):
                return False
        except WriteConflictError:
            self._conflict(session)
            return False
        except CuratorError as exc:
            # The edits stay in the editor; the file on disk is untouched (atomic writer).
            alerts.tell(parts.window, "save-failed", "Could not save", str(exc), level=alerts.Level.WARNING)
            return False
        self._sessions.update_title(session)
        self._sessions.update_actions()
        return True

    def revert_current(self) -> None:
        session = self.parts.tabs.current_session()
        if session is None or not session.is_dirty():
            return
        answer = alerts.ask(
            self.parts.window,
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
        if self.parts.tabs.count():
            self.close_tab(self.parts.tabs.currentIndex())

    def close_tab(self, index: int) -> None:
        tabs = self.parts.tabs
        session = tabs.session_at(index)
        if session is not None and session.is_dirty() and not self.confirm_discard([session]):
            return
        tabs.close_index(index)
        self._sessions.update_actions()
        if not tabs.count():
            self._sessions.update_title(None)

    def confirm_close_all(self) -> bool:
        """The window is closing: True once unsaved edits are dealt with and every part has shut down."""
        parts = self.parts
        dirty = parts.tabs.dirty_sessions()
        if dirty and not self.confirm_discard(dirty):
            return False
        if parts.folder is not None:
            folder_tabs.remember(parts.settings, parts.folder, parts.tabs)
        parts.tabs.close_all()
        if parts.preview is not None:
            parts.preview.shutdown()
        parts.autosaver.shutdown()
        parts.recovery.close()
        parts.library.shutdown()
        parts.git.shutdown()
        return True

    def confirm_discard(self, sessions: list[DocumentSession], name: str = "unsaved-changes",
                        why: str = "before closing", save: str = "Save") -> bool:
        """Ask Save / Discard / Cancel for unsaved edits; True when it is fine to close."""
        names, paths = prompt_names(sessions)
        answer = alerts.ask(
            self.parts.window,
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
