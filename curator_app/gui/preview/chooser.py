"""Which card the preview shows: a tab bar when every tab fits, else a compact drop-down.

A scrolling tab bar hides most of its tabs behind arrows in a side pane; a drop-down keeps
every choice one keystroke away whatever the pane's width.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QSizePolicy, QTabBar, QWidget


class CardChooser(QWidget):
    currentChanged = Signal(int)

    def __init__(self, labels: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabBar(self)
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setAccessibleName("Preview card")
        self.tabs.setAccessibleDescription("Which card or page the preview shows")
        self.combo = QComboBox(self)
        self.combo.setAccessibleName("Preview card")
        self.combo.setAccessibleDescription("Which card or page the preview shows")
        self.combo.setToolTip("Which card the preview shows")
        for label in labels:
            self.tabs.addTab(label)
            self.combo.addItem(label)
        self.tabs.currentChanged.connect(self._on_tabs)
        self.combo.currentIndexChanged.connect(self._on_combo)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.hide()

    def uses_tabs(self) -> bool:
        return not self.tabs.isHidden()

    def currentIndex(self) -> int:  # noqa: N802 - Qt-style accessor, like the widgets it wraps
        return self.tabs.currentIndex()

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        self.tabs.setCurrentIndex(index)

    def count(self) -> int:
        return self.tabs.count()

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = self.tabs.sizeHint()
        return QSize(hint.width(), max(hint.height(), self.combo.sizeHint().height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.combo.minimumSizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        width, height = self.width(), self.height()
        fits = self.tabs.sizeHint().width() <= width
        self.tabs.setVisible(fits)
        self.combo.setVisible(not fits)
        if fits:
            self.tabs.setGeometry(0, 0, width, height)
        else:
            combo_width = min(width, max(self.combo.sizeHint().width(), width // 2))
            self.combo.setGeometry(0, (height - self.combo.sizeHint().height()) // 2,
                                   combo_width, self.combo.sizeHint().height())

    def _on_tabs(self, index: int) -> None:
        if self.combo.currentIndex() != index:
            self.combo.setCurrentIndex(index)
        self.currentChanged.emit(index)

    def _on_combo(self, index: int) -> None:
        if self.tabs.currentIndex() != index:
            self.tabs.setCurrentIndex(index)  # emits through _on_tabs
