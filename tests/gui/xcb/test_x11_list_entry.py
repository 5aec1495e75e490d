"""Adding to a list by keyboard: a picked completion lands once and leaves the box empty;
a value already in the list is refused with a message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from curator_app.gui.form.fields_list import StringListEditor


def _categories(pane) -> StringListEditor:
    assert pane.form.focus_field(("categories",))  # expands its section, like a click would
    row = pane.form.row_for(("categories",))
    assert row is not None and isinstance(row.editor, StringListEditor)
    return row.editor


def test_enter_on_a_completion_adds_it_once_and_clears(open_pane, seed_copy: Path, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    editor = _categories(pane)
    editor.set_completions(["Genomics", "Precision Medicine", "Policy"])
    before = editor.value()
    editor.entry.setFocus()
    qtbot.keyClicks(editor.entry, "preci")
    popup = editor.entry.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.entry.text() == "")
    assert editor.value() == [*before, "Precision Medicine"]
    assert editor.entry.text() == ""
    assert session.document.get(("categories",)) == [*before, "Precision Medicine"]
    qtbot.keyClick(editor.entry, Qt.Key.Key_Return)  # Enter again on the empty box: nothing
    assert editor.value() == [*before, "Precision Medicine"]


def test_duplicate_is_refused_with_a_message(open_pane, seed_copy: Path, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    editor = _categories(pane)
    existing = editor.value()[0]
    editor.entry.setFocus()
    qtbot.keyClicks(editor.entry, existing.upper())
    qtbot.keyClick(editor.entry, Qt.Key.Key_Return)
    assert editor.value().count(existing) == 1
    assert editor.notice.isVisible() and existing in editor.notice.text()
    assert not session.is_dirty()
    qtbot.keyClicks(editor.entry, "x")
    assert not editor.notice.isVisible()
