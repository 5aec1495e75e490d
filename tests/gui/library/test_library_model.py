"""LibraryModel under a real QTableView: rows indexed later go to their sorted places with
insert/move/remove signals (no reset), and the selection stays on its item throughout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from curator_app.core.library.index import Item
from curator_app.core.library.search import Query
from curator_app.gui.library.model import COL_DATE, COL_LINT, COL_TITLE, LibraryModel, PathRole

pytestmark = pytest.mark.usefixtures("qapp")
ROOT = Path("/tmp/library")


def _item(n: int, date: str, title: str = "", lint: int | None = None) -> Item:
    return Item(n, f"news/{n:05d}.md", title or f"Item {n}", date, f"slug-{n}", False, "example.org",
                "", "", "", ("News",), (), str(n), "yaml", None, lint)


class _Watched:
    """A model shown in a table view, with its resets and row signals counted."""

    def __init__(self, qtbot, items: list[Item]) -> None:
        self.model = LibraryModel()
        self.view = QTableView()
        qtbot.addWidget(self.view)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.model.set_items(ROOT, items)
        self.resets = 0
        self.inserted = 0
        self.model.modelReset.connect(self._reset)
        self.model.rowsInserted.connect(lambda _p, first, last: self._insert(last - first + 1))
        self.view.show()

    def _reset(self) -> None:
        self.resets += 1

    def _insert(self, count: int) -> None:
        self.inserted += count

    def select(self, path: str) -> None:
        row = self.paths().index(path)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(self.model.index(row, COL_TITLE), flags)

    def selected(self) -> list[str]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self.model.item_at(r).path for r in rows]

    def current(self) -> str:
        return self.model.item_at(self.view.currentIndex().row()).path

    def paths(self) -> list[str]:
        return [self.model.item_at(r).path for r in range(self.model.rowCount())]

    def dates(self) -> list[str]:
        return [self.model.data(self.model.index(r, COL_DATE)) for r in range(self.model.rowCount())]


def _dated(numbers: range, day: int = 0) -> list[Item]:
    return [_item(n, f"2021-{n % 12 + 1:02d}-{(n + day) % 28 + 1:02d}") for n in numbers]


@pytest.mark.parametrize("size", [100, 10])  # a re-sort per batch / a binary search per row
def test_streamed_rows_are_inserted_in_order_and_the_selection_stays(qtbot, size: int) -> None:
    w = _Watched(qtbot, _dated(range(0, 300, 3)))
    chosen = w.paths()[40]
    w.select(chosen)
    for start in (1, 2):  # 200 more rows, interleaving everywhere with what is shown
        batch = _dated(range(start, 300, 3))
        for at in range(0, len(batch), size):
            w.model.add_items(ROOT, batch[at : at + size])
    assert w.resets == 0 and w.inserted == 200
    assert w.selected() == [chosen] and w.current() == chosen
    assert w.model.rowCount() == 300 == w.model.count
    everything = LibraryModel()  # the same rows held at once list in the same order
    everything.sort(COL_DATE, Qt.SortOrder.DescendingOrder)
    everything.set_items(ROOT, _dated(range(300)))
    assert w.paths() == [everything.item_at(r).path for r in range(300)]
    assert w.dates() == sorted(w.dates(), reverse=True)


def test_a_changed_row_moves_and_keeps_its_selection(qtbot) -> None:
    w = _Watched(qtbot, _dated(range(50)))
    chosen = w.paths()[10]
    w.select(chosen)
    n = int(Path(chosen).stem)
    moved: list[int] = []
    w.model.rowsMoved.connect(lambda *_: moved.append(1))
    w.model.add_items(ROOT, [_item(n, "1999-01-01", title="Now the oldest")])
    assert moved and w.resets == 0
    assert w.paths()[-1] == chosen and w.selected() == [chosen]
    assert w.model.data(w.model.index(49, COL_TITLE)) == "Now the oldest"
    assert w.dates() == sorted(w.dates(), reverse=True)


def test_removed_rows_leave_the_rest_selected(qtbot) -> None:
    w = _Watched(qtbot, _dated(range(30)))
    chosen = w.paths()[20]
    w.select(chosen)
    gone = w.paths()[:5]
    w.model.sync(ROOT, [i for i in _dated(range(30)) if i.path not in gone])
    assert w.resets == 0 and w.model.rowCount() == 25
    assert w.selected() == [chosen] and not set(gone) & set(w.paths())


def test_sync_with_the_rows_held_changes_nothing(qtbot) -> None:
    items = _dated(range(40))
    w = _Watched(qtbot, items)
    changed: list[int] = []
    w.model.dataChanged.connect(lambda *_: changed.append(1))
    w.model.sync(ROOT, list(reversed(items)))
    assert (w.resets, w.inserted, changed) == (0, 0, [])


def test_sorting_by_a_column_keeps_the_selected_item(qtbot) -> None:
    w = _Watched(qtbot, [_item(n, f"2021-01-{n % 28 + 1:02d}", title=f"{chr(ord('a') + (n * 7) % 26)} {n}")
                         for n in range(26)])
    chosen = w.paths()[3]
    w.select(chosen)
    w.view.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder)
    titles = [w.model.data(w.model.index(r, COL_TITLE)) for r in range(26)]
    assert titles == sorted(titles, key=str.lower)
    assert w.selected() == [chosen] and w.current() == chosen


def test_lint_counts_move_rows_when_the_list_is_sorted_by_them(qtbot) -> None:
    w = _Watched(qtbot, _dated(range(10)))
    w.view.sortByColumn(COL_LINT, Qt.SortOrder.DescendingOrder)
    chosen = w.paths()[9]
    w.select(chosen)
    w.model.update_lint({chosen: (7, None)})
    assert w.paths()[0] == chosen and w.selected() == [chosen] and w.resets == 0
    assert w.model.data(w.model.index(0, COL_LINT)) == "7"


def test_rows_added_under_a_filter_show_only_if_they_match(qtbot) -> None:
    w = _Watched(qtbot, _dated(range(10)))
    w.model.set_query(Query(text="genome"))
    assert w.model.rowCount() == 0
    w.model.add_items(ROOT, [_item(100, "2020-01-01", title="Genome trial"), _item(101, "2020-01-02")])
    assert w.paths() == ["news/00100.md"]
    w.model.set_query(Query())
    assert w.model.rowCount() == 12


def test_haystacks_built_elsewhere_are_the_ones_searched(qtbot) -> None:
    """A warm open hands the model rows with their haystacks, built off the GUI thread:
    the model searches those and builds none of its own."""
    items = _dated(range(3))
    model = LibraryModel()
    model.set_items(ROOT, items, ["alpha", "beta", "gamma"])
    model.set_query(Query(text="beta"))
    assert [model.data(model.index(r, 0), PathRole) for r in range(model.rowCount())] == [
        str(ROOT / items[1].path)]
