"""Editor for a list of strings (tags, categories, authors): add, remove, reorder, complete."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QWidget,
)

from curator_app.core.document.document import KeyPath
from curator_app.core.schema.schema import Field
from curator_app.gui import theme
from curator_app.gui.form.base import FieldEditor
from curator_app.gui.form.icons import icon


class StringListEditor(FieldEditor):
    kind = "strings"

    def __init__(self, key: KeyPath, field: Field | None = None, parent: QWidget | None = None) -> None:
        super().__init__(key, field, parent)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2)
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.setToolTip("The values in order: Delete removes one, Alt+Up/Down moves it, F2 edits it")
        self.list.itemChanged.connect(self._changed)
        self.list.model().rowsMoved.connect(self._changed)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText("Add…  (Enter)")
        self.entry.returnPressed.connect(self.add_entry)
        self._completions = QStringListModel([])
        completer = QCompleter(self._completions, self.entry)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(completer)
        # Queued: QLineEdit puts the completion in the box after the signal; adding (and
        # clearing the box) must come after that.
        completer.activated.connect(self._add_completion, Qt.ConnectionType.QueuedConnection)
        self.notice = QLabel()
        self.notice.setObjectName("listNotice")
        self.notice.setWordWrap(True)
        theme.style_text(self.notice, "muted")
        self.notice.hide()
        self.entry.textEdited.connect(lambda _t: self.notice.hide())
        self.add_button = self._button("fa5s.plus", "Add the typed value", self.add_entry)
        self.remove_button = self._button("fa5s.minus", "Remove the selected value (Delete)", self.remove_selected)
        self.up_button = self._button("fa5s.arrow-up", "Move up", lambda: self.move_selected(-1))
        self.down_button = self._button("fa5s.arrow-down", "Move down", lambda: self.move_selected(1))
        grid.addWidget(self.entry, 0, 0)
        grid.addWidget(self.add_button, 0, 1)
        grid.addWidget(self.list, 1, 0, 3, 1)
        grid.addWidget(self.remove_button, 1, 1)
        grid.addWidget(self.up_button, 2, 1)
        grid.addWidget(self.down_button, 3, 1)
        grid.addWidget(self.notice, 4, 0, 1, 2)
        self.row_layout.addLayout(grid, 1)
        self.list.installEventFilter(self)

    def _button(self, name: str, tip: str, slot: Any) -> QToolButton:
        b = QToolButton()
        b.setIcon(icon(name))
        b.setToolTip(tip)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard uses Enter / Delete / Alt+arrows
        b.clicked.connect(slot)
        return b

    def eventFilter(self, obj: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if obj is self.list and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Delete:
                self.remove_selected()
                return True
            if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_selected(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(obj, event)

    def set_completions(self, values: list[str]) -> None:
        self._completions.setStringList(sorted(set(values), key=str.lower))

    def _show(self, value: Any) -> None:
        self.list.clear()
        items = value if isinstance(value, list) else ([] if value is None else [value])
        for v in items:
            self._append(str(v) if v is not None else "")
        self._fit()

    def _append(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
        self.list.addItem(item)
        return item

    def _fit(self) -> None:
        rows = max(2, min(self.list.count(), 6))
        line = self.list.fontMetrics().lineSpacing() + 4  # an empty list has no row to measure
        self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), line) + 2 * self.list.frameWidth() + 2)

    def add_entry(self) -> None:
        popup = self.entry.completer().popup()
        if popup is not None and popup.isVisible() and popup.currentIndex().isValid():
            return  # Enter picks the highlighted completion; _add_completion adds that
        self._add(self.entry.text())

    def _add_completion(self, text: str) -> None:
        self._add(text)

    def _add(self, raw: str) -> None:
        text = raw.strip()
        if not text:
            return
        self.entry.clear()
        existing = [self.list.item(i).text() for i in range(self.list.count())]
        same = next((e for e in existing if e.casefold() == text.casefold()), None)
        if same is not None:
            self.notice.setText(f"“{same}” is already in the list; not added again.")
            self.notice.show()
            return
        self.notice.hide()
        self._append(text)
        self._fit()
        self._changed()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._fit()
        self._changed()

    def move_selected(self, step: int) -> None:
        row = self.list.currentRow()
        new = row + step
        if row < 0 or not 0 <= new < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(new, item)
        self.list.setCurrentRow(new)
        self._changed()

    def value(self) -> Any:
        values = [self.list.item(i).text() for i in range(self.list.count())]
        if not values and self.loaded_value is None:
            return None
        return values

    def focus_target(self) -> QWidget:
        return self.entry
