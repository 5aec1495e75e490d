"""The wiring seam: gui/wiring.py connects every signal; gui/actions/ says what each command does."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import SIGNAL
from PySide6.QtGui import QAction, QUndoGroup
from support.workbench import close_workbench, open_workbench

from curator_app.gui import actions, parts
from curator_app.gui.main_window import MainWindow
from curator_app.gui.mainmenu import MainMenu
from curator_app.gui.settings import Settings

CONNECT = re.compile(r"\.connect\(")


def test_the_handlers_and_the_parts_connect_no_signal() -> None:
    offenders = []
    for path in [*sorted(Path(actions.__file__).parent.rglob("*.py")), Path(parts.__file__)]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CONNECT.search(line.split("#", 1)[0]):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []


def _receivers(action: QAction) -> int:
    return action.receivers(SIGNAL("triggered(bool)")) + action.receivers(SIGNAL("toggled(bool)"))


def test_every_menu_command_is_wired(qtbot, tmp_path: Path) -> None:
    """Each action has a receiver beyond those of a menu no workbench wired (a lost row fails)."""
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    group = QUndoGroup()
    bare = {name: _receivers(action) for name, action in MainMenu(window, group)}
    (tmp_path / "site").mkdir()
    bench = open_workbench(qtbot, tmp_path / "site", preview=False)
    try:
        unwired = [name for name, action in bench.menu if _receivers(action) <= bare[name]]
    finally:
        close_workbench(bench)
    assert unwired == ["undo", "redo"]  # the undo group's own actions, wired as it makes them
