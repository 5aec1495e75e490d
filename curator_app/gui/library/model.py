"""The library table model: every item in memory, filtered and sorted without a proxy.

Filtering 10,000 rows per keystroke must stay under 30 ms, so each item carries one
precomputed lower-case haystack and the rows are kept in the current sort order (see
rows.py); a filter is one pass over that order and a model reset. Body text is not in
memory: the pane asks SQLite FTS for it and hands the matching ids in
(`set_body_matches`), which widen the text match.

Rows indexed while the list is shown go to their sorted places with insert, move and
remove signals, never a reset: a reset of 10,000 rows froze the window for 50-225 ms per
batch, and lost the selection.

A folder opened again is first listed from its cache's ids alone (`list_cached`, see
rows.Pages), rows read as they are shown; the worker's full rows then take their place
without a signal when nothing differs. Anything else asked of the model meanwhile (a
filter, a sort, an update) reads every row first (`_held`).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap

from curator_app.core.document.reading import is_regular_file
from curator_app.core.library.index import Item
from curator_app.core.library.search import CachedListing, Query
from curator_app.core.preview.images import is_inside
from curator_app.gui import theme
from curator_app.gui.library.rows import (
    COL_BRAND,
    COL_DATE,
    COL_LINT,
    COL_STATUS,
    COL_THUMB,
    COL_TITLE,
    COLUMNS,
    Pages,
    Rows,
    status,
)

__all__ = [
    "COLUMNS",
    "COL_BRAND",
    "COL_DATE",
    "COL_LINT",
    "COL_STATUS",
    "COL_THUMB",
    "COL_TITLE",
    "THUMB_SIZE",
    "LibraryModel",
    "PathRole",
]

THUMB_SIZE = 32
PathRole = Qt.ItemDataRole.UserRole + 1
# More rows than this removed at once: one reset is cheaper than a signal per row.
RESET_ABOVE = 500
# Up to this many new rows each find their place by a binary search in Python; more are
# placed by re-sorting every row (two sorts in C, ~10 ms for 10,000 rows), which a batch
# of a streamed load (hundreds of rows) needs: one search each cost it 100-340 ms.
BISECT_UP_TO = 32

_Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractTableModel):
    sig_thumbnail_wanted = Signal(str, str)  # key, absolute image path

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.root: Path | None = None
        self._rows = Rows()
        self._pages: Pages | None = None  # listed from the cache, rows not held yet
        self._listing: CachedListing | None = None
        self._thumbs: dict[str, QIcon | None] = {}
        self._placeholder = QIcon()
        self._vcs: dict[str, str] = {}  # relative path -> git status ("modified", "new", ...)

    # --- data in ----------------------------------------------------------------------

    def set_items(self, root: Path, items: list[Item], hay: list[str] | None = None) -> None:
        """Hold exactly these rows (one reset, none when they are the rows listed from the
        cache). `hay`: their haystacks, if already built (the worker builds them for a
        cached list, off the GUI thread)."""
        if self._pages is not None and root == self.root:
            self._take_over(items, hay)
            return
        self.forget_cache()
        self.beginResetModel()
        self.root = root
        self._rows.load(items, hay)
        self._rows.refilter()
        self.endResetModel()

    def lists_newest_first(self) -> bool:
        """Whether the list shows every row in the cache's listing order (see list_cached)."""
        rows = self._rows
        return rows.column == COL_DATE and rows.descending and rows.query == Query()

    def list_cached(self, root: Path, listing: CachedListing) -> None:
        """List a folder from its cache's ids (the caller checked `lists_newest_first`);
        the model closes the listing once it holds the rows."""
        self.forget_cache()
        self.beginResetModel()
        self.root = root
        self._rows.load([], [])
        self._rows.refilter()
        self._listing, self._pages = listing, Pages(listing.ids, listing.fetch)
        self.endResetModel()

    def forget_cache(self) -> None:
        if self._listing is not None:
            self._listing.close()
        self._listing = self._pages = None

    def _held(self) -> Rows:
        """The rows, every one of them read first if the list came from the cache's ids."""
        if self._pages is not None and self._listing is not None:
            self._take_over(self._listing.read_all(), None)
        return self._rows

    def _take_over(self, items: list[Item], hay: list[str] | None) -> None:
        """Hold `items` in place of the rows listed from the cache: no signal but a repaint
        when they list in the same order (the same cache), else a reset."""
        pages = self._pages
        assert pages is not None
        rows = self._rows
        rows.load(items, hay)
        rows.refilter()
        same = [items[n].id for n in rows.visible] == pages.ids
        if not same:
            self.beginResetModel()
        self.forget_cache()
        if same:
            self._changed_column(0, len(COLUMNS) - 1)
        else:
            self.endResetModel()

    def add_items(self, root: Path, items: list[Item]) -> None:
        """Show rows indexed meanwhile: new paths are inserted at their sorted places, known
        ones replaced (and moved if their sort key changed); the selection stays."""
        if root != self.root or not self._held().count:
            self.set_items(root, items)
            return
        rows = self._rows
        fresh: dict[int, None] = {}  # new ids, in arrival order
        for item in items:
            n, new = rows.store(item)
            if new:
                fresh[n] = None
            elif n not in fresh:  # (a path twice in one batch: the later item is held)
                self._replace_row(n)
        if len(fresh) <= BISECT_UP_TO:
            for n in fresh:
                rows.order.insert(rows.place(rows.order, n), n)
            self._insert_visible(rows.keep(list(fresh)))
            return
        rows.resort()
        self._grow_to(rows.keep(rows.order), set(fresh))

    def remove_paths(self, paths: list[str]) -> None:
        rows = self._held()
        if len(paths) > RESET_ABOVE:
            self.beginResetModel()
            for path in paths:
                rows.drop(path)
            rows.refilter()
            self.endResetModel()
            return
        for path in paths:
            n = rows.drop(path)
            if n is not None:
                self._remove_visible(n)

    def sync(self, root: Path, items: list[Item]) -> None:
        """Hold exactly `items`, changing only the rows that differ from those held."""
        if root != self.root:
            self.set_items(root, items)
            return
        held, fresh = self._held().by_path, {i.path for i in items}
        gone = [path for path in held if path not in fresh]
        if gone:
            self.remove_paths(gone)
        known = self._rows.items
        changed = [i for i in items if (n := held.get(i.path)) is None or known[n] != i]
        if changed:
            self.add_items(root, changed)

    def set_vcs_status(self, statuses: dict[Path, str]) -> None:
        """Git status per absolute path (unchanged files are absent), shown in the status column."""
        vcs: dict[str, str] = {}
        if self.root is not None:
            root = self.root.resolve()
            for path, state in statuses.items():
                try:
                    vcs[path.resolve().relative_to(root).as_posix()] = str(state)
                except ValueError:
                    continue
        if vcs == self._vcs:
            return
        self._vcs = vcs
        self._changed_column(COL_STATUS, COL_STATUS)

    def update_lint(self, counts: dict[str, tuple[int | None, str | None]]) -> None:
        """Fill in lint counts computed by the background pass."""
        rows = self._held()
        moved = rows.query.has_problems is not None or rows.column == COL_LINT
        touched = False
        for path, (count, error) in counts.items():
            n = rows.by_path.get(path)
            if n is not None:
                rows.set_item(n, rows.items[n]._replace(lint_count=count, error=error))
                touched = True
                if moved:
                    self._replace_row(n)
        if touched and not moved:
            self._changed_column(COL_STATUS, COL_LINT)

    def _changed_column(self, first: int, last: int) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, first), self.index(self.rowCount() - 1, last))

    # --- placing single rows (signals, no reset) ----------------------------------------

    def _insert_visible(self, ids: list[int]) -> None:
        """Insert rows (not yet visible) at their sorted places: one signal per run of rows
        that land between the same two neighbours."""
        rows, visible = self._rows, self._rows.visible
        runs: dict[int, list[int]] = defaultdict(list)
        for n in ids:
            runs[rows.place(visible, n)].append(n)
        for pos in sorted(runs, reverse=True):  # from the end: earlier places stay valid
            run = rows.ordered(runs[pos])
            self.beginInsertRows(QModelIndex(), pos, pos + len(run) - 1)
            visible[pos:pos] = run
            self.endInsertRows()

    def _grow_to(self, final: list[int], fresh: set[int]) -> None:
        """Insert the `fresh` rows so that the visible rows become `final` (the rows shown
        plus those, in sort order): one signal per run of consecutive new rows, the runs
        from the top down, so each run's place in `final` is its place in the list so far."""
        visible = self._rows.visible
        places = [p for p, n in enumerate(final) if n in fresh]
        start = 0
        while start < len(places):
            end = start + 1
            while end < len(places) and places[end] == places[end - 1] + 1:
                end += 1
            first, last = places[start], places[end - 1]
            self.beginInsertRows(QModelIndex(), first, last)
            visible[first:first] = final[first : last + 1]
            self.endInsertRows()
            start = end

    def _remove_visible(self, n: int) -> None:
        visible = self._rows.visible
        try:
            pos = visible.index(n)
        except ValueError:
            return
        self.beginRemoveRows(QModelIndex(), pos, pos)
        del visible[pos]
        self.endRemoveRows()

    def _replace_row(self, n: int) -> None:
        """Row n's item changed: move it to its new place (or show or hide it)."""
        rows = self._rows
        rows.order.remove(n)
        rows.order.insert(rows.place(rows.order, n), n)
        shown = bool(rows.keep([n]))
        visible = rows.visible
        try:
            old = visible.index(n)
        except ValueError:
            if shown:
                self._insert_visible([n])
            return
        if not shown:
            self._remove_visible(n)
            return
        del visible[old]
        new = rows.place(visible, n)
        visible.insert(old, n)
        if new != old:
            # Qt's destination is a row before which the moved row lands, counted before the move.
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), new + 1 if new > old else new)
            del visible[old]
            visible.insert(new, n)
            self.endMoveRows()
        self.dataChanged.emit(self.index(new, 0), self.index(new, len(COLUMNS) - 1))

    # --- filtering ----------------------------------------------------------------------

    @property
    def query(self) -> Query:
        return self._rows.query

    def set_query(self, query: Query) -> None:
        rows = self._held()
        self.beginResetModel()
        rows.set_query(query)
        self.endResetModel()

    def set_body_matches(self, text: str, ids: set[int]) -> None:
        """Ids whose body matches `text` (from FTS); ignored if the text moved on."""
        rows = self._held()
        if text != rows.query.text or ids == rows.body_ids:
            return
        rows.body_ids = ids
        self.beginResetModel()
        rows.refilter()
        self.endResetModel()

    # --- sorting ------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column == COL_THUMB:
            return
        rows = self._held()
        self.layoutAboutToBeChanged.emit()
        # The selection and current row follow their items to the new places.
        persistent = self.persistentIndexList()
        ids = [rows.visible[i.row()] for i in persistent]
        rows.sort_by(column, order == Qt.SortOrder.DescendingOrder)
        rows.refilter()
        where = {n: r for r, n in enumerate(rows.visible)}
        self.changePersistentIndexList(
            persistent, [self.index(where[n], i.column()) if n in where else QModelIndex()
                         for n, i in zip(ids, persistent, strict=True)])
        self.layoutChanged.emit()

    # --- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._pages.ids) if self._pages is not None else len(self._rows.visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def item_at(self, row: int) -> Item:
        if self._pages is not None:
            return self._pages.item(row)
        return self._rows.items[self._rows.visible[row]]

    def path_at(self, row: int) -> Path | None:
        if self.root is None or not 0 <= row < self.rowCount():
            return None
        return self.root / self.item_at(row).path

    def visible_items(self) -> list[Item]:
        rows = self._held()
        return [rows.items[n] for n in rows.visible]

    def all_items(self) -> list[Item]:
        """Every item held, in no particular order."""
        return self._held().live()

    @property
    def count(self) -> int:
        return len(self._pages.ids) if self._pages is not None else self._rows.count

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TITLE:
                return item.title or Path(item.path).name
            if col == COL_DATE:
                return item.date[:10]
            if col == COL_BRAND:
                return item.brand
            if col == COL_STATUS:
                vcs = self._vcs.get(item.path)
                return f"{status(item)} · {vcs}" if vcs else status(item)
            if col == COL_LINT:
                p = item.problems
                return "…" if p is None else str(p)
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == COL_THUMB:
            return self._thumbnail(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            if item.error:
                return item.error
            # The narrow pane elides titles and may hide columns; the tooltip has it all.
            return "\n".join(p for p in (item.title, item.brand, item.path) if p)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_LINT and item.problems:
            return theme.tone("error")
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS and item.path in self._vcs:
            return theme.tone("info")
        if role == PathRole:
            return str(self.root / item.path) if self.root else item.path
        return None

    # --- thumbnails (loaded off the GUI thread by the pane; cached here) ----------------

    def _thumbnail(self, item: Item) -> QIcon | None:
        href = item.thumbnail
        if not href or "://" in href or self.root is None:
            return None
        key = item.path + "|" + href
        if key in self._thumbs:
            return self._thumbs[key]
        self._thumbs[key] = None  # asked once
        # Only a file inside the library's folder, links followed: never ../ or /abs paths.
        image = (self.root / item.path).parent / href
        if href.startswith("/") or not is_inside(image, self.root) or not is_regular_file(image):
            return None
        self.sig_thumbnail_wanted.emit(key, str(image))
        return None

    def set_thumbnail(self, key: str, image: QImage) -> None:
        if image.isNull():
            return
        self._thumbs[key] = QIcon(QPixmap.fromImage(image))
        path = key.split("|", 1)[0]
        if self._pages is not None:  # an item shown was read, so found here
            found = self._pages.row_of(path)
            if found is None:
                return
            row = found
        else:
            n = self._rows.by_path.get(path)
            if n is None:
                return
            try:
                row = self._rows.visible.index(n)
            except ValueError:
                return
        idx = self.index(row, COL_THUMB)
        self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])
