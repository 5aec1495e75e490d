"""The review banner above an item's form: reviewers' notes and "changed since approved".

Hidden for items nobody has reviewed. The state follows the editor's bytes, so it turns to
"changed since approved" as soon as the curator edits an approved item. The review files
are read on the first update after the item opens (the editor's first lint). Reading them
loads git (pygit2), which start-up leaves until the first preview has painted: a banner
`held` then waits for `release()` instead of importing it on the GUI thread.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from curator_app.core.review.notes import ItemNotes

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
        self._stale = False
        self._data: bytes | None = None
        self.held = False  # start-up: the review files wait for git (release())
        self.hide()

    def show_item(self, path: Path | None) -> None:
        """The item the banner is about; its decisions are read on the next update."""
        self._path = path
        self._notes = None
        self._stale = True
        self.hide()

    def release(self) -> None:
        """Git may be loaded now: read the review files the held banner skipped."""
        if self.held:
            self.held = False
            self.update_bytes(self._data)

    def reload(self, data: bytes | None) -> None:
        """A reviewer decided in this window: read the decisions again."""
        self._stale = True
        self.update_bytes(data)

    def update_bytes(self, data: bytes | None) -> None:
        """Show the review facts for the item as it is now (the editor's bytes)."""
        self._data = data
        if self._stale and self.held:
            return
        if self._stale:
            from curator_app.core.review.notes import item_notes

            self._stale = False
            self._notes = item_notes(self._path) if self._path is not None else None
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
