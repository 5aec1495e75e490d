"""The whole main window with its Workbench, opened on a folder and closed without prompts."""

from __future__ import annotations

from pathlib import Path

from curator_app.gui.main_window import MainWindow
from curator_app.gui.settings import Settings
from curator_app.gui.wiring import Workbench


def open_workbench(qtbot, folder: Path) -> Workbench:
    # Not handed to qtbot: it would close the window before the test's cleanup, and closing
    # with unsaved edits opens a modal question.
    window = MainWindow(Settings())
    bench = Workbench(window, Settings())
    # Listed before the test goes on: closing during the first scan races the index thread.
    with qtbot.waitSignal(bench.library.sig_loaded, timeout=20000):
        bench.open_folder(folder)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return bench


def close_workbench(bench: Workbench) -> None:
    for session in bench.tabs.sessions():
        session.undo_stack.setClean()
    bench.confirm_close_all()
    bench.window.close_guard = None
    bench.window.close()
    bench.window.deleteLater()
