"""Tab moves through every pane and dialog in reading order (top to bottom, left to right),
reaching each control that takes the keyboard, and no control keeps the Tab key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from support.a11y import controls, describe, out_of_reading_order, run_every_command, tab_through
from support.alerts import responding

from curator_app.gui.alerts import Kind, Request
from curator_app.gui.wiring import Workbench


def _reachable(root: QWidget) -> list[QWidget]:
    """Controls a Tab can land on: shown, enabled, taking focus by Tab."""
    return [w for w in controls(root)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def check_pane(root: QWidget, start: QWidget) -> list[str]:
    sequence = tab_through(root, start)
    problems = out_of_reading_order(sequence)
    problems += [f"never reached: {describe(w)}" for w in _reachable(root) if w not in sequence]
    return problems


class TabWalker:
    """Shows each dialog the commands open, tabs through it and cancels it."""

    def __init__(self) -> None:
        self.problems: dict[str, list[str]] = {}

    def __call__(self, request: Request) -> object:
        if request.kind is Kind.RUN and request.dialog is not None:
            dialog = request.dialog
            dialog.show()
            dialog.activateWindow()
            QApplication.processEvents()
            if _reachable(dialog):
                self.problems[request.name] = check_pane(dialog, _first_in_chain(dialog))
            dialog.hide()
            return int(QDialog.DialogCode.Rejected)
        return None


def _first_in_chain(root: QWidget) -> QWidget:
    """Where Tab starts in a freshly shown window: the first control of its focus chain."""
    reachable = _reachable(root)
    w = root.nextInFocusChain()
    while w is not root:
        if w in reachable:
            return w
        w = w.nextInFocusChain()
    return reachable[0]


@pytest.fixture
def tab_walker() -> Iterator[TabWalker]:
    walker = TabWalker()
    with responding(walker):
        yield walker


def test_editor_tabs_in_reading_order(qtbot, seed_bench: Workbench) -> None:
    """The form field by field, then the problems, then the body (the right-hand half)."""
    editor = seed_bench.tabs.current_editor()
    assert editor is not None
    editor.problems.setCurrentItem(editor.problems.topLevelItem(0))  # Apply Fix enabled
    problems = check_pane(editor, editor.form.sections["basics"].header)
    assert not problems, "\n".join(problems)


def test_preview_tabs_in_reading_order(seed_bench: Workbench) -> None:
    preview = seed_bench.preview
    if preview is None:
        pytest.skip("QtWebEngine is not installed")
    problems = check_pane(preview, _first_in_chain(preview))
    assert not problems, "\n".join(problems)


def test_library_tabs_in_reading_order(seed_bench: Workbench) -> None:
    library = seed_bench.library
    problems = check_pane(library, library.filter_bar.search)
    assert not problems, "\n".join(problems)


def test_dialogs_tab_in_reading_order(qtbot, seed_bench: Workbench, tab_walker: TabWalker) -> None:
    opened = run_every_command(seed_bench)
    # Windows the commands leave open beside the main one (review, keyboard shortcuts).
    for window in opened:
        window.activateWindow()
        QApplication.processEvents()
        tab_walker.problems[window.objectName() or window.metaObject().className()] = check_pane(
            window, _first_in_chain(window))
        window.close()
    assert len(tab_walker.problems) >= 10, sorted(tab_walker.problems)
    problems = [f"[{name}] {line}" for name, lines in tab_walker.problems.items() for line in lines]
    assert not problems, "\n".join(problems)
