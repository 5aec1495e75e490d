"""The whole main window with its Workbench, opened on a folder and closed without prompts."""

from __future__ import annotations

import shutil
from pathlib import Path

from curator_app.gui.main_window import MainWindow
from curator_app.gui.settings import Settings
from curator_app.gui.wiring import Workbench


def open_workbench(qtbot, folder: Path, *, preview: bool = True) -> Workbench:
    # Not handed to qtbot: it would close the window before the test's cleanup, and closing
    # with unsaved edits opens a modal question.
    window = MainWindow(Settings())
    # preview=False keeps QtWebEngine out (on a bare X server it warns about Vulkan and GPUs).
    bench = Workbench(window, Settings(), defer_preview=not preview)
    # Listed before the test goes on: closing during the first scan races the index thread.
    with qtbot.waitSignal(bench.library.sig_loaded, timeout=20000):
        bench.open_folder(folder)
        if not preview:
            bench.start_git()  # deferred along with the preview, as at start-up
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


def seed_workbench(qtbot, seed: Path, root: Path, name: str = "genome-uk.md", *, preview: bool = True) -> Workbench:
    """The window on a site whose one item is a copy of `seed`, open in a tab and active
    (the keyboard goes to it: an X server without a window manager can take a moment)."""
    folder = root / "site" / "content" / "news"
    folder.mkdir(parents=True)
    shutil.copyfile(seed, folder / name)
    bench = open_workbench(qtbot, root / "site", preview=preview)
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)

    def active() -> bool:
        if not bench.window.isActiveWindow():
            bench.window.activateWindow()
        return bench.window.isActiveWindow()

    qtbot.waitUntil(active, timeout=10000)
    return bench
