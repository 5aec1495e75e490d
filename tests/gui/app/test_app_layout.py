"""The first-run layout fits the work at common laptop and desktop sizes: readable library
titles, a form whose inputs are not clipped, and a preview whose cards fit the pane."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from support.workbench import close_workbench

from curator_app.gui.layout import first_run_geometry, first_run_pane_sizes
from curator_app.gui.library.model import COL_TITLE
from curator_app.gui.main_window import MainWindow
from curator_app.gui.preview.fit import FULL_WIDTH_PX
from curator_app.gui.settings import Settings
from curator_app.gui.wiring import Workbench

SCREENS = [(1280, 800), (1600, 1000), (1920, 1080)]


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_first_run_sizes_suit_the_screen(width: int, height: int) -> None:
    frame = first_run_geometry(QRect(0, 0, width, height))
    assert QRect(0, 0, width, height).contains(frame)
    assert frame.width() >= min(width, 1280)  # small screens get every pixel
    library, editor, preview = first_run_pane_sizes(frame.width())
    assert library + editor + preview == frame.width()
    assert library >= 260 and editor >= 520
    if frame.width() >= 1500:
        assert preview >= FULL_WIDTH_PX  # every card at full size


@pytest.fixture
def seed_site(seed_path: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "site" / "content" / "news"
    folder.mkdir(parents=True)
    shutil.copyfile(seed_path, folder / "genome-uk.md")
    return tmp_path / "site"


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1920, 1080)])
def test_window_at_screen_size_fits_every_pane(qtbot, seed_site: Path, width: int, height: int) -> None:
    window = MainWindow(Settings())
    bench = Workbench(window, Settings())
    frame = first_run_geometry(QRect(0, 0, width, height))
    window.setGeometry(frame)
    bench.open_folder(seed_site)
    window.show()
    qtbot.waitExposed(window)
    try:
        window.splitter.setSizes(first_run_pane_sizes(frame.width()))
        qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
        qtbot.waitUntil(lambda: bench.library.model.rowCount() == 1, timeout=20000)
        library = bench.library
        title_width = library.view.horizontalHeader().sectionSize(COL_TITLE)
        assert title_width >= library.title_width_wanted()
        index = library.model.index(0, COL_TITLE)
        assert "UK Launch" in library.model.data(index, 3)  # ToolTipRole: the whole title
        for edit in (library.filter_bar.date_from, library.filter_bar.date_to):
            needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            assert edit.width() > needed, edit.placeholderText()
        form = bench.tabs.current_editor().form
        qtbot.waitUntil(lambda: form.widget().width() <= form.viewport().width())
        assert form.widget().minimumSizeHint().width() <= form.viewport().width()
        preview = bench.preview
        if preview is not None:
            assert preview.width() * 1.0 >= 0
            wide_enough = preview.width() >= FULL_WIDTH_PX
            assert (preview.zoom == 1.0) == wide_enough
            assert preview.scale_label.isVisible() == (not wide_enough)
    finally:
        close_workbench(bench)
