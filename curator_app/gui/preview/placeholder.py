"""What the preview pane shows until QtWebEngine has started (no web engine import here)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

BACKGROUND = "#f4f5f7"  # the preview page's own background, so the swap does not flash


class PreviewPlaceholder(QLabel):
    def __init__(self, text: str = "Starting the preview…", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("previewStarting")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAccessibleName("Preview")
        self.setStyleSheet(f"background: {BACKGROUND}; color: #6b7280; font-size: 12pt;")
        self.setMinimumWidth(160)
