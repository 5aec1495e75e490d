"""Start-up as `curator ITEM` runs it (a new process): the window shows before the slow
parts load, and they arrive afterwards without the user doing anything."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from curator_app.core.git.repo import init_with_snapshot

# Run in the child: record what is imported when the window first shows, then let the app
# run until its first preview has painted (CURATOR_BENCH_STARTUP makes it quit then).
_CHILD = """
import json, sys
import curator_app.gui.app as app
from curator_app.gui.main_window import MainWindow

seen = {}
show = MainWindow.showEvent

def first_show(self, event):
    show(self, event)
    if not seen:
        seen["at_show"] = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)
        seen["window"] = self

MainWindow.showEvent = first_show
HEAVY = {"pygit2", "tomlkit", "PySide6", "nh3", "PIL", "markdown_it", "multiprocessing"}
code = app.run_gui(sys.argv[1])
print(json.dumps({"code": code, "at_show": seen["at_show"]}), flush=True)
"""

SLOW_TO_IMPORT = ["pygit2", "tomlkit", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets"]


def test_window_shows_before_git_and_web_engine_load_then_the_preview_paints(seed_path: Path,
                                                                             tmp_path: Path) -> None:
    folder = tmp_path / "site" / "content"
    item = folder / "news" / "genome-uk.md"
    item.parent.mkdir(parents=True)
    shutil.copyfile(seed_path, item)
    init_with_snapshot(folder, "first")
    env = dict(os.environ, CURATOR_BENCH_STARTUP=f"{time.time():.6f}",
               PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(item)], env=env, capture_output=True,
                          text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    marks = [line.split()[0] for line in lines if not line.startswith("{")]
    # The window, then the preview painted with the item (the app quits on that mark).
    assert marks.index("window-shown") < marks.index("preview-painted")
    result = json.loads(lines[-1])
    assert result["code"] == 0
    loaded_early = [m for m in SLOW_TO_IMPORT if m in result["at_show"]]
    assert loaded_early == [], f"imported before the window showed: {loaded_early}"
