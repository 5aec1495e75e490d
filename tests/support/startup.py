"""Start the app as `curator ITEM` does, in a new process, and report what happened in what
order: the window, the preview's first paint, git status; and what was imported by the time
the window showed. Used offscreen (tests/gui/app) and on a real X server (tests/gui/xcb)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from curator_app.core.git.repo import init_with_snapshot

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Run in the child. The app prints its marks (CURATOR_BENCH_STARTUP); git status is read
# last, so the child quits once it has been, and records whether the preview had painted.
_CHILD = """
import json, os, sys
import curator_app.gui.app as app
from curator_app.gui.main_window import MainWindow
from curator_app.gui.wiring import Workbench
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

HEAVY = {"pygit2", "tomlkit", "PySide6", "nh3", "PIL", "markdown_it", "multiprocessing"}
LATER = {"curator_app.core.lint.engine", "curator_app.gui.library.dialogs", "curator_app.gui.library.new_item",
         "curator_app.core.library.bulk"}
seen = {}
show = MainWindow.showEvent

def first_show(self, event):
    show(self, event)
    if "at_show" not in seen:
        seen["at_show"] = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY or m in LATER)
        from curator_app.gui.spell.service import spell_service
        seen["dictionary_at_show"] = spell_service().checker is not None
        import gc
        seen["collecting_at_show"] = gc.isenabled()

start_git = Workbench.start_git

def git_now(self):
    seen["painted_before_git"] = self.preview is not None and self.preview.painted_generation > 0
    seen["indexing_held_until_git"] = not self.library._worker._go.is_set()
    seen["flags"] = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    seen["quick"] = os.environ.get("QT_QUICK_BACKEND", "")
    start_git(self)
    from curator_app.gui.spell.service import spell_service
    checker = spell_service().checker
    seen["dictionary_later"] = None if checker is None else checker.language
    import gc
    seen["collecting_later"], seen["frozen_later"] = gc.isenabled(), gc.get_freeze_count()
    seen["branch"] = self.window.branch_label.text()
    QTimer.singleShot(0, QApplication.quit)

MainWindow.showEvent = first_show
Workbench.start_git = git_now
code = app.run_gui(sys.argv[1])
print(json.dumps(dict(seen, code=code)), flush=True)
"""


def start_app(seed_path: Path, tmp_path: Path, flags: str = "") -> dict[str, Any]:
    """Open a copy of the seed in a git repository with the app; `flags` are the user's own
    QTWEBENGINE_CHROMIUM_FLAGS. Returns the child's record plus "marks" (in order)."""
    folder = tmp_path / "site" / "content"
    item = folder / "news" / "genome-uk.md"
    item.parent.mkdir(parents=True)
    shutil.copyfile(seed_path, item)
    init_with_snapshot(folder, "first")
    env = dict(os.environ, CURATOR_BENCH_STARTUP=f"{time.time():.6f}", CURATOR_BENCH_STAY="1",
               QTWEBENGINE_CHROMIUM_FLAGS=flags, PYTHONPATH=str(PROJECT_ROOT))
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(item)], env=env, capture_output=True,
                          text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    result: dict[str, Any] = json.loads(lines[-1])
    result["marks"] = [line.split()[0] for line in lines if not line.startswith("{")]
    return result
