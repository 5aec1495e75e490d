"""The main window: item list | item pane | preview, menus, status bar, remembered layout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, Signal, qVersion
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from curator_app import __version__
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.gui import alerts
from curator_app.gui.layout import first_run_geometry, first_run_pane_sizes
from curator_app.gui.settings import Settings

APP_NAME = "Curator"
ITEM_SUFFIXES = (".md", ".markdown")
PATH_ROLE = Qt.ItemDataRole.UserRole

_W = TypeVar("_W", bound=QWidget)


def _named(widget: _W, name: str) -> _W:
    """Object names let tests and style sheets find panes without holding references."""
    widget.setObjectName(name)
    return widget


@dataclass(frozen=True)
class LoadedItem:
    """What the read-only pane shows for one file."""

    path: Path
    title: str | None
    front_matter: str
    body: str
    error: str | None


def load_item(path: Path) -> LoadedItem:
    """Read one item; problems come back as `error` (shown in the pane), never raised."""
    try:
        doc = Document.load(path)
    except CuratorError as exc:
        # A file Curator cannot parse is shown raw, with the error, and never rewritten.
        try:
            raw = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            raw = ""
        return LoadedItem(path, None, raw, "", str(exc))
    title = doc.get(("title",))
    error = f"{path}: read-only: {doc.read_only_reason}" if doc.read_only_reason else None
    return LoadedItem(path, str(title) if title else None, doc.front_text, doc.body, error)


_SITE_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml")


def items_root(folder: Path) -> Path:
    """Where the items live: a Hugo site root keeps them in content/, away from public/."""
    if (folder / "content").is_dir() and any((folder / n).is_file() for n in _SITE_CONFIGS):
        return folder / "content"
    return folder


def find_items(folder: Path) -> list[Path]:
    """Content files under `folder`, skipping hidden directories (.git, .curator...)."""
    folder = items_root(folder)
    found = [
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in ITEM_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix().lower())


class ItemPane(QWidget):
    """Read-only view of the selected item. The real editor replaces this widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.title_label = _named(QLabel(), "itemTitle")
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.error_label = _named(QLabel(), "itemError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.front_matter_view = _named(QPlainTextEdit(), "frontMatterView")
        self.body_view = _named(QPlainTextEdit(), "bodyView")
        for view in (self.front_matter_view, self.body_view):
            view.setReadOnly(True)
            view.setFont(fixed)
            # Bodies are often one long HTML line per paragraph.
            view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._labelled("Front matter", self.front_matter_view))
        split.addWidget(self._labelled("Body", self.body_view))
        split.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.error_label)
        layout.addWidget(split, 1)
        self.show_item(None)

    @staticmethod
    def _labelled(caption: str, view: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(QLabel(f"<b>{caption}</b>"))
        layout.addWidget(view, 1)
        return box

    def show_item(self, item: LoadedItem | None) -> None:
        if item is None:
            self.title_label.setText("No item selected")
            self.front_matter_view.clear()
            self.body_view.clear()
            self.error_label.hide()
            return
        self.title_label.setText(item.title or item.path.name)
        self.error_label.setText(item.error or "")
        self.error_label.setVisible(item.error is not None)
        self.front_matter_view.setPlainText(item.front_matter)
        self.body_view.setPlainText(item.body)


class PreviewPlaceholder(QLabel):
    """Stands where the live preview goes until the preview pane exists."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Preview", parent)
        self.setObjectName("previewPlaceholder")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("color: palette(mid); font-size: 16pt;")
        self.setMinimumWidth(160)


class MainWindow(QMainWindow):
    """Three panes in one splitter; left lists the folder, centre and right are replaceable."""

    folder_opened = Signal(Path)
    item_selected = Signal(Path)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.folder: Path | None = None
        self.current_path: Path | None = None
        item_list = _named(QListWidget(), "itemList")
        item_list.setMinimumWidth(160)
        item_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        item_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        item_list.setUniformItemSizes(True)
        item_list.setSpacing(2)
        item_list.currentItemChanged.connect(self._on_current_changed)
        self.item_pane: ItemPane | None = ItemPane()
        # Asked before the window closes; False keeps it open (unsaved edits).
        self.close_guard: Callable[[], bool] | None = None
        self.splitter = _named(QSplitter(Qt.Orientation.Horizontal), "mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.item_list: QListWidget | None = item_list
        self.splitter.addWidget(item_list)
        self.splitter.addWidget(self.item_pane)
        self.splitter.addWidget(PreviewPlaceholder())
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)
        self.count_label = _named(QLabel(), "itemCount")
        self.folder_label = _named(QLabel(), "folderPath")
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.folder_label)
        self._build_menus()
        self._update_title()
        self._restore_layout()

    # -- replaceable panes ---------------------------------------------------------------

    def set_centre_widget(self, widget: QWidget) -> None:
        """Swap the centre pane (the editor replaces the read-only ItemPane)."""
        self._replace_pane(1, widget)
        self.item_pane = None

    def set_library_widget(self, widget: QWidget) -> None:
        """Swap the left pane (the library replaces the plain item list)."""
        self._replace_pane(0, widget)
        self.item_list = None
        self.count_label.hide()  # the library shows its own count

    def set_preview_widget(self, widget: QWidget) -> None:
        self._replace_pane(2, widget)

    def _replace_pane(self, index: int, widget: QWidget) -> None:
        sizes = self.splitter.sizes()
        old = self.splitter.replaceWidget(index, widget)
        if old is not None:
            old.deleteLater()
        if self.isVisible():
            self.splitter.setSizes(sizes)

    # -- menus ---------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action(
            "&Open Folder…", self.choose_folder, QKeySequence(QKeySequence.StandardKey.Open)
        )
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("&Recent Folders")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.quit_action = self._action("&Quit", self.close, QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu("&Edit")
        self.view_menu = self.menuBar().addMenu("&View")
        help_menu = self.help_menu = self.menuBar().addMenu("&Help")
        about = help_menu.addAction("&About Curator")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_folders()
        for folder in recent:
            action = self.recent_menu.addAction(str(folder))
            action.triggered.connect(lambda _=False, f=folder: self.open_folder(f))
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear List", self.settings.clear_recent)

    def about_text(self) -> str:
        return (
            f"<h3>Curator {__version__}</h3>"
            "<p>Editor for Hugo curated-content items.</p>"
            f"<p>Qt {qVersion()}<br>PySide6 {pyside_version}</p>"
        )

    def show_about(self) -> None:
        alerts.about(self, "About Curator", self.about_text())

    def choose_folder(self) -> None:
        chosen = alerts.choose_folder(self, "Open Content Folder", self.folder)
        if chosen is not None:
            self.open_folder(chosen)

    # -- folder and items ----------------------------------------------------------------

    def open_folder(self, folder: Path, select: Path | None = None) -> None:
        folder = folder.resolve()
        self.folder = folder
        self.current_path = None
        self.folder_label.setText(str(folder))
        self.settings.remember_folder(folder)
        if self.item_list is None:
            # A library pane lists the folder; it hears about it through folder_opened.
            self.folder_opened.emit(folder)
            if select is not None:
                self.current_path = select.resolve()
                self.item_selected.emit(self.current_path)
            self._update_title()
            return
        self.item_list.clear()
        if self.item_pane is not None:
            self.item_pane.show_item(None)
        paths = find_items(folder) if folder.is_dir() else []
        for path in paths:
            item = load_item(path)
            entry = QListWidgetItem(item.title or path.name)
            entry.setData(PATH_ROLE, str(path))
            entry.setToolTip(f"{entry.text()}\n{path.relative_to(items_root(folder))}")
            if item.error:
                entry.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
                entry.setToolTip(item.error)
            self.item_list.addItem(entry)
        self.set_item_count(len(paths))
        self.folder_opened.emit(folder)
        if paths:
            wanted = select.resolve() if select else paths[0]
            index = paths.index(wanted) if wanted in paths else 0
            self.item_list.setCurrentRow(index)
        self._update_title()

    def set_item_count(self, count: int) -> None:
        noun = "item" if count == 1 else "items"
        self.count_label.setText(f"{count} {noun}")

    def select_path(self, path: Path) -> bool:
        if self.item_list is None:
            self.item_selected.emit(path)
            return True
        for row in range(self.item_list.count()):
            if Path(self.item_list.item(row).data(PATH_ROLE)) == path:
                self.item_list.setCurrentRow(row)
                return True
        return False

    def _on_current_changed(self, current: QListWidgetItem | None, _prev: object) -> None:
        if current is None:
            self.current_path = None
            if self.item_pane is not None:
                self.item_pane.show_item(None)
        else:
            self.current_path = Path(current.data(PATH_ROLE))
            if self.item_pane is not None:
                self.item_pane.show_item(load_item(self.current_path))
            self.item_selected.emit(self.current_path)
        self._update_title()

    def _update_title(self) -> None:
        self.show_title(self.current_path, dirty=self.isWindowModified())

    def show_title(self, path: Path | None, dirty: bool) -> None:
        """'name.md — Curator', with Qt's [*] marker showing unsaved edits."""
        if path is not None:
            self.setWindowTitle(f"{path.name}[*] — {APP_NAME}")
        elif self.folder is not None:
            self.setWindowTitle(f"{self.folder.name}[*] — {APP_NAME}")
        else:
            self.setWindowTitle(f"{APP_NAME}[*]")
        self.setWindowModified(dirty)

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
