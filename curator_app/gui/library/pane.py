"""LibraryPane: the item list of a content folder with search, facets, progress and a
watcher. Indexing and linting run in a worker thread; the table filters in memory."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.library.index import Item, LibraryIndex
from curator_app.core.library.memory import release_free_memory
from curator_app.core.library.search import CachedListing, Facets, Query, SavedFilters, text_ids
from curator_app.core.site.tree import items_root
from curator_app.gui.library.filter_bar import FilterBar
from curator_app.gui.library.model import (
    COL_BRAND,
    COL_DATE,
    COL_LINT,
    COL_STATUS,
    COL_THUMB,
    COL_TITLE,
    THUMB_SIZE,
    LibraryModel,
)
from curator_app.gui.library.watcher import FolderWatcher
from curator_app.gui.library.worker import IndexWorker, ThumbnailLoader

if TYPE_CHECKING:  # the dialogs and what they write load when first used, not at start-up
    from curator_app.core.library.bulk import UndoRecord
    from curator_app.gui.library.dialogs import BulkEditDialog
    from curator_app.gui.library.new_item import NewItemDialog

BODY_SEARCH_DELAY_MS = 150
# Rows indexed meanwhile are added at most four times a second: each addition inserts rows
# at their sorted places (a few ms), and fewer, larger additions repaint the list less.
BATCH_SHOW_MS = 250
# How long the lint pass waits at most for the window to open a freshly indexed folder's
# first item and paint its preview (see hold_lint).
LINT_HOLD_MS = 3000
# Which columns give way, in order, when the pane is too narrow for a readable title.
_DROP_ORDER = (COL_STATUS, COL_BRAND, COL_THUMB)


class LibraryPane(QWidget):
    sig_item_activated = Signal(Path)
    sig_editor_wanted = Signal()  # Enter opened an item: the keyboard goes on to edit it
    sig_progress = Signal(int, int)  # done, total (files parsed while indexing)
    sig_lint_progress = Signal(int, int)
    # The folder's rows are listed (a folder opened again: its cached rows, before the
    # files are looked at; else once indexed): the number of items.
    sig_listed = Signal(int)
    sig_loaded = Signal(int)  # indexed: the number of items now listed, every file seen
    sig_failed = Signal(str)
    _sig_open = Signal(str)
    _sig_refresh = Signal()

    def __init__(self, parent: QWidget | None = None, saved_filters: SavedFilters | None = None,
                 poll_ms: int = 15000) -> None:
        super().__init__(parent)
        self.root: Path | None = None
        self.model = LibraryModel(self)
        self.filter_bar = FilterBar(saved_filters, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the list for the next pane (arrow keys move within it); a table's default
        # is to step through its cells, which kept Tab once rows arrived while it had focus.
        self.view.setTabKeyNavigation(False)
        self.view.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        # Titles wrap onto a second line and are elided after it (full title on hover).
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setAccessibleName("Items")
        self.view.setAccessibleDescription("The folder's items; Enter or a click opens one")
        # Fixed row heights and column widths: nothing measures 10,000 rows.
        vh = self.view.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(max(THUMB_SIZE + 4, 2 * self.fontMetrics().lineSpacing() + 8))
        vh.hide()
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        hh.resizeSection(COL_THUMB, THUMB_SIZE + 8)
        # The title gets what is left; the other columns stay narrow in a side pane.
        digits = self.fontMetrics().horizontalAdvance("0000-00-00") + 16
        for column, width in ((COL_DATE, digits), (COL_BRAND, 96), (COL_STATUS, 64), (COL_LINT, 40)):
            hh.resizeSection(column, width)
        hh.setMinimumSectionSize(24)
        self.progress = QProgressBar(self)
        self.progress.setFormat("Indexing %v / %m")
        self.progress.hide()
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        self._reader: LibraryIndex | None = None
        self._facets = Facets()
        self._listed = False  # sig_listed went out for the folder being opened
        self._lint_held = False  # a sig_loaded listener holds the lint pass (hold_lint)
        self.last_bulk: UndoRecord | None = None
        self._body_timer = QTimer(self, singleShot=True, interval=BODY_SEARCH_DELAY_MS)
        self._body_timer.timeout.connect(self._run_body_search)
        # Rows of the folder being indexed, waiting for the next BATCH_SHOW_MS tick.
        self._pending: list[Item] = []
        self._pending_root: Path | None = None
        self._batch_timer = QTimer(self, singleShot=True, interval=BATCH_SHOW_MS)
        self._batch_timer.timeout.connect(self._show_pending)
        self.filter_bar.sig_query_changed.connect(self.set_query)
        # One click opens (a preview-style open; the list keeps the focus), as do a double
        # click and Enter; Ctrl/Shift-clicks only select, for bulk edits.
        self.view.clicked.connect(self._on_clicked)
        self.view.activated.connect(self._on_activated)
        self.filter_bar.search.installEventFilter(self)
        self.view.installEventFilter(self)

        self._thumbs = ThumbnailLoader(THUMB_SIZE, self)
        self.model.sig_thumbnail_wanted.connect(self._thumbs.request)
        self._thumbs.sig_loaded.connect(self.model.set_thumbnail)

        self._thread = QThread(self)
        self._thread.setObjectName("curator-library-index")
        self._worker = IndexWorker()
        self._worker.moveToThread(self._thread)
        self._sig_open.connect(self._worker.open_folder)
        self._sig_refresh.connect(self._worker.refresh)
        self._worker.sig_progress.connect(self._on_progress)
        self._worker.sig_cached.connect(self._on_cached)
        self._worker.sig_items.connect(self._on_items)
        self._worker.sig_batch.connect(self._on_batch)
        self._worker.sig_lint.connect(self.model.update_lint)
        self._worker.sig_lint_progress.connect(self.sig_lint_progress)
        self._worker.sig_failed.connect(self._on_failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()

        self.watcher = FolderWatcher(self, poll_ms=poll_ms)
        self.watcher.sig_changed.connect(self.refresh)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_columns()

    def title_width_wanted(self) -> int:
        """A readable title column: about 24 average characters per line."""
        return 24 * self.fontMetrics().averageCharWidth() + 12

    def fit_columns(self) -> None:
        """Hide the least needed columns while the title would be squeezed below readable."""
        hh = self.view.horizontalHeader()
        available = self.view.viewport().width() or self.width()
        for column in _DROP_ORDER:
            self.view.setColumnHidden(column, False)
        for column in _DROP_ORDER:
            others = sum(hh.sectionSize(c) for c in range(self.model.columnCount())
                         if c != COL_TITLE and not self.view.isColumnHidden(c))
            if available - others >= self.title_width_wanted():
                break
            self.view.setColumnHidden(column, True)

    # --- public API ---------------------------------------------------------------------

    def open_folder(self, path: str | Path) -> None:
        self.root = items_root(Path(path).resolve())
        self._close_reader()
        self._listed = False
        self.status.setText(f"Opening {self.root}…")
        # A folder opened before is listed at once from its cache's ids (a few ms for
        # 10,000 rows); the worker reads the rows meanwhile, then looks at the files.
        root = self.root
        listing = CachedListing.open(root) if self.model.lists_newest_first() else None
        if listing is not None and listing.ids:
            self.model.list_cached(self.root, listing)
            self._update_status()
            # Announced from the event loop: listeners connected after this call (the
            # benchmark's mark) hear it, once the window that shows the list is up.
            QTimer.singleShot(0, lambda: self._announce_listed() if self.root == root else None)
        elif listing is not None:
            listing.close()
        self.watcher.watch(self.root)
        # The worker starts from the event loop: at start-up that is once the window shows, so
        # its reading and linting (another thread, but the same interpreter lock) does not
        # slow building the window.
        QTimer.singleShot(0, self, lambda: self._sig_open.emit(str(root)) if self.root == root else None)

    def refresh(self) -> None:
        """Re-scan the folder (stat only for unchanged files) in the worker thread."""
        if self.root is not None:
            self._sig_refresh.emit()

    def set_query(self, query: Query) -> None:
        self.model.set_query(query)
        self._update_status()
        if query.text.strip():
            self._body_timer.start()

    def selected_paths(self) -> list[Path]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [p for p in (self.model.path_at(r) for r in rows) if p is not None]

    def items(self) -> list[Item]:
        return self.model.all_items()

    def values_used(self, field: str) -> list[str]:
        """Tags or categories used in the folder, most used first (for completion)."""
        values = self._facets.tags if field == "tags" else self._facets.categories if field == "categories" else []
        return [v for v, _ in values]

    # --- bulk edit and new item (dialogs return through the core; the watcher refreshes) -

    def bulk_edit_dialog(self, paths: list[Path] | None = None) -> BulkEditDialog:
        from curator_app.gui.library.dialogs import BulkEditDialog

        dialog = BulkEditDialog(paths if paths is not None else self.selected_paths(),
                                self.values_used("tags"), self.values_used("categories"), self)
        dialog.sig_applied.connect(self.adopt_bulk)
        return dialog

    def adopt_bulk(self, record: UndoRecord) -> None:
        self.last_bulk = record
        self.refresh()

    def undo_last_bulk(self) -> bool:
        """Put back the files of the last bulk edit; False when there is none."""
        if self.last_bulk is None:
            return False
        from curator_app.core.library.bulk import undo

        undo(self.last_bulk)  # raises WriteConflictError if a file was edited since
        self.last_bulk = None
        self.refresh()
        return True

    def new_item_dialog(self) -> NewItemDialog | None:
        from curator_app.core.library.archetype import next_id, sections
        from curator_app.gui.library.new_item import NewItemDialog

        if self.root is None:
            return None
        root = self.root
        dialog = NewItemDialog(root, next_id(i.item_id for i in self.model.all_items()),
                               self.values_used("categories"), sections(root), self._section_for_new(root), self)
        dialog.sig_created.connect(self._on_created)
        return dialog

    def _section_for_new(self, root: Path) -> str:
        """The selected item's section, else the one most items are in ("" for the top level)."""
        def section(path: Path | str) -> str:
            try:  # the model's paths are relative to the root, selected ones absolute
                parts = Path(path).relative_to(root).parts if Path(path).is_absolute() else Path(path).parts
            except ValueError:
                return ""
            return parts[0] if len(parts) > 1 else ""

        selected = self.selected_paths()
        if selected:
            return section(selected[0])
        counts = Counter(section(i.path) for i in self.model.all_items())
        return counts.most_common(1)[0][0] if counts else ""

    def _on_created(self, path: Path) -> None:
        self.refresh()
        self.sig_item_activated.emit(path)

    def hold_indexing(self, at_most_ms: int = 3000) -> None:
        """The window has start-up work to do: until release_indexing() (or `at_most_ms`)
        the folder's files are not read (a cached list still shows), and a refresh under
        way waits between batches."""
        self._worker.hold()
        QTimer.singleShot(at_most_ms, self, self.release_indexing)

    def release_indexing(self) -> None:
        self._worker.resume()

    def hold_lint(self, at_most_ms: int = LINT_HOLD_MS) -> None:
        """Called by a listener of sig_loaded: the worker's lint pass, which waits after a
        folder's first refresh, keeps waiting until release_lint() (or `at_most_ms`)."""
        self._lint_held = True
        QTimer.singleShot(at_most_ms, self, self.release_lint)

    def release_lint(self) -> None:
        """The lint pass may start (see IndexWorker.allow_lint)."""
        self._worker.allow_lint()

    def shutdown(self) -> None:
        """Stop the worker thread (call before the application quits)."""
        self.watcher.stop()
        self._worker.stop()
        self._thread.quit()
        self._thread.wait()
        self._close_reader()
        self.model.forget_cache()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # --- worker results -----------------------------------------------------------------

    def _on_progress(self, done: int, total: int) -> None:
        self.sig_progress.emit(done, total)
        if total and done < total:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.show()
        else:
            self.progress.hide()

    def _on_batch(self, root: Path, items: list[Item]) -> None:
        """Rows indexed so far: the first batch shows at once, later ones every BATCH_SHOW_MS."""
        if self.root is None or root != self.root:
            return
        if self._pending_root != root:
            self._pending = []
            self._pending_root = root
        self._pending.extend(items)
        if not self._batch_timer.isActive():
            self._show_pending()
            self._batch_timer.start()  # later batches wait for the tick

    def _show_pending(self) -> None:
        if self._pending and self._pending_root == self.root and self.root is not None:
            self.model.add_items(self.root, self._pending)
            total = self.model.count
            self.status.setText(f"{total:,} {'item' if total == 1 else 'items'} so far…")
        self._pending = []

    def _on_cached(self, root: Path, items: list[Item], hay: list[str]) -> None:
        if self.root is None or root != self.root:
            return
        self.model.set_items(root, items, hay)
        self._update_status()
        self._announce_listed()

    def _announce_listed(self) -> None:
        if not self._listed:
            self._listed = True
            self.sig_listed.emit(self.model.count)

    def _on_items(self, root: Path, items: list[Item] | None, found: Facets) -> None:
        if self.root is None or root != self.root:
            self.release_lint()  # the worker waits for it, and then moves on to the new folder
            return  # a folder opened earlier finished after the user moved on
        self.progress.hide()
        self._batch_timer.stop()
        self._show_pending()
        if items is not None:
            self.model.sync(root, items)
        if self._reader is None and self._worker.db_path is not None:
            self._reader = LibraryIndex(root, self._worker.db_path, readonly=True)
        self._facets = found
        self.filter_bar.set_facets(found)
        if self.model.query.text.strip():
            self._run_body_search()
        self._update_status()
        self._announce_listed()
        self._lint_held = False
        self.sig_loaded.emit(self.model.count)  # a listener about to open an item holds the lint
        if not self._lint_held:
            self.release_lint()
        release_free_memory()

    def _on_failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setText(message)
        self.sig_failed.emit(message)

    def _run_body_search(self) -> None:
        text = self.model.query.text
        if self._reader is None or not text.strip():
            return
        ids = text_ids(self._reader, text) or set()
        self.model.set_body_matches(text, ids)
        self._update_status()

    def _update_status(self) -> None:
        shown, total = self.model.rowCount(), self.model.count
        noun = "item" if total == 1 else "items"
        self.status.setText(f"{shown:,} of {total:,} {noun}" if shown != total else f"{total:,} {noun}")

    # --- keyboard: search box ⇄ list -------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return False
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.filter_bar.search:
            if key == Qt.Key.Key_Down:
                return self.enter_list()
            if enter:
                return self.open_chosen()
        elif watched is self.view:
            if enter:
                return self.open_chosen()
            # Escape, or Up from the first row, goes back to the search box.
            if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and self.view.currentIndex().row() <= 0):
                self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return False

    def enter_list(self) -> bool:
        """Down in the search box: the first match, selected, with the keyboard in the list."""
        if self.model.rowCount() == 0:
            return False
        first = self.model.index(0, COL_TITLE)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(first, flags)
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def open_chosen(self) -> bool:
        """Enter: open the selected item, else the first match, and go on to edit it."""
        current = self.view.currentIndex()
        row = current.row() if current.isValid() and self.view.selectionModel().isRowSelected(current.row()) else 0
        path = self.model.path_at(row) if self.model.rowCount() else None
        if path is None:
            return False
        self.sig_item_activated.emit(path)
        self.sig_editor_wanted.emit()
        return True

    def _on_clicked(self, index: QModelIndex) -> None:
        if QApplication.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            return
        self._on_activated(index)

    def _on_activated(self, index: QModelIndex) -> None:
        path = self.model.path_at(index.row())
        if path is not None:
            self.sig_item_activated.emit(path)

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
