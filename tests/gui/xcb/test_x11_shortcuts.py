"""On X11 the platform's own key bindings apply (Redo is Ctrl+Shift+Z, End of line also
Ctrl+E): no menu shortcut may be shared, or kept by text boxes, under them."""

from __future__ import annotations

from pathlib import Path

from support.keyboard_walk import shortcut_clashes
from support.workbench import close_workbench, open_workbench


def test_no_shortcut_is_shared_under_x11_bindings(qtbot, gen_folder: Path) -> None:
    bench = open_workbench(qtbot, gen_folder)
    try:
        assert shortcut_clashes(bench) == []
    finally:
        close_workbench(bench)
