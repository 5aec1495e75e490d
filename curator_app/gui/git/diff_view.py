"""Show what changed in an item: field by field ("title changed from … to …") and as text.

Two comparisons: the item against the last commit (HEAD), and what saving the open
Document would write over the file on disk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.algebra.diff import FieldChange, field_changes, save_diff, unified_diff
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.git.diff import field_changes_vs_head, head_bytes, text_diff_vs_head
from curator_app.core.git.repo import ContentRepo
from curator_app.gui.a11y import name_buttons, named
from curator_app.gui.diff_colours import DiffHighlighter
from curator_app.gui.git.common import error_text, monospace_font

MODE_HEAD = "head"
MODE_SAVE = "save"


class DiffView(QWidget):
    """Field changes on top, the coloured text diff below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()
        self.note.setObjectName("gitDiffNote")
        self.note.setWordWrap(True)
        self.fields = QListWidget()
        self.fields.setObjectName("gitFieldChanges")
        self.fields.setWordWrap(True)
        self.fields.setAlternatingRowColors(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("gitTextDiff")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(monospace_font())
        self.highlighter = DiffHighlighter(self.text)
        named(self.fields, "Field changes", "Each field the change adds, edits or removes")
        named(self.text, "Text diff", "The lines that change in the file, as a unified diff")

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel("<b>Fields</b>"))
        top_layout.addWidget(self.fields)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(QLabel("<b>Text</b>"))
        bottom_layout.addWidget(self.text)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(splitter)
        self.note.hide()

    # --- filling --------------------------------------------------------------------------

    def show_changes(self, changes: list[FieldChange], diff_text: str, note: str | None = None) -> None:
        self.fields.clear()
        for change in changes:
            item = QListWidgetItem(change.describe())
            item.setData(Qt.ItemDataRole.UserRole, change.key)
            item.setToolTip(change.describe())
            self.fields.addItem(item)
        if not changes:
            placeholder = QListWidgetItem("No field changes")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.fields.addItem(placeholder)
        self.text.setPlainText(diff_text or "No text changes.")
        self.note.setText(note or "")
        self.note.setVisible(bool(note))

    def show_vs_head(self, cr: ContentRepo, path: str | Path, document: Document | None = None) -> None:
        """The item against the last commit: the file on disk, or `document` with unsaved edits."""
        note = None
        try:
            changes = field_changes_vs_head(cr, path, document)
        except CuratorError as exc:
            changes, note = [], f"Field changes unavailable: {error_text(exc)}"
        try:
            if document is None:
                diff = text_diff_vs_head(cr, path)
            else:
                rel = cr.rel(path)
                diff = unified_diff(
                    head_bytes(cr, path), document.to_bytes(), f"a/{rel} (last commit)", f"b/{rel} (editor)"
                )
        except CuratorError as exc:
            diff, note = "", f"Text diff unavailable: {error_text(exc)}"
        self.show_changes(changes, diff, note)

    def show_save(self, document: Document) -> None:
        """What saving `document` will change in its file."""
        note = None
        try:
            on_disk = Document.load(document.path) if document.path is not None and document.path.exists() else None
            changes = field_changes(on_disk, document)
        except CuratorError as exc:
            changes, note = [], f"Field changes unavailable: {error_text(exc)}"
        self.show_changes(changes, save_diff(document), note)

    # --- reading (tests, copy to clipboard) -------------------------------------------------

    def field_lines(self) -> list[str]:
        items = (self.fields.item(i) for i in range(self.fields.count()))
        return [it.text() for it in items if it.flags() & Qt.ItemFlag.ItemIsEnabled]

    def diff_text(self) -> str:
        return self.text.toPlainText()


class DiffDialog(QDialog):
    """An item's changes, against the last commit or as the next save would write them."""

    def __init__(
        self,
        cr: ContentRepo | None,
        path: str | Path,
        document: Document | None = None,
        parent: QWidget | None = None,
        mode: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("gitDiffDialog")
        self.cr = cr
        self.path = Path(path)
        self.document = document
        self.setWindowTitle(f"Changes in {self.path.name}")
        self.view = DiffView()
        self.mode = QComboBox()
        self.mode.setObjectName("gitDiffMode")
        if cr is not None:
            self.mode.addItem("Since the last commit", MODE_HEAD)
        if document is not None:
            self.mode.addItem("What saving will write", MODE_SAVE)
        if mode is not None and self.mode.findData(mode) >= 0:
            self.mode.setCurrentIndex(self.mode.findData(mode))
        self.mode.currentIndexChanged.connect(self.refresh)
        named(self.mode, "Compare", "Compare with the last commit, or show what saving will write")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Compare:"))
        bar.addWidget(self.mode, 1)
        buttons = name_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(820, 620)
        self.refresh()

    def refresh(self) -> None:
        mode = self.mode.currentData()
        if mode == MODE_HEAD and self.cr is not None:
            self.view.show_vs_head(self.cr, self.path, self.document)
        elif mode == MODE_SAVE and self.document is not None:
            self.view.show_save(self.document)
        else:
            self.view.show_changes([], "", "Not a git repository and no open document to compare.")
