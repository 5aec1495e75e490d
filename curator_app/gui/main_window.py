"""The main window: a frame of three panes (library | open items | preview), a status bar
and a remembered layout. It decides nothing: curator_app.gui.parts fills its slots and its
menus (curator_app.gui.mainmenu), and the handlers in curator_app.gui.actions say what to show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, Signal, qVersion
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QIcon, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

import curator_app
from curator_app.gui.layout import first_run_geometry, first_run_pane_sizes
from curator_app.gui.settings import Settings

APP_NAME = "Curator"
LIBRARY, CENTRE, PREVIEW = range(3)


class MainWindow(QMainWindow):
    """Three pane slots in one splitter; gui/parts.py puts the panes in with `set_pane`."""

    sig_paths_dropped = Signal(list)  # list[Path]: files or folders dropped on the window

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        # Asked before the window closes; False keeps it open (unsaved edits).
        self.close_guard: Callable[[], bool] | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for _slot in (LIBRARY, CENTRE, PREVIEW):
            self.splitter.addWidget(QWidget())
        self.splitter.setStretchFactor(CENTRE, 3)
        self.splitter.setStretchFactor(PREVIEW, 2)
        self.setCentralWidget(self.splitter)
        self._folder_name = ""  # the open folder's name, the title's second part
        self.folder_label = QLabel()
        self.folder_label.setObjectName("folderPath")
        self.branch_label = QLabel()
        self.branch_label.setObjectName("branchLabel")
        self.statusBar().addPermanentWidget(self.branch_label)
        self.statusBar().addPermanentWidget(self.folder_label)
        self.show_title(None, dirty=False)
        self.setAcceptDrops(True)
        self._restore_layout()

    def set_pane(self, slot: int, widget: QWidget) -> None:
        """Put `widget` in a pane slot (LIBRARY, CENTRE or PREVIEW), keeping the sizes."""
        sizes = self.splitter.sizes()
        old = self.splitter.replaceWidget(slot, widget)
        if old is not None:
            old.deleteLater()
        if self.isVisible():
            self.splitter.setSizes(sizes)

    def show_folder(self, folder: Path) -> None:
        self.folder_label.setText(str(folder))
        self._folder_name = folder.name  # shown from the next show_title on

    def show_title(self, name: str | None, dirty: bool) -> None:
        """'Item title — folder — Curator' (or 'folder — Curator' with no item open), with
        Qt's [*] marker showing unsaved edits; `name` comes already shortened."""
        parts = [part for part in (name, self._folder_name, APP_NAME) if part]
        parts[0] += "[*]"  # Qt warns about setWindowModified without the marker
        self.setWindowTitle(" — ".join(parts))
        self.setWindowModified(dirty)

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    @staticmethod
    def about_text() -> str:
        return (
            f"<h3>Curator {curator_app.__version__}</h3>"
            "<p>Editor for Hugo curated-content items.</p>"
            f"<p>Qt {qVersion()}<br>PySide6 {pyside_version}</p>"
        )

    # -- remembered layout ---------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                self.setGeometry(first_run_geometry(screen.availableGeometry()))
            else:
                self.resize(1500, 920)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        self._splitter_restored = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Pane sizes are applied once the final panes are in and the window has its size.
        if not self._splitter_restored:
            self._splitter_restored = True
            splitter = self.settings.splitter_state()
            if splitter is None or not self.splitter.restoreState(splitter):
                self.splitter.setSizes(first_run_pane_sizes(max(self.width(), 900)))
        super().showEvent(event)

    def save_layout(self) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState(), self.splitter.saveState())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if _dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = _dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.sig_paths_dropped.emit(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_guard is not None and not self.close_guard():
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)


def application_icon() -> QIcon:
    from curator_app.resources import ICON_SIZES, icon_path

    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_path(size)
        if path.is_file():
            icon.addFile(str(path))
    return icon


DROPPABLE = (".md", ".markdown", ".html", ".htm")


def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """Local item files and folders among the dragged URLs (anything else is refused)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.is_dir() or p.suffix.lower() in DROPPABLE]
