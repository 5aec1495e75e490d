"""Find and replace in the open item, driven through the bar's real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from curator_app.core.algebra.diff import BODY_KEY, field_changes
from curator_app.core.document.document import Document
from curator_app.gui.find.find_bar import FindBar


def _bar(qtbot, pane, session) -> FindBar:
    bar = FindBar()
    qtbot.addWidget(bar)
    bar.attach(session, pane)
    bar.open_replace()
    bar.show()
    return bar


def test_find_lists_hits_by_field_and_highlights_the_body(open_pane, seed_copy: Path, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    bar = _bar(qtbot, pane, session)
    qtbot.keyClicks(bar.find_edit, "Matt Hancock")
    assert bar.count.text() == "2 matches"
    assert [bar.results.item(i).text().split(":")[0] for i in range(bar.results.count())] == ["description", "body"]
    assert len(pane.body.rich.extraSelections()) == 1
    assert pane.body.rich.extraSelections()[0].cursor.selectedText() == "Matt Hancock"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)  # Enter = next
    assert bar.current == 0
    bar.find_next()
    assert bar.current == 1 and pane.body.rich.textCursor().selectedText() == "Matt Hancock"
    bar.word.setChecked(True)
    bar.find_edit.setText("Hanc")
    assert bar.count.text() == "0 matches"
    bar.regex.setChecked(True)
    bar.find_edit.setText("(bad")
    assert "invalid regular expression" in bar.count.text()


def test_replace_all_is_one_undo_step_and_changes_only_hit_lines(open_pane, seed_copy: Path, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    original = seed_copy.read_text(encoding="utf-8")
    bar = _bar(qtbot, pane, session)
    qtbot.keyClicks(bar.find_edit, "Matt Hancock")
    qtbot.keyClicks(bar.replace_edit, "the Secretary")
    depth = session.undo_stack.count()
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert bar.count.text() == "0 matches"
    assert session.undo_stack.count() == depth + 1
    session.save()
    saved = Document.load(seed_copy)
    assert [c.key for c in field_changes(Document.from_bytes(original.encode()), saved)] == [("description",), BODY_KEY]
    # and line by line, only the description's lines and the body line
    span = Document.from_bytes(original.encode()).line_span("description")
    assert span is not None
    changed = [
        i for i, (a, b) in enumerate(zip(original.splitlines(), seed_copy.read_text(encoding="utf-8").splitlines(), strict=False), 1)
        if a != b
    ]
    assert all(span[0] <= i <= span[1] or i == saved.body_line for i in changed)
    session.undo_stack.undo()
    assert session.document.to_bytes().decode() == original


def test_replace_one_then_next(open_pane, seed_copy: Path, qtbot) -> None:
    pane, session = open_pane(seed_copy)
    bar = _bar(qtbot, pane, session)
    qtbot.keyClicks(bar.find_edit, "Matt Hancock")
    qtbot.keyClicks(bar.replace_edit, "Mr H")
    bar.find_next()
    qtbot.keyClick(bar.replace_edit, Qt.Key.Key_Return)  # Enter in the replace box = replace this one
    assert "Secretary, Mr H, has" in session.document.get("description")
    assert "Matt Hancock" in session.document.body
    assert bar.count.text() == "1 match" and bar.current == 0
