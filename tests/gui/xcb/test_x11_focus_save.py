"""Ctrl+S on a real X server: the save happens and the next key lands in the same field
(X11 hands the focus around differently from the offscreen platform)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from support.workbench import close_workbench, seed_workbench


def test_ctrl_s_then_typing_edits_the_same_field(qtbot, seed_path: Path, tmp_path: Path) -> None:
    bench = seed_workbench(qtbot, seed_path, tmp_path, preview=False)
    try:
        editor, session = bench.tabs.current_editor(), bench.tabs.current_session()
        assert editor is not None and session is not None
        assert editor.focus_field(("mastHead",))
        field = QApplication.focusWidget()
        assert isinstance(field, QLineEdit)
        field.end(False)
        qtbot.keyClicks(field, " one")
        qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not session.is_dirty(), timeout=5000)
        assert b"mastHead: NEWS one\n" in session.path.read_bytes()
        qtbot.keyClicks(QApplication.focusWidget(), "x")
        assert QApplication.focusWidget() is field
        assert session.document.get(("mastHead",)) == "NEWS onex"
    finally:
        close_workbench(bench)
