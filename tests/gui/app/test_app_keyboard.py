"""Keyboard reach: panes shown and hidden by shortcut (and remembered), Help ▸ Keyboard
Shortcuts built from the menus, the library's search box ⇄ list keys, F8 through the
problems and Ctrl+PgUp/PgDown through the preview cards. Keys are pressed on the widget
that has the focus, as a curator would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from support.a11y import unnamed
from support.keyboard_walk import ALT, CTRL, SHIFT, activate, focused, press, shortcut_clashes, type_text
from support.workbench import close_workbench, open_workbench

from curator_app.gui.library.model import COL_TITLE
from curator_app.gui.main_window import MainWindow
from curator_app.gui.settings import Settings
from curator_app.gui.shortcuts_help import ShortcutsDialog, action_text
from curator_app.gui.wiring import Workbench


@pytest.fixture
def bench(qtbot, gen_folder: Path):
    bench = open_workbench(qtbot, gen_folder)
    activate(qtbot, bench.window)
    qtbot.waitUntil(lambda: bench.tabs.current_editor() is not None, timeout=5000)
    yield bench
    close_workbench(bench)


def test_no_two_actions_share_a_shortcut(bench: Workbench) -> None:
    assert shortcut_clashes(bench) == []
    with_keys = [name for name, action in bench.menu if action.shortcuts()]
    assert {"show_library", "focus_search", "next_problem", "apply_fix", "add_category", "next_card"} <= set(with_keys)


def _access_key(text: str) -> str:
    """The letter after a single "&" ("Re&vert" → "v"); "" when there is none."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].casefold() if 0 <= at < len(plain) - 1 else ""


def test_every_menu_entry_has_an_access_key_of_its_own(bench: Workbench) -> None:
    """Alt+letter reaches each menu and each entry in one key: a letter used twice in a
    menu only moves between the two entries."""
    titles = [_access_key(a.text()) for a in bench.window.menuBar().actions()]
    assert all(titles) and len(set(titles)) == len(titles), titles
    for title, menu in bench.menu.menus.items():
        keys = [(_access_key(a.text()), a.text()) for a in menu.actions() if not a.isSeparator()]
        assert all(k for k, _ in keys), (title, keys)
        letters = [k for k, _ in keys]
        assert len(set(letters)) == len(letters), (title, keys)


def test_help_lists_every_action_with_a_shortcut_and_searches(qtbot, bench: Workbench) -> None:
    press(qtbot, bench.window, Qt.Key.Key_F1)
    dialog = bench.view.shortcuts_dialog
    assert isinstance(dialog, ShortcutsDialog)
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    assert focused(dialog) is dialog.search
    assert unnamed(dialog) == []
    rows = dialog.visible_rows()
    listed = {(menu, text) for menu, text, _keys in rows}
    for title, menu in bench.menu.menus.items():
        for action in menu.actions():
            if action.shortcuts():
                assert (title, action_text(action)) in listed, action.text()
    keys = {text: k for _menu, text, k in rows}
    assert keys["Next Problem"] == QKeySequence("F8").toString(QKeySequence.SequenceFormat.NativeText)
    assert keys["Save"].startswith(QKeySequence.keyBindings(QKeySequence.StandardKey.Save)[0].toString(
        QKeySequence.SequenceFormat.NativeText))
    type_text(qtbot, dialog, "problem")  # the search box has the focus
    assert {text for _m, text, _k in dialog.visible_rows()} == {
        "Next Problem", "Previous Problem", "Apply Fix of the Selected Problem", "Fix All Problems", "Problems"}
    dialog.search.clear()
    type_text(qtbot, dialog, "F8")
    assert [text for _m, text, _k in dialog.visible_rows()] == ["Next Problem", "Previous Problem"]
    dialog.close()


def test_panes_hide_by_shortcut_hand_on_focus_and_are_remembered(qtbot, bench: Workbench, gen_folder: Path) -> None:
    editor = bench.tabs.current_editor()
    assert editor is not None
    press(qtbot, bench.window, Qt.Key.Key_E, CTRL | SHIFT)  # Focus Editor: the form
    assert editor.form.isAncestorOf(focused(bench.window))
    press(qtbot, bench.window, Qt.Key.Key_2, CTRL | ALT)  # hide the form, which has the focus
    assert editor.form.isHidden() and not bench.menu["show_form"].isChecked()
    assert editor.body.isAncestorOf(focused(bench.window)), focused(bench.window)
    press(qtbot, bench.window, Qt.Key.Key_1, CTRL | ALT)
    press(qtbot, bench.window, Qt.Key.Key_4, CTRL | ALT)
    press(qtbot, bench.window, Qt.Key.Key_5, CTRL | ALT)
    assert bench.library.isHidden() and bench.window.splitter.widget(2).isHidden()
    assert editor.problems_box.isHidden() and not editor.body.isHidden()
    bench.window.save_layout()

    # A restart: the same panes stay hidden, in the window and in every item opened.
    window = MainWindow(Settings())
    again = Workbench(window, Settings())
    try:
        with qtbot.waitSignal(again.library.sig_loaded, timeout=20000):
            again.open_folder(gen_folder)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: again.tabs.current_editor() is not None, timeout=5000)
        reopened = again.tabs.current_editor()
        assert again.library.isHidden() and window.splitter.widget(2).isHidden()
        assert reopened.form.isHidden() and reopened.problems_box.isHidden() and not reopened.body.isHidden()
        assert [again.menu[f"show_{n}"].isChecked() for n in ("library", "form", "body", "preview", "problems")] == [
            False, False, True, False, False]
        activate(qtbot, window)
        press(qtbot, window, Qt.Key.Key_L, CTRL)  # Focus Library Search shows the library again
        assert not again.library.isHidden() and focused(window) is again.library.filter_bar.search
        assert again.menu["show_library"].isChecked()
    finally:
        close_workbench(again)


def test_search_box_down_enter_escape_and_single_click(qtbot, bench: Workbench) -> None:
    library, w = bench.library, bench.window
    press(qtbot, w, Qt.Key.Key_L, CTRL)
    assert focused(w) is library.filter_bar.search
    press(qtbot, w, Qt.Key.Key_Down)  # one key into the list, the first match selected
    assert focused(w) is library.view
    assert library.selected_paths() == [library.model.path_at(0)]
    press(qtbot, w, Qt.Key.Key_Down)
    press(qtbot, w, Qt.Key.Key_Return)  # Enter opens the selected item and goes to it
    second = library.model.path_at(1)
    assert bench.tabs.current_session().path == second
    assert bench.tabs.current_editor().isAncestorOf(focused(w))
    press(qtbot, w, Qt.Key.Key_L, CTRL)
    type_text(qtbot, w, library.model.data(library.model.index(2, COL_TITLE))[:12])
    qtbot.waitUntil(lambda: library.model.rowCount() >= 1)
    press(qtbot, w, Qt.Key.Key_Return)  # Enter in the box: the first match
    assert bench.tabs.current_session().path == library.model.path_at(0)
    press(qtbot, w, Qt.Key.Key_L, CTRL)
    press(qtbot, w, Qt.Key.Key_Down)
    press(qtbot, w, Qt.Key.Key_Escape)  # back to the search box
    assert focused(w) is library.filter_bar.search
    press(qtbot, w, Qt.Key.Key_Down)
    press(qtbot, w, Qt.Key.Key_Up)  # so does Up from the first row
    assert focused(w) is library.filter_bar.search
    library.filter_bar.search.clear()
    qtbot.waitUntil(lambda: library.model.rowCount() > 3)
    rect = library.view.visualRect(library.model.index(3, COL_TITLE))
    qtbot.mouseClick(library.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert bench.tabs.current_session().path == library.model.path_at(3)  # one click opens
    rect = library.view.visualRect(library.model.index(4, COL_TITLE))
    qtbot.mouseClick(library.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=rect.center())
    assert bench.tabs.current_session().path == library.model.path_at(3)  # Ctrl+click only selects
    assert len(library.selected_paths()) == 2
    assert QApplication.focusWidget() is library.view


def test_f8_walks_the_problems_and_ctrl_period_fixes(qtbot, seed_folder: Path) -> None:
    bench = open_workbench(qtbot, seed_folder)
    try:
        activate(qtbot, bench.window)
        qtbot.waitUntil(lambda: (e := bench.tabs.current_editor()) is not None and bool(e.findings), timeout=5000)
        editor = bench.tabs.current_editor()
        count = editor.problems.topLevelItemCount()
        press(qtbot, bench.window, Qt.Key.Key_F8, SHIFT)  # backwards from nothing: the last
        assert editor.problems.current_finding() is editor.findings[-1]
        press(qtbot, bench.window, Qt.Key.Key_F8)  # wraps round to the first
        assert editor.problems.current_finding() is editor.findings[0]
        while (finding := editor.problems.current_finding()) is not None and finding.fix is None:
            press(qtbot, bench.window, Qt.Key.Key_F8)
        assert finding is not None and finding.field
        assert editor.form.row_for(finding.field).isAncestorOf(focused(bench.window))
        press(qtbot, bench.window, Qt.Key.Key_Period, CTRL)
        assert editor.problems.topLevelItemCount() < count
        assert bench.tabs.current_session().is_dirty()
    finally:
        close_workbench(bench)


def test_ctrl_page_keys_step_through_every_preview_card(qtbot, bench: Workbench) -> None:
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    preview = bench.preview
    assert preview is not None
    count = preview.tabs.count()
    press(qtbot, bench.window, Qt.Key.Key_PageUp, CTRL)
    assert preview.tabs.currentIndex() == count - 1  # from the first card back round to the last
    for i in range(count):
        press(qtbot, bench.window, Qt.Key.Key_PageDown, CTRL)
        assert preview.tabs.currentIndex() == i


def test_add_category_goes_to_the_categories_entry(qtbot, bench: Workbench) -> None:
    press(qtbot, bench.window, Qt.Key.Key_C, CTRL | ALT)
    editor = bench.tabs.current_editor()
    row = editor.form.row_for(("categories",))
    assert row is not None and focused(bench.window) is row.editor.focus_target()
