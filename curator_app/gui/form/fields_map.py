"""A nested map (or a list of non-strings) shown as a sub-form of generic editors.

Each leaf commits under its own key path, so editing one nested value changes only its
line in the file, never the whole mapping.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QWidget

from curator_app.core.algebra.keypath import format_key
from curator_app.core.document.document import KeyPath
from curator_app.core.schema.schema import Field
from curator_app.gui.form.base import FieldEditor
from curator_app.gui.form.label import field_label


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return ("map", tuple((k, _shape(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", tuple(_shape(v) for v in value))
    return type(value).__name__


class MapEditor(FieldEditor):
    kind = "map"
    sig_child_edited = Signal(object)  # the leaf FieldEditor the user changed
    sig_child_done = Signal(object)

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        self.frame = QFrame()
        self.frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.form = QFormLayout(self.frame)
        self.form.setContentsMargins(6, 4, 6, 4)
        self.row_layout.addWidget(self.frame, 1)
        self.leaves: dict[KeyPath, FieldEditor] = {}
        self._shape: Any = None

    def _show(self, value: Any) -> None:
        shape = _shape(value)
        if shape != self._shape:
            self._rebuild(value)
            self._shape = shape
        for key, editor in self.leaves.items():
            editor.load(_get(value, key[len(self.key) :]))

    def _rebuild(self, value: Any) -> None:
        from curator_app.gui.form.factory import make_editor

        while self.form.rowCount():
            self.form.removeRow(0)
        self.leaves.clear()
        items: list[tuple[Any, Any]]
        if isinstance(value, dict):
            items = list(value.items())
        elif isinstance(value, list):
            items = list(enumerate(value))
        else:
            items = []
        if not items:
            self.form.addRow(QLabel("(empty)"))
        for k, v in items:
            key = (*self.key, k)
            editor = make_editor(key, None, v, self.frame)
            if isinstance(editor, MapEditor):
                editor.sig_child_edited.connect(self.sig_child_edited)
                editor.sig_child_done.connect(self.sig_child_done)
                editor.load(v)
                self.leaves.update(editor.leaves)
            else:
                editor.sig_edited.connect(lambda e=editor: self.sig_child_edited.emit(e))
                editor.sig_done.connect(lambda e=editor: self.sig_child_done.emit(e))
                self.leaves[key] = editor
            label = field_label(f"[{k}]" if isinstance(k, int) else str(k))
            editor.describe(" › ".join(str(p) for p in key), f"Part of {format_key(self.key)}; key {format_key(key)}")
            label.setBuddy(editor.focus_target())
            self.form.addRow(label, editor)

    def value(self) -> Any:
        return self.loaded_value

    def describe(self, name: str, description: str) -> None:
        # Each leaf was named by its own key path when the sub-form was built.
        return None

    def focus_target(self) -> QWidget:
        first = next(iter(self.leaves.values()), None)
        return first.focus_target() if first is not None else self


def _get(value: Any, rel: KeyPath) -> Any:
    for part in rel:
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value
