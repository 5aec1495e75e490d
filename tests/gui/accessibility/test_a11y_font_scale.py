"""With the system font half as large again, the window at 1280×800 still shows every
label and placeholder whole (or elided with the full text on hover), and rows grow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from support.a11y import describe

from curator_app.core.library.search import SavedFilters
from curator_app.gui.layout import first_run_pane_sizes
from curator_app.gui.library.filter_bar import FilterBar
from curator_app.gui.wiring import Workbench

SCALE = 1.5


@pytest.fixture
def large_font() -> Iterator[float]:
    """The desktop's font scaled by SCALE, set before the window is built."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.font()
    bigger = app.font()
    bigger.setPointSizeF(previous.pointSizeF() * SCALE)
    app.setFont(bigger)
    yield bigger.pointSizeF()
    app.setFont(previous)


def _clipped_labels(root: QWidget) -> list[str]:
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.wordWrap() or label.pixmap() is not None:
            continue
        needed = label.sizeHint().width()
        if needed > label.width() + 1 and not label.toolTip():
            found.append(f"{describe(label)}: needs {needed}px, has {label.width()}px")
    return found


def _clipped_placeholders(root: QWidget) -> list[str]:
    found = []
    for edit in root.findChildren(QLineEdit):
        text = edit.placeholderText()
        if not edit.isVisible() or not text or edit.text():
            continue
        room = edit.contentsRect().width() - edit.textMargins().left() - edit.textMargins().right() - 4
        needed = edit.fontMetrics().horizontalAdvance(text)
        if needed > room:
            found.append(f"{describe(edit)} {text!r}: needs {needed}px, has {room}px")
    return found


def test_large_font_fits_at_1280x800(qtbot, large_font: float, seed_bench: Workbench) -> None:
    window = seed_bench.window
    assert window.font().pointSizeF() == pytest.approx(large_font)
    window.setGeometry(QRect(0, 0, 1280, 800))
    window.splitter.setSizes(first_run_pane_sizes(1280))
    editor = seed_bench.tabs.current_editor()
    assert editor is not None
    form = editor.form
    qtbot.waitUntil(lambda: form.widget().width() <= form.viewport().width())
    QApplication.processEvents()
    assert window.width() == 1280  # nothing's minimum pushed the window wider than the screen
    problems = []
    for root in (form, seed_bench.library.filter_bar, window.statusBar()):
        problems += _clipped_labels(root) + _clipped_placeholders(root)
    assert not problems, "\n".join(problems)
    # Rows grow with the text: two lines of a title in the library, a line in each field.
    line = window.fontMetrics().lineSpacing()
    assert seed_bench.library.view.verticalHeader().defaultSectionSize() >= 2 * line
    title = form.rows[("title",)].editor.focus_target()
    assert title.height() >= title.fontMetrics().lineSpacing()
    authors = form.rows[("author",)].editor
    assert authors.list.height() >= 2 * authors.list.fontMetrics().lineSpacing()


def test_library_filters_start_narrow_enough_for_a_large_font(qtbot, large_font: float, tmp_path: Path) -> None:
    """Before its first resize the library's filter bar asks for no more than a third of a
    laptop screen: a wider start sets the window's minimum width when it is first shown."""
    bar = FilterBar(SavedFilters(tmp_path / "filters.json"))
    qtbot.addWidget(bar)
    assert bar.minimumSizeHint().width() <= 1280 // 3
