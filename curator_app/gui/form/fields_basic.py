"""Editors for scalar fields: text, long text with a length counter, URL, enum, bool, int."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.document.document import KeyPath
from curator_app.core.schema.schema import Field
from curator_app.gui import theme
from curator_app.gui.form.base import FieldEditor
from curator_app.gui.form.icons import icon
from curator_app.gui.spell.underline import check_spelling


class _FocusOutPlainText(QPlainTextEdit):
    def __init__(self, owner: FieldEditor) -> None:
        super().__init__()
        self._owner = owner

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self._owner.sig_done.emit()


def _text_of(value: Any) -> str:
    return "" if value is None else str(value)


class TextEditor(FieldEditor):
    """One-line text. An empty box keeps a null a null (``key: null`` stays as it is)."""

    kind = "text"

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        self.edit = QLineEdit()
        self.edit.textEdited.connect(self._changed)
        self.edit.editingFinished.connect(self.sig_done)
        self.row_layout.addWidget(self.edit, 1)
        if self.kind == "text":  # prose; URLs, slugs and the like are never spell checked
            check_spelling(self.edit)

    def _show(self, value: Any) -> None:
        self.edit.setText(_text_of(value))
        self.edit.setPlaceholderText("null" if value is None else "")
        self.edit.setCursorPosition(0)

    def value(self) -> Any:
        text = self.edit.text()
        if not text and self.loaded_value is None:
            return None
        return text

    def focus_target(self) -> QWidget:
        return self.edit


class UrlEditor(TextEditor):
    kind = "url"

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        self.open_button = QToolButton()
        self.open_button.setIcon(icon("fa5s.external-link-alt"))
        self.open_button.setToolTip("Open in browser")
        self.open_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.open_button.clicked.connect(self.open_in_browser)
        self.row_layout.addWidget(self.open_button)

    def _show(self, value: Any) -> None:
        super()._show(value)
        self.open_button.setEnabled(bool(value))

    def validate(self) -> str | None:
        text = self.edit.text().strip()
        if text and " " in text:
            return "a URL cannot contain spaces"
        return None

    def open_in_browser(self) -> None:
        text = self.edit.text().strip()
        if text:
            QDesktopServices.openUrl(QUrl(text))


class LongTextEditor(FieldEditor):
    """Several lines, with a character counter against the field's platform limits."""

    kind = "longtext"

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        self.edit = _FocusOutPlainText(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 10)
        self.edit.textChanged.connect(self._on_text)
        check_spelling(self.edit)
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counter.setWordWrap(True)  # the limits list must not set the form's minimum width
        self.counter.setObjectName("charCounter")
        box.addWidget(self.edit)
        box.addWidget(self.counter)
        self.row_layout.addLayout(box, 1)
        self.limits = dict(field.limits) if field else {}

    def _on_text(self) -> None:
        self._update_counter()
        self._changed()

    def _update_counter(self) -> None:
        n = len(self.edit.toPlainText())
        parts = []
        over = False
        for name, limit in sorted(self.limits.items(), key=lambda kv: kv[1]):
            parts.append(f"{name} {limit}")
            over = over or n > limit
        text = f"{n} characters" + (f"  ·  limits: {', '.join(parts)}" if parts else "")
        self.counter.setText(text)
        theme.style_text(self.counter, "error" if over else "muted")
        self.counter.setToolTip("Over a platform limit" if over else "")

    def _show(self, value: Any) -> None:
        self.edit.setPlainText(_text_of(value))
        self.edit.setPlaceholderText("null" if value is None else "")
        self._update_counter()

    def value(self) -> Any:
        text = self.edit.toPlainText()
        if not text and self.loaded_value is None:
            return None
        return text

    def focus_target(self) -> QWidget:
        return self.edit


class IntEditor(FieldEditor):
    """A spin box; its lowest step means "no value" (null)."""

    kind = "int"
    NONE = -1

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        self.spin = QSpinBox()
        self.spin.setRange(self.NONE, 2**31 - 1)
        self.spin.setSpecialValueText("null")
        self.spin.setMinimumWidth(110)
        self.spin.valueChanged.connect(self._changed)
        self.spin.editingFinished.connect(self.sig_done)
        self.row_layout.addWidget(self.spin)
        self.row_layout.addStretch(1)

    def _show(self, value: Any) -> None:
        self.spin.setValue(value if isinstance(value, int) and not isinstance(value, bool) else self.NONE)

    def value(self) -> Any:
        v = self.spin.value()
        return None if v == self.NONE else v

    def focus_target(self) -> QWidget:
        return self.spin


class BoolEditor(FieldEditor):
    kind = "bool"

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        self.check = QCheckBox()
        self.check.stateChanged.connect(self._changed)
        self.row_layout.addWidget(self.check)
        self.row_layout.addStretch(1)

    def _show(self, value: Any) -> None:
        # A missing or null value shows as the third state so nothing is written by looking.
        self.check.setTristate(value is None)
        if value is None:
            self.check.setCheckState(Qt.CheckState.PartiallyChecked)
        else:
            self.check.setChecked(bool(value))

    def value(self) -> Any:
        state = self.check.checkState()
        if state == Qt.CheckState.PartiallyChecked:
            return None
        return state == Qt.CheckState.Checked

    def focus_target(self) -> QWidget:
        return self.check


class EnumEditor(FieldEditor):
    """Editable combo: the schema's choices plus the values seen in the folder."""

    kind = "enum"

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumWidth(200)
        self._choices = list(field.choices or ()) if field else []
        self.combo.addItems(self._choices)
        self.combo.currentTextChanged.connect(self._changed)
        self.row_layout.addWidget(self.combo)
        self.row_layout.addStretch(1)

    def set_completions(self, values: list[str]) -> None:
        current = self.combo.currentText()
        self._loading = True
        try:
            for v in values:
                if self.combo.findText(v) < 0:
                    self.combo.addItem(v)
            self.combo.setCurrentText(current)
        finally:
            self._loading = False

    def _show(self, value: Any) -> None:
        text = _text_of(value)
        if text and self.combo.findText(text) < 0:
            self.combo.addItem(text)
        self.combo.setCurrentText(text)

    def value(self) -> Any:
        text = self.combo.currentText()
        if not text and self.loaded_value is None:
            return None
        return text

    def validate(self) -> str | None:
        return None

    def focus_target(self) -> QWidget:
        return self.combo
