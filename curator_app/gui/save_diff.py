"""The optional look before saving: what a save will write, as a unified diff."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from curator_app.core.algebra.diff import unified_diff
from curator_app.gui.a11y import name_buttons, named


class SaveDiffDialog(QDialog):
    """The diff from the file on disk to the bytes a save writes, with Save / Cancel."""

    def __init__(self, path: Path, old: bytes, new: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Save {path.name}?")
        self.setObjectName("saveDiffDialog")
        self.resize(820, 520)
        text = QPlainTextEdit()
        text.setObjectName("saveDiffText")
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
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
        layout.addWidget(text, 1)
        layout.addWidget(buttons)
