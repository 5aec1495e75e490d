"""Dialogs of the library: bulk tag/category edit with a diff preview (new_item.py has New Item).

It only collects input and calls the core (library.bulk); the pane keeps the undo record
of the last bulk edit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.errors import CuratorError
from curator_app.core.library.bulk import BulkOp, BulkPlan, UndoRecord, apply, plan
from curator_app.gui.a11y import name_buttons, named


def completer(values: list[str], parent: QWidget) -> QCompleter:
    """Case-insensitive completion matching anywhere in the values."""
    completer = QCompleter(values, parent)
    completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
    completer.setFilterMode(completer.filterMode().MatchContains)
    return completer


class BulkEditDialog(QDialog):
    """Add / remove / rename a tag or category on the selected items, after a preview."""

    sig_applied = Signal(object)  # UndoRecord

    def __init__(self, paths: list[Path], tags: list[str], categories: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Bulk edit {len(paths)} item{'' if len(paths) == 1 else 's'}")
        self.paths = paths
        self._values = {"tags": tags, "categories": categories}
        self.plan: BulkPlan | None = None
        self.record: UndoRecord | None = None
        self.kind = QComboBox()
        for label, kind in (("Add", "add"), ("Remove", "remove"), ("Rename", "rename")):
            self.kind.addItem(label, kind)
        self.field = QComboBox()
        self.field.addItem("Tag", "tags")
        self.field.addItem("Category", "categories")
        self.value = QLineEdit()
        self.new_value = QLineEdit()
        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.summary = QLabel()
        self.preview_button = QPushButton("Preview")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setEnabled(False)
        named(self.kind, "Action", "Add, remove or rename the value on the selected items")
        named(self.field, "Field", "Edit tags or categories")
        named(self.value, "Value", "The tag or category to add, remove or rename")
        named(self.new_value, "New value", "What the value is renamed to (Rename only)")
        named(self.preview, "Changes", "The diff the bulk edit would write, file by file")
        named(self.preview_button, "Preview", "Show the changes before anything is written")
        name_buttons(buttons, {"Apply": "Write the previewed changes to every file (Item ▸ Undo Last Bulk Edit undoes it)"})
        form = QFormLayout()
        form.addRow("Action", self.kind)
        form.addRow("Field", self.field)
        form.addRow("Value", self.value)
        form.addRow("New value", self.new_value)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._inputs_changed)
        self.field.currentIndexChanged.connect(self._inputs_changed)
        self.value.textChanged.connect(self._inputs_changed)
        self.new_value.textChanged.connect(self._inputs_changed)
        self.preview_button.clicked.connect(self.make_preview)
        self.apply_button.clicked.connect(self.apply_plan)
        buttons.rejected.connect(self.reject)
        self._inputs_changed()

    def op(self) -> BulkOp | None:
        try:
            return BulkOp(self.kind.currentData(), self.field.currentData(),
                          self.value.text().strip(), self.new_value.text().strip() or None)
        except ValueError:
            return None

    def _inputs_changed(self) -> None:
        self.new_value.setEnabled(self.kind.currentData() == "rename")
        values = self._values[self.field.currentData()]
        self.value.setCompleter(completer(values, self))
        self.new_value.setCompleter(completer(values, self))
        self.plan = None
        self.apply_button.setEnabled(False)
        self.preview_button.setEnabled(self.op() is not None)

    def make_preview(self) -> None:
        op = self.op()
        if op is None:
            return
        self.plan = plan(self.paths, op)
        self.preview.setPlainText(self.plan.diff())
        parts = [f"{len(self.plan.changes)} files change", f"{len(self.plan.unchanged)} unchanged"]
        if self.plan.errors:
            parts.append(f"{len(self.plan.errors)} unreadable (left alone): " + "; ".join(self.plan.errors[:3]))
        self.summary.setText(", ".join(parts))
        self.apply_button.setEnabled(bool(self.plan.changes))

    def apply_plan(self) -> None:
        if self.plan is None:
            return
        try:
            self.record = apply(self.plan)
        except CuratorError as exc:
            self.summary.setText(f"Nothing was written: {exc}")
            self.apply_button.setEnabled(False)
            return
        self.sig_applied.emit(self.record)
        self.accept()
