"""Linked-field widgets: the copies badge, the "update the copies?" bar, "Make same" rows.

The prompt is an inline bar under the field, never a modal dialog: the user keeps typing
and answers when ready (and tests can click it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.schema.linked import LinkedGroup, expected_values
from curator_app.gui import theme
from curator_app.gui.a11y import named
from curator_app.gui.form.icons import icon


def _short(value: Any, width: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


class LinkedBadge(QToolButton):
    """"🔗 4 copies" next to a linked field; the tooltip lists each copy and its state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setIcon(icon("fa5s.link"))
        self.setToolButtonStyle(self.toolButtonStyle().ToolButtonTextBesideIcon)
        self.setObjectName("linkedBadge")
        named(self, "Linked copies", "This field's value is also stored in other keys")

    def show_group(self, group: LinkedGroup, primary_label: str, is_primary: bool, label_of: Callable[[KeyPath], str]) -> None:
        want = expected_values(group)
        lines = []
        for k in group.copies:
            mark = "✓" if group.values.get(k) == want.get(k) else "≠"
            lines.append(f"{mark} {label_of(k)}  ({format_key(k)})")
        others = len(group.copies) - 1
        if is_primary:
            self.setText(f"{others} cop{'y' if others == 1 else 'ies'}" + ("" if group.agree else " ≠"))
            head = f"Linked group '{group.name}': one fact stored in {len(group.copies)} keys"
        else:
            self.setText("copy")
            head = f"Copy of {primary_label} (linked group '{group.name}')"
        self.setToolTip(head + "\n" + "\n".join(lines))
        named(self, f"Linked copies: {self.text()}", self.toolTip())


class LinkedPrompt(QFrame):
    """Inline bar: "Also update 3 copies that held the same value?  [Update copies] [Keep]"."""

    sig_accept = Signal()
    sig_dismiss = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkedPrompt")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        theme.style(self, lambda: "#linkedPrompt { background: palette(alternate-base); border-radius: 3px; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.accept_button = QPushButton(icon("fa5s.check"), "Update copies")
        self.accept_button.setObjectName("linkedAccept")
        self.dismiss_button = QPushButton("Keep copies")
        named(self.accept_button, "Update copies", "Give the linked copies the new value too")
        named(self.dismiss_button, "Keep copies", "Leave the linked copies as they are")
        self.accept_button.clicked.connect(self.sig_accept)
        self.dismiss_button.clicked.connect(self.sig_dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(self.label, 1)
        row.addWidget(self.accept_button)
        row.addWidget(self.dismiss_button)
        self.keys: list[KeyPath] = []
        self.hide()

    def offer(self, keys: list[KeyPath], label_of: Callable[[KeyPath], str], note: str = "") -> None:
        self.keys = keys
        names = ", ".join(label_of(k) for k in keys)
        text = f"Also update {len(keys)} linked cop{'y' if len(keys) == 1 else 'ies'} that held the same value? ({names})"
        self.label.setText(f"{text}\n{note}" if note else text)
        self.label.setToolTip("\n".join(format_key(k) for k in keys))
        self.show()


class DivergencePanel(QWidget):
    """The copies of a group that say something else, each with a one-click "Make same"."""

    sig_make_same = Signal(object, object)  # key, value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("divergencePanel")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(1)
        self.buttons: dict[KeyPath, QPushButton] = {}
        self._shown: Any = None
        self.hide()

    def show_group(self, group: LinkedGroup | None, label_of: Callable[[KeyPath], str]) -> None:
        rows: list[tuple[KeyPath, Any, Any]] = []
        group_primary = group.primary if group is not None else None
        if group is not None:
            want = expected_values(group)
            rows = [(k, group.values.get(k), want.get(k)) for k in group.disagreeing()]
        if repr(rows) == self._shown:
            return
        self._shown = repr(rows)
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons.clear()
        for key, have, want in rows:
            line = QWidget()
            h = QHBoxLayout(line)
            h.setContentsMargins(0, 0, 0, 0)
            if key == group_primary:
                # The field itself is the odd one out: say what its copies hold instead.
                text = QLabel(f"≠ <b>its copies say</b>: {_escape(_short(want))}")
            else:
                text = QLabel(f"≠ <b>{label_of(key)}</b>: {_escape(_short(have))}")
            text.setWordWrap(True)
            text.setToolTip(f"{format_key(key)} = {have!r}\nexpected: {want!r}")
            button = QPushButton(icon("fa5s.equals"), "Use theirs" if key == group_primary else "Make same")
            button.setToolTip(f"Set {format_key(key)} to {_short(want, 200)!r}")
            named(button, f"{button.text()}: {label_of(key)}", button.toolTip())
            button.clicked.connect(lambda _c=False, k=key, v=want: self.sig_make_same.emit(k, v))
            h.addWidget(text, 1)
            h.addWidget(button)
            self._layout.addWidget(line)
            self.buttons[key] = button
        self.setVisible(bool(rows))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
