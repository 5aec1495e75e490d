"""Merge another version of an item (pulled, or saved by another program) into the
curator's unsaved edits, field by field.

Fields only one side changed are listed as merged; each field both sides changed gets a
row with the original, your and the pulled value, and a choice: keep yours, take the
pulled one, or edit. OK applies the choices to the MergeResult's document; Cancel
touches nothing (the open document keeps every unsaved edit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.algebra.diff import MISSING, FieldChange
from curator_app.core.algebra.merge3 import MergeConflict, MergeResult
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.gui import theme
from curator_app.gui.a11y import name_buttons, named
from curator_app.gui.git.common import (
    ABSENT_TEXT,
    edits_as_text,
    error_label,
    error_text,
    parse_value_text,
    sentence,
    show_error,
    value_text,
)

MINE = "mine"
THEIRS = "theirs"
EDIT = "edit"


_BOX_WIDTH = 260  # pixels a value column gets in the default dialog size
_MAX_LINES = 8  # taller values scroll inside their box


def _lines_needed(text: str, box: QPlainTextEdit) -> int:
    """Wrapped line count of `text` in a value column, to size the three boxes alike."""
    # Word wrapping leaves lines short of the full width; 0.8 keeps long values unclipped.
    per_line = max(10, int(0.8 * _BOX_WIDTH / max(1, QFontMetrics(box.font()).averageCharWidth())))
    return sum(max(1, -(-len(par) // per_line)) for par in text.split("\n"))


def _value_box(value: Any, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit(value_text(value))
    box.setObjectName(name)
    box.setReadOnly(True)
    box.setFrameShape(QFrame.Shape.StyledPanel)
    box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    box.setProperty("absent", value is MISSING)
    _mark(box, chosen=False)
    return box


def _mark(box: QPlainTextEdit, chosen: bool) -> None:
    """Frame the value that will be kept, so the choice is visible at a glance."""
    theme.style(box, lambda: _mark_style(box, chosen))


def _mark_style(box: QPlainTextEdit, chosen: bool) -> str:
    style = f"color: {theme.tone('muted').name()}; font-style: italic;" if box.property("absent") else ""
    if chosen:
        style += f"border: 2px solid {theme.tone('ok').name()}; border-radius: 3px;"
    return f"QPlainTextEdit {{ {style} }}" if style else ""


def _fit_heights(boxes: list[QPlainTextEdit]) -> None:
    lines = max(_lines_needed(b.toPlainText(), b) for b in boxes)
    lines = max(2, min(_MAX_LINES, lines))
    for box in boxes:
        # Document margin, frame and viewport margins on top of the text lines.
        extra = int(2 * box.document().documentMargin()) + 2 * box.frameWidth() + 8
        box.setFixedHeight(QFontMetrics(box.font()).lineSpacing() * lines + extra)


@dataclass(frozen=True)
class Wording:
    """How the dialog names the other version: a pull, or an edit made outside Curator."""

    title: str  # "{name}" is replaced
    cause: str
    other: str
    take: str


PULL = Wording("Merge pulled changes into {name}", "A pull changed <b>{name}</b>", "Pulled", "Take pulled")
DISK = Wording(
    "Merge the version on disk into {name}",
    "<b>{name}</b> was changed on disk by another program",
    "On disk",
    "Take the disk version",
)


class ConflictRow(QGroupBox):
    """One field both sides changed: three values and the curator's choice."""

    def __init__(self, conflict: MergeConflict, parent: QWidget | None = None, wording: Wording = PULL) -> None:
        super().__init__(conflict.label, parent)
        self.setObjectName("gitConflict")
        self.conflict = conflict
        self.as_text = edits_as_text(conflict.mine, conflict.theirs, conflict.base)
        grid = QGridLayout()
        headings = ("Original", "Yours (unsaved)", wording.other)
        values = (conflict.base, conflict.mine, conflict.theirs)
        names = ("gitConflictBase", "gitConflictMine", "gitConflictTheirs")
        boxes = [_value_box(value, name) for value, name in zip(values, names, strict=True)]
        _fit_heights(boxes)
        self._mine_box, self._theirs_box = boxes[1], boxes[2]
        for col, (heading, box) in enumerate(zip(headings, boxes, strict=True)):
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, col)
            grid.addWidget(box, 1, col)
            named(box, f"{conflict.label}: {heading}", f"The value of {conflict.label} in this version")
            grid.setColumnStretch(col, 1)

        self.mine_button = QRadioButton("Keep yours")
        self.theirs_button = QRadioButton(wording.take)
        self.edit_button = QRadioButton("Edit…")
        self.group = QButtonGroup(self)
        for button, choice in ((self.mine_button, MINE), (self.theirs_button, THEIRS), (self.edit_button, EDIT)):
            button.setProperty("choice", choice)
            self.group.addButton(button)
        if conflict.mine is MISSING:
            self.mine_button.setText("Keep yours (remove the field)")
        if conflict.theirs is MISSING:
            self.theirs_button.setText(f"{wording.take} (remove the field)")
        for button, what in ((self.mine_button, "Keep the value of your unsaved version"),
                             (self.theirs_button, f"Take the value {wording.other.lower()}"),
                             (self.edit_button, "Type the value to keep")):
            named(button, f"{conflict.label}: {button.text()}", what)
        choices = QHBoxLayout()
        choices.addWidget(self.mine_button)
        choices.addWidget(self.theirs_button)
        choices.addWidget(self.edit_button)
        choices.addStretch(1)

        start = conflict.mine if conflict.mine is not MISSING else conflict.theirs
        self.editor = QPlainTextEdit("" if start is MISSING else value_text(start))
        self.editor.setObjectName("gitConflictEditor")
        self.editor.setPlaceholderText("The value to keep" + ("" if self.as_text else " (YAML)"))
        self.editor.setFixedHeight(QFontMetrics(self.editor.font()).lineSpacing() * 4 + 12)
        self.editor.hide()
        named(self.editor, f"{conflict.label}: value to keep", self.editor.placeholderText())
        self.edit_button.toggled.connect(self.editor.setVisible)
        self.group.buttonToggled.connect(lambda *_: self._show_choice())

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(choices)
        layout.addWidget(self.editor)

    def _show_choice(self) -> None:
        choice = self.choice()
        _mark(self._mine_box, choice == MINE)
        _mark(self._theirs_box, choice == THEIRS)

    @property
    def key(self) -> tuple[Any, ...]:
        return self.conflict.key

    def choice(self) -> str | None:
        button = self.group.checkedButton()
        return str(button.property("choice")) if button is not None else None

    def choose_mine(self) -> None:
        self.mine_button.setChecked(True)

    def choose_edit(self, text: str | None = None) -> None:
        self.edit_button.setChecked(True)
        if text is not None:
            self.editor.setPlainText(text)

    def edited_value(self) -> Any:
        """The typed value; ValueError when it does not read as YAML."""
        text = self.editor.toPlainText()
        if text.strip() == ABSENT_TEXT:
            return MISSING
        return parse_value_text(text, self.as_text)


class MergeDialog(QDialog):
    """Shows a MergeResult and lets the curator settle its conflicts; see merged_document()."""

    def __init__(
        self,
        result: MergeResult,
        parent: QWidget | None = None,
        item_name: str | None = None,
        wording: Wording = PULL,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("gitMergeDialog")
        self.merge = result
        self._merged: Document | None = None
        path = result.document.path
        name = item_name or (path.name if path is not None else "this item")
        self.wording = wording
        self.setWindowTitle(wording.title.format(name=name))

        conflict_keys = [c.key for c in result.conflicts]
        auto = self._automatic(result.applied, "Yours") + self._automatic(
            [c for c in result.pulled if c.key not in conflict_keys], wording.other
        )
        n_conf = len(result.conflicts)
        intro = QLabel(self._intro(name, len(auto), n_conf, wording))
        intro.setWordWrap(True)

        self.auto_list = QListWidget()
        self.auto_list.setObjectName("gitMergeAuto")
        self.auto_list.setWordWrap(True)
        for line in auto:
            self.auto_list.addItem(line)
        if not auto:
            self.auto_list.addItem("Nothing else changed.")
        rows = self.auto_list.count()
        named(self.auto_list, "Merged automatically", "Changes that did not conflict and were merged")
        self.auto_list.setMaximumHeight(QFontMetrics(self.auto_list.font()).lineSpacing() * min(6, rows) + 16)

        self.rows = [ConflictRow(c, wording=wording) for c in result.conflicts]
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        for row in self.rows:
            holder_layout.addWidget(row)
            row.group.buttonToggled.connect(lambda *_: self._update_ok())
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("gitMergeConflicts")
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.error = error_label()
        self.error.setObjectName("gitMergeError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Apply merge")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip("Keep your unsaved version as it is; nothing is merged")
        name_buttons(self.buttons, {"Apply merge": "Put the merged version in the editor (not saved yet)",
                                    "Cancel": self.cancel_button.toolTip()})
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("<b>Merged automatically</b>"))
        layout.addWidget(self.auto_list)
        if self.rows:
            layout.addWidget(QLabel("<b>Changed on both sides</b> — choose what to keep"))
            layout.addWidget(scroll, 1)
        else:
            holder.deleteLater()
            scroll.deleteLater()
            layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(900, 600 if self.rows else 360)
        self._update_ok()

    @staticmethod
    def _intro(name: str, n_auto: int, n_conf: int, wording: Wording = PULL) -> str:
        merged = (
            "Nothing merged automatically"
            if not n_auto
            else f"{n_auto} change{'s' if n_auto != 1 else ''} merged automatically"
        )
        if n_conf:
            verb = "needs" if n_conf == 1 else "need"
            plural = "s" if n_conf != 1 else ""
            rest = f"; <b>{n_conf} field{plural} changed on both sides</b> {verb} your choice."
        else:
            rest = "; nothing conflicts."
        return f"{wording.cause.format(name=name)} while you had unsaved edits. {merged}{rest}"

    @staticmethod
    def _automatic(changes: list[FieldChange], who: str) -> list[str]:
        return [f"{who}: {c.describe()}" for c in changes]

    def row(self, key: tuple[Any, ...] | str) -> ConflictRow:
        """The conflict row of a field (key path, or its dotted label)."""
        for row in self.rows:
            if row.key == key or row.conflict.label == key:
                return row
        raise KeyError(key)

    def automatic_lines(self) -> list[str]:
        return [self.auto_list.item(i).text() for i in range(self.auto_list.count())]

    def _update_ok(self) -> None:
        undecided = [r.conflict.label for r in self.rows if r.choice() is None]
        self.ok_button.setEnabled(not undecided)
        self.ok_button.setToolTip("Choose a value for: " + ", ".join(undecided) if undecided else "")

    def accept(self) -> None:
        if self._merged is not None:
            super().accept()
            return
        choices: list[tuple[ConflictRow, str, Any]] = []
        for row in self.rows:
            choice = row.choice()
            if choice is None:
                show_error(self.error, f"Choose a value for {row.conflict.label}.")
                return
            value = None
            if choice == EDIT:
                try:
                    value = row.edited_value()
                except ValueError as exc:
                    show_error(self.error, f"{row.conflict.label}: {exc}")
                    row.editor.setFocus()
                    return
            choices.append((row, choice, value))
        result = self.merge
        # All or nothing: a failed edit puts the result back as it was.
        saved = (result.document.snapshot(), list(result.conflicts), dict(result.resolved))
        try:
            for row, choice, value in choices:
                if choice == MINE:
                    result.take_mine(row.key)
                elif choice == THEIRS:
                    result.take_theirs(row.key)
                else:
                    result.resolve(row.key, value)
        except CuratorError as exc:
            result.document.restore(saved[0])
            result.conflicts[:] = saved[1]
            result.resolved.clear()
            result.resolved.update(saved[2])
            show_error(self.error, sentence(error_text(exc)))
            return
        self._merged = result.document
        show_error(self.error, None)
        super().accept()

    def merged_document(self) -> Document | None:
        """The merged Document after OK (None after Cancel): pulled version + your choices."""
        return self._merged
