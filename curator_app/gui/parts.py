"""The parts of one main window, built and put in its slots: the library, the open items'
tabs with the find bar, the preview (or its placeholder), the menus, git, autosave and
the watch on items that go missing.

The parts only hold state and emit; what a command does is in `curator_app.gui.actions`
and which signal reaches which handler is `curator_app.gui.wiring`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QVBoxLayout, QWidget

from curator_app.core.recovery import RecoveryStore
from curator_app.gui.documents import DocumentTabs
from curator_app.gui.editor_tools import EditorTools
from curator_app.gui.git.controller import GitController
from curator_app.gui.gone_items import GoneItems
from curator_app.gui.library import LibraryPane
from curator_app.gui.main_window import CENTRE, LIBRARY, PREVIEW, MainWindow
from curator_app.gui.mainmenu import MainMenu
from curator_app.gui.panes import PANES, Panes
from curator_app.gui.recovery import Autosaver
from curator_app.gui.session import DocumentSession
from curator_app.gui.settings import Settings

if TYPE_CHECKING:
    from curator_app.gui.preview.pane import PreviewPane
    from curator_app.gui.review.mode import ReviewMode


class WindowParts(QObject):
    def __init__(self, window: MainWindow, settings: Settings, *, defer_preview: bool) -> None:
        """defer_preview: a placeholder holds the preview's place (see Workbench)."""
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.folder: Path | None = None
        self.review: ReviewMode | None = None  # made on first use: most sessions never review
        self.tabs = DocumentTabs()
        self.library = LibraryPane()
        self.preview = None if defer_preview else make_preview()
        self.undo_group = QUndoGroup(self)
        self.menu = MainMenu(window, self.undo_group)
        self.git = GitController(parent=window)
        self.git.set_dialog_parent(window)
        self.recovery = RecoveryStore()
        self.autosaver = Autosaver(self.recovery, parent=self)
        self.gone = GoneItems(window, self.tabs, self.library.watcher, lambda: self.library.root,
                              lambda text: window.show_message(text, 10000))
        self.tools = EditorTools(window, self.tabs, self.library, self.open_item)
        window.set_pane(LIBRARY, self.library)
        # Kept here: the splitter's takeover of a widget is invisible to Python's ownership.
        self.centre = _stacked(self.tabs, self.tools.find_bar)
        window.set_pane(CENTRE, self.centre)
        if self.preview is not None:
            window.set_pane(PREVIEW, self.preview)
        elif defer_preview:
            from curator_app.gui.preview.placeholder import PreviewPlaceholder

            # Parented, so Qt owns it (the splitter does not take a Python temporary).
            window.set_pane(PREVIEW, PreviewPlaceholder(parent=window))
        self.panes = Panes(window, self.tabs, self.library, settings)
        self.panes.apply()
        self.panes.on_change = lambda name, shown: self.menu[f"show_{name}"].setChecked(shown)
        for name in PANES:
            self.menu[f"show_{name}"].setChecked(self.panes.shown[name])
        self.menu["confirm_diff"].setChecked(settings.bool_value("confirm_save_diff", False))
        self.menu["remote_images"].setChecked(settings.bool_value("remote_images", False))
        self.menu["spell_check"].setChecked(settings.bool_value("spell_check", True))
        self.menu["stamp_modified"].setChecked(settings.bool_value("stamp_modified", True))

    def open_item(self, path: Path) -> DocumentSession | None:
        """Open `path` in a tab (or show its tab) and remember it among the recent files."""
        session = self.tabs.open_path(path)
        if session is not None:
            self.settings.remember_file(path)
        return session


def _stacked(top: QWidget, bottom: QWidget) -> QWidget:
    """The centre pane: the open items, with the find bar under them when it is open."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(top, 1)
    layout.addWidget(bottom)
    return box


def make_preview() -> PreviewPane | None:
    try:
        from curator_app.gui.preview.pane import PreviewPane
    except ImportError:  # QtWebEngine missing: the editor still works
        return None
    return PreviewPane()
