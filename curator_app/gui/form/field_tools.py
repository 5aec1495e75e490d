"""Add, remove and reorder any front-matter field: the dialogs and the undoable edits.

Each change is one step on the session's undo stack, made by the document core in the
file's own syntax. Questions go through alerts, so tests fill the dialogs directly.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.algebra.keypath import format_key
from curator_app.core.document.document import KeyPath
from curator_app.core.document.fields import FIELD_TYPES, add_field, check_new_key, move_field, parse_value
from curator_app.core.errors import CuratorError
from curator_app.gui import alerts, theme
from curator_app.gui.a11y import name_buttons, named
from curator_app.gui.form.icons import icon
from curator_app.gui.session import DocumentSession

_PLACEHOLDERS = {
    "text": "value",
    "number": "42 or 3.5",
    "bool": "true or false",
    "date": "2026-01-31 or 2026-01-31T09:30:00",
    "long_text": "text over several lines",
    "list": "one per line, or separated by commas",
}


class AddFieldDialog(QDialog):
    """Name, type and first value of a new field; OK only once the value reads as that type."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addFieldDialog")
        self.setWindowTitle("Add Field")
        self.session = session
        self.key = QLineEdit()
        self.key.setObjectName("fieldKey")
        self.key.setPlaceholderText("name, e.g. title")
        self.kind = QComboBox()
        self.kind.setObjectName("fieldType")
        for kind, label in FIELD_TYPES.items():
            self.kind.addItem(label, kind)
        self.line = QLineEdit()
        self.line.setObjectName("fieldValue")
        self.lines = QPlainTextEdit()
        self.lines.setObjectName("fieldValueLines")
        self.lines.setTabChangesFocus(True)
        self.lines.setFixedHeight(self.lines.fontMetrics().lineSpacing() * 5 + 10)
        named(self.key, "Field name", "The new field's key, e.g. title")
        named(self.kind, "Field type", "What kind of value the new field holds")
        named(self.line, "Field value", "The new field's first value")
        named(self.lines, "Field value", "The new field's first value, over several lines")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        theme.style_text(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Name:", self.key)
        form.addRow("&Type:", self.kind)
        form.addRow("&Value:", self.line)
        form.addRow("", self.lines)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Add")
        name_buttons(buttons, {"Add": "Add the field to the item"})
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self._on_kind()
        self.value: Any = None

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def _on_kind(self) -> None:
        kind = str(self.kind.currentData())
        multi = kind in ("long_text", "list")
        self.line.setVisible(not multi)
        self.lines.setVisible(multi)
        (self.lines if multi else self.line).setPlaceholderText(_PLACEHOLDERS[kind])

    def text(self) -> str:
        return self.lines.toPlainText() if self.kind.currentData() in ("long_text", "list") else self.line.text()

    def accept(self) -> None:
        try:
            key = check_new_key(self.session.document, self.key.text())
            value = parse_value(str(self.kind.currentData()), self.text())
        except (CuratorError, ValueError) as exc:
            self.error.setText(exc.message if isinstance(exc, CuratorError) else str(exc))
            self.error.show()
            return
        self.key.setText(key)
        self.value = value
        super().accept()


class RemoveFieldDialog(QDialog):
    def __init__(self, keys: list[KeyPath], current: KeyPath | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("removeFieldDialog")
        self.setWindowTitle("Remove Field")
        self.keys = keys
        self.choice = QComboBox()
        self.choice.setObjectName("fieldChoice")
        for key in keys:
            self.choice.addItem(format_key(key))
        if current in keys:
            self.choice.setCurrentIndex(keys.index(current))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Remove")
        name_buttons(buttons, {"Remove": "Remove the chosen field from the item"})
        named(self.choice, "Field to remove", "Which of the item's other fields to remove")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Field:", self.choice)
        form.addRow(buttons)

    def key(self) -> KeyPath:
        return self.keys[self.choice.currentIndex()]


def ask_add_field(parent: QWidget | None, session: DocumentSession) -> str | None:
    """Ask for a new field and add it as one undo step; the key added, or None."""
    dialog = AddFieldDialog(session, parent)
    if alerts.run(dialog, "addFieldDialog") != QDialog.DialogCode.Accepted:
        return None
    key, value = dialog.key.text(), dialog.value
    return key if _edit(parent, session, f"Add field {key}", lambda d: add_field(d, key, value)) else None


def ask_remove_field(
    parent: QWidget | None, session: DocumentSession, keys: list[KeyPath], current: KeyPath | None
) -> KeyPath | None:
    """Remove a field (the current one offered first) as one undo step; the key removed, or None."""
    if not keys:
        alerts.tell(parent, "no-field-to-remove", "Remove Field", "This item has no other fields to remove.")
        return None
    dialog = RemoveFieldDialog(keys, current, parent)
    if alerts.run(dialog, "removeFieldDialog") != QDialog.DialogCode.Accepted:
        return None
    key = dialog.key()
    return key if _edit(parent, session, f"Remove field {format_key(key)}", lambda d: d.delete(key)) else None


def move(parent: QWidget | None, session: DocumentSession, key: str, step: int, among: list[str]) -> bool:
    return _edit(parent, session, f"Move field {key}", lambda d: move_field(d, key, step, among))


def _edit(parent: QWidget | None, session: DocumentSession, label: str, change: Any) -> bool:
    session.end_merge()
    try:
        return session.edit(label, change)
    except CuratorError as exc:
        alerts.tell(parent, "field-edit-failed", "Field", str(exc), level=alerts.Level.WARNING)
        return False
    finally:
        session.end_merge()


class FieldBar(QWidget):
    """The buttons at the top of the form's "Other fields" section."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("otherFieldsBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 4)
        self.add_button = _button("fa5s.plus", "Add field…", "addFieldButton", "Add a field of any name and type")
        self.remove_button = _button("fa5s.minus", "Remove…", "removeFieldButton", "Remove one of the other fields")
        self.up_button = _button("fa5s.arrow-up", "", "moveFieldUpButton", "Move the current field up (Alt+Shift+Up)")
        self.down_button = _button(
            "fa5s.arrow-down", "", "moveFieldDownButton", "Move the current field down (Alt+Shift+Down)"
        )
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)


def _button(icon_name: str, text: str, name: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setIcon(icon(icon_name))
    button.setText(text)
    button.setToolTip(tip)
    named(button, text or tip.split(" (")[0], tip)
    button.setToolButtonStyle(
        Qt.ToolButtonStyle.ToolButtonTextBesideIcon if text else Qt.ToolButtonStyle.ToolButtonIconOnly
    )
    return button
