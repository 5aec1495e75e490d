"""History of one item: its commits, each commit's field changes, and restoring from them.

Restoring edits the caller's open Document through `apply(fn)`, so the lead can run it
as one undoable step (DocumentSession.edit) and the item simply becomes unsaved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.algebra.diff import FieldChange, key_label
from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.git.history import HistoryEntry, item_history, restore_field, restore_item
from curator_app.core.git.repo import ContentRepo
from curator_app.gui import theme
from curator_app.gui.a11y import name_buttons, named
from curator_app.gui.git.common import error_text, sentence

ApplyFn = Callable[[Callable[[Document], Any]], Any]

HISTORY_LIMIT = 500  # commits listed; older ones are rarely what a curator restores from


def _apply_directly(document: Document) -> ApplyFn:
    def apply(fn: Callable[[Document], Any]) -> Any:
        return fn(document)

    return apply


class HistoryDialog(QDialog):
    """Commits that changed the item (newest first) and the selected commit's field changes."""

    sig_restored = Signal(object)  # list[FieldChange] applied to the document

    def __init__(
        self,
        cr: ContentRepo,
        document: Document,
        apply: ApplyFn | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if document.path is None:
            raise ValueError("the history needs a saved item (the document has no path)")
        self.setObjectName("gitHistoryDialog")
        self.cr = cr
        self.document = document
        self.path = Path(document.path)
        self._apply = apply or _apply_directly(document)
        self.setWindowTitle(f"History of {self.path.name}")

        self.commits = QTreeWidget()
        self.commits.setObjectName("gitHistoryCommits")
        self.commits.setHeaderLabels(["Date", "Author", "Message"])
        self.commits.setRootIsDecorated(False)
        self.commits.setUniformRowHeights(True)
        header = self.commits.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.changes = QTreeWidget()
        self.changes.setObjectName("gitHistoryChanges")
        self.changes.setHeaderLabels(["Field", "Change in this commit"])
        self.changes.setRootIsDecorated(False)
        self.changes.setWordWrap(True)
        self.changes.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.changes.header().setStretchLastSection(True)
        self.details = QLabel()
        self.details.setObjectName("gitHistoryDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.restore_field_button = QPushButton("Restore this field")
        self.restore_field_button.setObjectName("gitRestoreField")
        self.restore_field_button.setToolTip("Put this field's value from the selected version into the editor")
        self.restore_item_button = QPushButton("Restore whole item")
        self.restore_item_button.setObjectName("gitRestoreItem")
        self.restore_item_button.setToolTip("Make the item in the editor equal to the selected version")
        named(self.commits, "Commits", "The commits that changed this item, newest first")
        named(self.changes, "Field changes", "What the selected commit changed, field by field")
        for button in (self.restore_field_button, self.restore_item_button):
            named(button, button.text(), button.toolTip())
            # Enter must never restore by accident.
            button.setAutoDefault(False)
        self.restore_field_button.clicked.connect(self.restore_selected_field)
        self.restore_item_button.clicked.connect(self.restore_whole_item)
        self.status = QLabel()
        self.status.setObjectName("gitHistoryStatus")
        self.status.setWordWrap(True)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details)
        right_layout.addWidget(self.changes, 1)
        restore_bar = QHBoxLayout()
        restore_bar.addWidget(self.restore_field_button)
        restore_bar.addWidget(self.restore_item_button)
        restore_bar.addStretch(1)
        right_layout.addLayout(restore_bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.commits)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        buttons = name_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(820, 640)

        self.entries: list[HistoryEntry] = []
        self.commits.currentItemChanged.connect(lambda *_: self._show_entry())
        self.changes.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    # --- filling --------------------------------------------------------------------------

    def reload(self) -> None:
        self.commits.clear()
        try:
            self.entries = item_history(self.cr, self.path, limit=HISTORY_LIMIT)
        except (CuratorError, KeyError, ValueError) as exc:
            self.entries = []
            self._say(f"Cannot read the history: {error_text(exc)}", error=True)
        for entry in self.entries:
            row = QTreeWidgetItem([entry.when.strftime("%Y-%m-%d %H:%M"), entry.author, entry.summary])
            row.setToolTip(2, entry.message.strip())
            row.setToolTip(1, entry.email)
            self.commits.addTopLevelItem(row)
        if not self.entries:
            self.details.setText("This item has no committed versions yet.")
        else:
            self.select_commit(0)
        self._show_entry()

    def selected_entry(self) -> HistoryEntry | None:
        row = self.commits.currentItem()
        if row is None:
            return None
        index = self.commits.indexOfTopLevelItem(row)
        return self.entries[index] if 0 <= index < len(self.entries) else None

    def selected_key(self) -> KeyPath | None:
        row = self.changes.currentItem()
        if row is None:
            return None
        key = row.data(0, Qt.ItemDataRole.UserRole)
        return tuple(key) if key is not None else None

    def select_commit(self, index: int) -> None:
        row = self.commits.topLevelItem(index)
        if row is None:
            raise IndexError(index)
        self.commits.setCurrentItem(row)

    def _change_rows(self) -> list[QTreeWidgetItem]:
        rows = (self.changes.topLevelItem(i) for i in range(self.changes.topLevelItemCount()))
        return [r for r in rows if r is not None]

    def select_field(self, key: KeyPath) -> None:
        for row in self._change_rows():
            if row.data(0, Qt.ItemDataRole.UserRole) == list(key):
                self.changes.setCurrentItem(row)
                return
        raise KeyError(key)

    def field_rows(self) -> list[str]:
        return [row.text(1) for row in self._change_rows()]

    def _show_entry(self) -> None:
        self.changes.clear()
        entry = self.selected_entry()
        if entry is not None:
            kind = {"added": "created the item", "deleted": "deleted the item"}.get(entry.kind, "changed the item")
            self.details.setText(
                f"<b>{entry.short_id}</b> by {entry.author} on {entry.when.strftime('%Y-%m-%d %H:%M')} {kind}"
            )
            if entry.parse_error:
                self.details.setText(self.details.text() + f"<br>Field changes unavailable: {entry.parse_error}")
            for change in entry.changes:
                # Lists keep the key as a list: QVariant round-trips lists, not tuples.
                row = QTreeWidgetItem([key_label(change.key), change.describe()])
                row.setData(0, Qt.ItemDataRole.UserRole, list(change.key))
                row.setToolTip(1, change.describe())
                self.changes.addTopLevelItem(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        usable = entry is not None and entry.kind != "deleted" and not self.document.read_only_reason
        self.restore_item_button.setEnabled(usable)
        self.restore_field_button.setEnabled(usable and self.selected_key() is not None)

    def _say(self, text: str, error: bool = False) -> None:
        theme.style(self.status, lambda: theme.text_colour("error") if error else "")
        self.status.setText(text)

    # --- restoring ------------------------------------------------------------------------

    def restore_selected_field(self) -> FieldChange | None:
        entry, key = self.selected_entry(), self.selected_key()
        if entry is None or key is None:
            self._say("Select a version and one of its fields first.", error=True)
            return None
        done: list[FieldChange | None] = []

        def change(doc: Document) -> None:
            done.append(restore_field(doc, self.cr, entry.commit, key))

        if not self._run(change):
            return None
        result = done[0] if done else None
        label = key_label(key)
        if result is None:
            self._say(f"{sentence(label)} already has the value from {entry.short_id}.")
        else:
            self._say(f"Restored {label} from {entry.short_id}; save to keep it, or undo.")
            self.sig_restored.emit([result])
        return result

    def restore_whole_item(self) -> list[FieldChange]:
        entry = self.selected_entry()
        if entry is None:
            self._say("Select a version first.", error=True)
            return []
        done: list[list[FieldChange]] = []

        def change(doc: Document) -> None:
            done.append(restore_item(doc, self.cr, entry.commit))

        if not self._run(change):
            return []
        changes = done[0] if done else []
        if not changes:
            self._say(f"The item already equals the version from {entry.short_id}.")
        else:
            n = len(changes)
            self._say(
                f"Restored the item from {entry.short_id} ({n} field{'s' if n != 1 else ''}); save to keep it, or undo."
            )
            self.sig_restored.emit(changes)
        return changes

    def _run(self, change: Callable[[Document], None]) -> bool:
        try:
            self._apply(change)
        except CuratorError as exc:
            self._say(sentence(error_text(exc)), error=True)
            return False
        return True
