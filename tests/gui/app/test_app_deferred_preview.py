"""The preview's web engine and the folder's git status start after the window: a
placeholder first, then the pane; no branch at first, then the repository's."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel

from curator_app.core.git.repo import init_with_snapshot
from curator_app.gui.main_window import PREVIEW, MainWindow
from curator_app.gui.settings import Settings
from curator_app.gui.wiring import Workbench


def test_placeholder_and_no_git_until_started_then_the_item_renders_and_the_branch_shows(qtbot, seed_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "site" / "content" / "news"
    folder.mkdir(parents=True)
    item = Path(shutil.copyfile(seed_path, folder / "genome-uk.md"))
    init_with_snapshot(folder, "first")
    window = MainWindow(Settings())
    bench = Workbench(window, Settings(), defer_preview=True)
    try:
        # Listed before going on: closing during the first scan races the index thread.
        with qtbot.waitSignal(bench.library.sig_loaded, timeout=20000):
            bench.open_folder(folder, item)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        assert bench.preview is None
        slot = window.splitter.widget(PREVIEW)
        assert isinstance(slot, QLabel) and slot.isVisible() and "preview" in slot.text().lower()
        qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=10000)
        assert bench.git.repo is None and window.branch_label.text() == ""

        bench.start_git()
        assert bench.git.repo is not None and "main" in window.branch_label.text()
        # The form works while the preview is still starting: an edit made now shows in it.
        editor = bench.tabs.current_editor()
        assert editor is not None and editor.focus_field(("title",))
        title_field = QApplication.focusWidget()
        assert title_field is not None
        qtbot.keyClick(title_field, Qt.Key.Key_End)
        qtbot.keyClicks(title_field, " typed early")

        preview = bench.start_preview()
        assert preview is not None and window.splitter.widget(PREVIEW) is preview
        with qtbot.waitSignal(preview.sig_rendered, timeout=20000):
            pass
        assert preview.isVisible() and preview.width() > 100
        assert "UK launch implementation plan" in preview.meta_html
        assert "typed early" in preview.meta_html
    finally:
        for session in bench.tabs.sessions():
            session.undo_stack.setClean()
        bench.confirm_close_all()
        window.close_guard = None
        window.close()
        window.deleteLater()
        # Deleted now, as run_gui does: a web view left for the application's own teardown
        # outlives its profile.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_library_check_waits_for_the_preview_of_the_reopened_item(qtbot, seed_path: Path,
                                                                     tmp_path: Path) -> None:
    """At start-up the folder's tabs reopen before the preview starts, and the steps after
    start_preview (the library's check of every file among them) wait until that item has
    painted (gui/app.py): on two cores, both at once froze the window."""
    from curator_app.gui.app import _first_preview_shown

    folder = tmp_path / "site" / "content" / "news"
    folder.mkdir(parents=True)
    shutil.copyfile(seed_path, folder / "genome-uk.md")
    window = MainWindow(Settings())
    bench = Workbench(window, Settings(), defer_preview=True)
    try:
        with qtbot.waitSignal(bench.library.sig_loaded, timeout=20000):
            bench.open_folder(folder)
        window.show()
        qtbot.waitExposed(window)
        assert _first_preview_shown(None).is_set()  # no preview: nothing to wait for
        bench.reopen_tabs()  # no remembered tab: the list's first item
        assert bench.tabs.current_session() is not None
        # As the app does: created and rendering in one turn, placed in the window the next.
        placeholder = window.splitter.widget(PREVIEW)
        preview = bench.create_preview()
        assert preview is not None and preview.rendering  # started with the item to show
        assert window.splitter.widget(PREVIEW) is placeholder and not preview.isVisible()
        painted = _first_preview_shown(preview)
        assert not painted.is_set()
        bench.place_preview()
        assert window.splitter.widget(PREVIEW) is preview and preview.isVisible()
        assert bench.start_preview() is preview and preview.renders_started == 1  # nothing twice
        with qtbot.waitSignal(preview.sig_rendered, timeout=20000):
            pass
        assert painted.is_set()
    finally:
        bench.confirm_close_all()
        window.close_guard = None
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
