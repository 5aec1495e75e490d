"""Focus stays where the curator is typing: after Ctrl+S, after answering the linked-copies
bar, after cancelling Revert, the next key lands in the field being edited."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from support.workbench import close_workbench, seed_workbench

from curator_app.gui import alerts
from curator_app.gui.alerts import Kind, Request
from curator_app.gui.wiring import Workbench


@pytest.fixture
def workbench(qtbot, seed_path: Path, tmp_path: Path) -> Workbench:
    bench = seed_workbench(qtbot, seed_path, tmp_path)
    yield bench
    close_workbench(bench)


def _focus(qtbot, bench: Workbench, key: tuple[str, ...]) -> QLineEdit:
    editor = bench.tabs.current_editor()
    assert editor is not None and editor.focus_field(key)
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit)
    field.end(False)
    return field


def _type_next(qtbot, bench: Workbench, field: QLineEdit, key: tuple[str, ...], text: str) -> None:
    """Type at whatever has focus now: it must be `field`, and the item must get the text."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=3000)
    qtbot.keyClicks(QApplication.focusWidget(), text)
    session = bench.tabs.current_session()
    assert session is not None
    value = session.document.get(key)
    assert isinstance(value, str) and value.endswith(text)


def test_ctrl_s_keeps_focus_in_the_field(qtbot, workbench: Workbench) -> None:
    field = _focus(qtbot, workbench, ("mastHead",))
    qtbot.keyClicks(field, " one")
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    session = workbench.tabs.current_session()
    assert session is not None
    qtbot.waitUntil(lambda: not session.is_dirty(), timeout=3000)
    _type_next(qtbot, workbench, field, ("mastHead",), "x")


@pytest.mark.parametrize("button", ["accept_button", "dismiss_button"])
def test_linked_copies_answer_gives_focus_back(qtbot, workbench: Workbench, button: str) -> None:
    field = _focus(qtbot, workbench, ("link", "href"))
    qtbot.keyClicks(field, "?v=2")
    editor = workbench.tabs.current_editor()
    assert editor is not None
    row = editor.form.rows[("link", "href")]
    qtbot.waitUntil(lambda: row.prompt is not None and row.prompt.isVisible(), timeout=3000)
    assert row.prompt is not None
    clicked = getattr(row.prompt, button)
    clicked.setFocus()  # a click on a button takes the focus, as it does on X11
    qtbot.mouseClick(clicked, Qt.MouseButton.LeftButton)
    assert not row.prompt.isVisible()
    _type_next(qtbot, workbench, field, ("link", "href"), "3")


def test_cancelled_revert_gives_focus_back(qtbot, workbench: Workbench) -> None:
    field = _focus(qtbot, workbench, ("mastHead",))
    qtbot.keyClicks(field, " two")
    search = workbench.library.findChild(QLineEdit)
    assert search is not None

    def modal(request: Request) -> object:
        # A real message box takes the focus while it is open; cancelling it must give it back.
        assert request.kind is Kind.ASK and request.name == "revert"
        search.setFocus()
        return alerts.CANCEL

    previous = alerts.set_responder(modal)
    try:
        workbench.menu["revert"].trigger()
    finally:
        alerts.set_responder(previous)
    _type_next(qtbot, workbench, field, ("mastHead",), "y")
