"""The library's filter bar: search-as-you-type plus facet combos and saved filters.

It only describes what the user asked for (a Query) and emits it; the pane applies it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QToolButton, QWidget

from curator_app.core.library.search import Facets, Query, SavedFilters
from curator_app.gui import alerts

ANY = ""
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PROBLEMS = (("Any state", None), ("Has problems", True), ("No problems", False))


class FilterBar(QWidget):
    sig_query_changed = Signal(object)  # Query

    def __init__(self, saved: SavedFilters | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved = saved or SavedFilters()
        self.search = QLineEdit(placeholderText="Search title, description, body…")
        self.search.setClearButtonEnabled(True)
        self.tag = self._combo("Any tag")
        self.category = self._combo("Any category")
        self.brand = self._combo("Any source")
        self.problems = QComboBox()
        for label, value in _PROBLEMS:
            self.problems.addItem(label, value)
        self.date_from = QLineEdit(placeholderText="from YYYY-MM-DD")
        self.date_to = QLineEdit(placeholderText="to YYYY-MM-DD")
        for edit in (self.date_from, self.date_to):
            # Never narrower than its placeholder, so the expected format stays readable.
            text_width = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            edit.setMinimumWidth(text_width + 16)
        self.saved_combo = QComboBox()
        self.saved_combo.setToolTip("Saved filters")
        self.save_button = QToolButton()
        self.save_button.setText("Save filter…")
        self._describe()
        self._cells: list[QWidget] = [self.tag, self.category, self.brand, self.problems,
                                      self.date_from, self.date_to, self.saved_combo, self.save_button]
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setSpacing(3)
        self._columns = 0
        # Two a row until a resize shows there is room for four: a four-wide start would set
        # the window's minimum width (too wide for a laptop with a large system font).
        self._arrange(2)
        self.search.textChanged.connect(self._emit)
        for combo in (self.tag, self.category, self.brand, self.problems):
            combo.currentIndexChanged.connect(self._emit)
        self.date_from.textChanged.connect(self._emit)
        self.date_to.textChanged.connect(self._emit)
        self.saved_combo.activated.connect(self._apply_saved)
        self.save_button.clicked.connect(self._ask_save)
        self._reload_saved()

    def _describe(self) -> None:
        for widget, name, description in (
            (self.search, "Search items", "Filters the list as you type: title, description, body"),
            (self.tag, "Tag filter", "Show only items with this tag"),
            (self.category, "Category filter", "Show only items in this category"),
            (self.brand, "Source filter", "Show only items from this source"),
            (self.problems, "Problem filter", "Show items with or without lint problems"),
            (self.date_from, "From date", "Earliest date shown: YYYY, YYYY-MM or YYYY-MM-DD"),
            (self.date_to, "To date", "Latest date shown: YYYY, YYYY-MM or YYYY-MM-DD"),
            (self.saved_combo, "Saved filters", "Apply a filter saved earlier"),
            (self.save_button, "Save filter", "Save the current filter under a name"),
        ):
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
            if not widget.toolTip():
                widget.setToolTip(description)

    def _needed_columns(self, width: int) -> int:
        """Four filters a row when each fits whole, else two (a narrow side pane)."""
        widest = max(max(w.minimumSizeHint().width(), w.minimumWidth()) for w in self._cells)
        return 4 if width >= 4 * widest + 3 * self._grid.spacing() + 4 else 2

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for widget in (self.search, *self._cells):
            self._grid.removeWidget(widget)
        self._grid.addWidget(self.search, 0, 0, 1, columns)
        for i, widget in enumerate(self._cells):
            self._grid.addWidget(widget, 1 + i // columns, i % columns)
        for column in range(4):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange(self._needed_columns(event.size().width()))

    @staticmethod
    def _combo(any_label: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(any_label, ANY)
        combo.setMinimumContentsLength(len(any_label) + 1)  # "Any category" shows whole
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    # --- facets -------------------------------------------------------------------------

    def set_facets(self, facets: Facets) -> None:
        """Refill the combos with the folder's values (count shown), keeping selections."""
        for combo, values in ((self.tag, facets.tags), (self.category, facets.categories),
                              (self.brand, facets.brands)):
            current = combo.currentData()
            with QSignalBlocker(combo):
                first = combo.itemText(0)
                combo.clear()
                combo.addItem(first, ANY)
                for value, count in values:
                    combo.addItem(f"{value} ({count})", value)
                found = combo.findData(current)
                combo.setCurrentIndex(max(0, found))

    # --- query --------------------------------------------------------------------------

    def query(self) -> Query:
        def one(combo: QComboBox) -> tuple[str, ...]:
            value = combo.currentData()
            return (value,) if value else ()

        def date(edit: QLineEdit) -> str:
            text = edit.text().strip()
            return text if _DATE_RE.match(text) else ""

        return Query(
            text=self.search.text(),
            tags=one(self.tag),
            categories=one(self.category),
            brands=one(self.brand),
            date_from=date(self.date_from),
            date_to=date(self.date_to),
            has_problems=self.problems.currentData(),
        )

    def set_query(self, query: Query) -> None:
        blockers = [QSignalBlocker(w) for w in (self.search, self.tag, self.category, self.brand,
                                                 self.problems, self.date_from, self.date_to)]
        self.search.setText(query.text)
        for combo, values in ((self.tag, query.tags), (self.category, query.categories),
                              (self.brand, query.brands)):
            idx = combo.findData(values[0]) if values else 0
            if idx < 0:  # a saved value the folder no longer has: keep it selectable
                combo.addItem(values[0], values[0])
                idx = combo.count() - 1
            combo.setCurrentIndex(idx)
        self.problems.setCurrentIndex(max(0, self.problems.findData(query.has_problems)))
        self.date_from.setText(query.date_from)
        self.date_to.setText(query.date_to)
        del blockers
        self._emit()

    def _emit(self) -> None:
        self.sig_query_changed.emit(self.query())

    # --- saved filters ------------------------------------------------------------------

    def _reload_saved(self) -> None:
        with QSignalBlocker(self.saved_combo):
            self.saved_combo.clear()
            self.saved_combo.addItem("Saved filters", None)
            for name in self.saved.names():
                self.saved_combo.addItem(name, name)

    def save_current(self, name: str) -> None:
        self.saved.save(name, self.query())
        self._reload_saved()

    def apply_saved(self, name: str) -> bool:
        query = self.saved.get(name)
        if query is None:
            return False
        self.set_query(query)
        return True

    def _apply_saved(self, index: int) -> None:
        name = self.saved_combo.itemData(index)
        if name:
            self.apply_saved(name)

    def _ask_save(self) -> None:
        name = alerts.ask_text(self, "save-filter", "Save filter", "Name:")
        if name:
            self.save_current(name)
