"""The everyday tools around the open items: find and replace (item and folder), spelling
on/off, Fix All, and managing item files (open a file, duplicate, rename, move, delete).

The workbench builds one EditorTools and connects the menu actions to its slots in its
connect table; everything here goes through the core and the alerts seam.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from curator_app.core.errors import CuratorError
from curator_app.core.library import items as item_files
from curator_app.core.schema.infer import schema_for
from curator_app.core.schema.modified import stamp_modified
from curator_app.gui import alerts
from curator_app.gui.a11y import name_buttons, named
from curator_app.gui.documents import DocumentTabs
from curator_app.gui.find.find_bar import FindBar
from curator_app.gui.library import LibraryPane
from curator_app.gui.session import DocumentSession
from curator_app.gui.spell.service import spell_service

ITEM_FILTER = "Items (*.md *.markdown *.html *.htm);;All files (*)"


class RenameDialog(QDialog):
    def __init__(self, current: str, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("renameDialog")
        self.setWindowTitle("Rename Item File")
        self.name_edit = QLineEdit(suggested)
        self.name_edit.setObjectName("renameName")
        named(self.name_edit, "New file name, without extension", f"Now {current}; suggested from the title")
        self.name_edit.setMinimumWidth(420)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        name_buttons(buttons, {"OK": "Rename the file (Item ▸ Undo Rename or Move undoes it)"})
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Now: {current}\nNew name (from the title):"))
        layout.addWidget(self.name_edit)
        layout.addWidget(buttons)


class EditorTools(QObject):
    sig_message = Signal(str)

    def __init__(
        self, window: QWidget, tabs: DocumentTabs, library: LibraryPane, open_item: Callable[[Path], object]
    ) -> None:
        super().__init__(window)
        self.window, self.tabs, self.library, self._open_item = window, tabs, library, open_item
        self.find_bar = FindBar()
        self.last_move: item_files.Moved | None = None

    # --- find and replace ---------------------------------------------------------------

    def attach(self, session: DocumentSession | None) -> None:
        """The current item changed: the find bar searches it."""
        self.find_bar.attach(session, self.tabs.current_editor() if session is not None else None)

    def find(self) -> None:
        self.attach(self.tabs.current_session())
        self.find_bar.open_find()

    def replace(self) -> None:
        self.attach(self.tabs.current_session())
        self.find_bar.open_replace()

    def find_next(self) -> None:
        self.find_bar.find_next()

    def find_previous(self) -> None:
        self.find_bar.find_previous()

    def replace_in_folder(self) -> None:
        shown = self.library.model.visible_items()
        total = len(self.library.model.all_items())
        scope = f"{len(shown):,} items shown in the library" + (f" (filtered from {total:,})" if len(shown) < total else "")
        root = self.library.root

        def paths() -> list[Path]:
            return [root / i.path for i in self.library.model.visible_items()] if root else []

        from curator_app.gui.find.folder_dialog import ReplaceInFolderDialog

        dialog = ReplaceInFolderDialog(paths, scope, self.window)
        dialog.sig_applied.connect(self.library.adopt_bulk)
        alerts.run(dialog)

    def set_spelling(self, on: bool) -> None:
        spell_service().set_enabled(on)

    # --- problems -----------------------------------------------------------------------

    def fix_all(self) -> None:
        session, editor = self.tabs.current_session(), self.tabs.current_editor()
        if session is None or session.read_only:
            return
        from curator_app.core.lint.fixes import fix_all

        applied: list[str] = []
        session.edit("Fix all problems", lambda doc: applied.extend(fix_all(doc)))
        if editor is not None:
            editor.run_lint()
        self.sig_message.emit(f"Applied {len(applied)} fix{'es' * (len(applied) != 1)}" if applied
                              else "No automatic fixes to apply")

    def stamp_modified(self, session: DocumentSession) -> None:
        """Set the curated item's last-modified keys to now (one undoable edit)."""
        if schema_for(session.document).name != "curated-content":
            return
        session.edit("Update last modified", stamp_modified)

    # --- item files ---------------------------------------------------------------------

    def open_file(self) -> None:
        start = str(self.library.root or Path.home())
        path = alerts.choose_open_file(self.window, "Open Item File", start, ITEM_FILTER)
        if path is not None:
            self._open_item(path)

    def _current(self) -> DocumentSession | None:
        session = self.tabs.current_session()
        if session is None:
            self.sig_message.emit("Open an item first")
        return session

    def _closed_for(self, session: DocumentSession, action: str) -> bool:
        """Close the item's tab before its file moves; unsaved edits are saved first."""
        if session.is_dirty():
            answer = alerts.ask(self.window, "file-op-unsaved", action,
                                f"{session.path.name} has unsaved edits. Save them first?", ["Save", "Cancel"])
            if answer != "Save":
                return False
            try:
                session.save()
            except CuratorError as exc:
                alerts.tell(self.window, "file-op-failed", action, str(exc), level=alerts.Level.WARNING)
                return False
        self.tabs.close_index(self.tabs.index_of(session.path))
        return True

    def _done(self, text: str, open_path: Path | None) -> None:
        self.library.refresh()
        if open_path is not None:
            self._open_item(open_path)
        self.sig_message.emit(text)

    def _failed(self, action: str, exc: CuratorError) -> None:
        alerts.tell(self.window, "file-op-failed", action, str(exc), level=alerts.Level.WARNING)

    def duplicate(self) -> None:
        session = self._current()
        if session is None:
            return
        try:
            copy = item_files.duplicate_item(session.path)
        except CuratorError as exc:
            self._failed("Duplicate", exc)
            return
        self._done(f"Duplicated as {copy.name}", copy)

    def rename(self) -> None:
        session = self._current()
        if session is None:
            return
        try:
            suggested = item_files.slug_file_stem(session.document)
        except CuratorError:
            suggested = session.path.stem
        dialog = RenameDialog(session.path.name, suggested, self.window)
        if alerts.run(dialog) != QDialog.DialogCode.Accepted or not self._closed_for(session, "Rename"):
            return
        self._move(lambda: item_files.rename_item(session.path, dialog.name_edit.text()), "Rename", session.path)

    def move(self) -> None:
        session = self._current()
        if session is None:
            return
        section = alerts.choose_folder(self.window, "Move to Section", self.library.root)
        if section is None or not self._closed_for(session, "Move"):
            return
        self._move(lambda: item_files.move_item(session.path, section), "Move", session.path)

    def _move(self, operation: Callable[[], item_files.Moved], action: str, old: Path) -> None:
        try:
            moved = operation()
        except CuratorError as exc:
            self._failed(action, exc)
            self._open_item(old)
            return
        self.last_move = moved
        self._done(f"{action}d to {moved.item.relative_to(self.library.root) if self.library.root else moved.item}"
                   " (Item ▸ Undo Rename or Move puts it back)", moved.item)

    def undo_move(self) -> None:
        if self.last_move is None:
            self.sig_message.emit("No rename or move to undo")
            return
        session = next((s for s in self.tabs.sessions() if s.path == self.last_move.item), None)
        if session is not None and not self._closed_for(session, "Undo"):
            return
        try:
            back = item_files.undo_move(self.last_move)
        except CuratorError as exc:
            self._failed("Undo", exc)
            return
        self.last_move = None
        self._done(f"Put back {back.item.name}", back.item)

    def delete(self) -> None:
        session = self._current()
        if session is None:
            return
        answer = alerts.ask(
            self.window, "delete-item", "Delete Item",
            f"Move {session.path.name} and its images to the trash?",
            ["Move to Trash", "Cancel"], default="Cancel",
            detail="In a git folder the removal is staged; restore it from the trash or from History.",
        )
        if answer != "Move to Trash":
            return
        path = session.path
        self.tabs.close_index(self.tabs.index_of(path))
        try:
            item_files.delete_item(path)
        except CuratorError as exc:
            self._failed("Delete", exc)
            return
        self._done(f"Moved {path.name} to the trash", None)
