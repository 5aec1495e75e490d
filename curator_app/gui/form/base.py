"""The contract every field editor follows: load a value, report edits, give its value back.

One small class per kind of field (text, date, list of strings...), each knowing how to
show a value, validate what the user typed and turn it back into front-matter data.
The form commits values through the document session; an editor never touches the
Document itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from curator_app.core.document.document import KeyPath
from curator_app.core.schema.schema import Field
from curator_app.gui.a11y import named, operable, plain

_UNSET = object()


class FieldEditor(QWidget):
    sig_edited = Signal()  # the user changed the value (every keystroke)
    sig_done = Signal()  # the user finished with the field (focus left, Enter)

    kind = "text"

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.field = field
        self._value: Any = _UNSET
        self._loading = False
        self.row_layout = QHBoxLayout(self)
        self.row_layout.setContentsMargins(0, 0, 0, 0)
        self.row_layout.setSpacing(4)

    # --- the contract -------------------------------------------------------------------

    def load(self, value: Any) -> None:
        """Show ``value`` unless it is what the editor already holds (keeps the cursor)."""
        if self._value is not _UNSET and type(value) is type(self._value) and value == self._value:
            return
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False
        self._value = value

    def value(self) -> Any:
        raise NotImplementedError

    def validate(self) -> str | None:
        """A message when the current input cannot be committed."""
        return None

    def committed(self, value: Any) -> None:
        """The form wrote ``value`` to the document: remember it as loaded."""
        self._value = value

    def focus_target(self) -> QWidget:
        return self

    def describe(self, name: str, description: str) -> None:
        """Name the input after the field and its other controls after what they do for it
        ("Tags: Move up"), all described by the field's help and key."""
        target = self.focus_target()
        named(target, name, description)
        for part in self.findChildren(QWidget):
            if part is not target and operable(part):
                role = part.toolTip().split("\n")[0] or plain(str(getattr(part, "text", str)() or ""))
                named(part, f"{name}: {role}" if role else name, description)

    def set_completions(self, values: list[str]) -> None:
        """Values seen elsewhere in the folder (list and enum editors use them)."""

    # --- for subclasses -----------------------------------------------------------------

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _changed(self, *_args: Any) -> None:
        if not self._loading:
            self.sig_edited.emit()

    @property
    def loaded_value(self) -> Any:
        return None if self._value is _UNSET else self._value
