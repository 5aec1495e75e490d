"""The review banner above an item's form: reviewers' notes and "changed since approved".

Hidden for items nobody has reviewed. The state follows the editor's bytes, so it turns to
"changed since approved" as soon as the curator edits an approved item.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from curator_app.core.review.notes import ItemNotes, item_notes

# Background per state: approved calm, asked-for-changes and changed-since attention.
_COLORS = {
    "approved": ("#dcf3e2", "#185c2c"),
    "changes-requested": ("#fde4d8", "#8a3412"),
    "changed-since-approved": ("#fff3c4", "#6b5200"),
    "changed-since-review": ("#fff3c4", "#6b5200"),
}


class ReviewBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewBanner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._notes: ItemNotes | None = None
        self._path: Path | None = None
        self.hide()

    def show_item(self, path: Path | None, data: bytes | None) -> None:
        """Read the item's decisions (from the repository's review files) and show them."""
        self._path = path
        self._notes = item_notes(path) if path is not None else None
        self.update_bytes(data)

    def reload(self, data: bytes | None) -> None:
        """A reviewer decided in this window: read the decisions again."""
        self.show_item(self._path, data)

    def update_bytes(self, data: bytes | None) -> None:
        notes = self._notes
        if notes is None:
            self.clear()
            self.hide()
            return
        state = notes.state(data)
        back, fore = _COLORS.get(state, ("#eef1f5", "#1d2430"))
        self.setStyleSheet(f"#reviewBanner {{ background: {back}; color: {fore}; padding: 6px 8px; }}")
        lines = [f"<b>Review: {html.escape(notes.headline(data))}</b>"]
        lines += [f"• {html.escape(n)}" for n in notes.notes()]
        self.setText("<br>".join(lines))
        self.setAccessibleName(f"Review: {notes.headline(data)}")
        self.show()
