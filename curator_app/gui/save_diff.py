"""The optional look before saving: what a save will write, as a coloured unified diff."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from curator_app.core.algebra.diff import unified_diff
from curator_app.gui.a11y import name_buttons, named
from curator_app.gui.diff_colours import DiffHighlighter
from curator_app.gui.git.common import monospace_font


class SaveDiffDialog(QDialog):
    """The diff from the file on disk to the bytes a save writes, with Save / Cancel.

    Named by the item's title (file names are often UUIDs); the path is the line under it.
    """

    def __init__(
        self, path: Path, old: bytes, new: bytes, parent: QWidget | None = None, title: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Save “{title}”?" if title else f"Save {path.name}?")
        self.setObjectName("saveDiffDialog")
        self.resize(820, 520)
        where = QLabel(str(path))
        where.setObjectName("saveDiffPath")
        where.setWordWrap(True)
        self.text = text = QPlainTextEdit()
        text.setObjectName("saveDiffText")
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text.setFont(monospace_font())
        # Colours chosen for the palette in use: light and dark themes both stay readable.
        self.highlighter = DiffHighlighter(text)
        diff = unified_diff(old, new, f"{path.name} (on disk)", f"{path.name} (to be saved)")
        text.setPlainText(diff or "No changes.")
        named(text, "Changes to save", "The lines this save changes in the file, as a unified diff")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        name_buttons(buttons, {"Save": "Write these changes to the file", "Cancel": "Go back to editing; nothing is written"})
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)
