"""Any field: add, remove and reorder front-matter fields from the form, in the file's own style."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFrame
from support.workbench import close_workbench, open_workbench

from curator_app.gui.form.field_tools import AddFieldDialog, RemoveFieldDialog
from curator_app.gui.form.form import OTHER_SECTION


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _fill(key: str, value: str, kind: str = "text"):
    def drive(dialog: AddFieldDialog) -> None:
        dialog.key.setText(key)
        dialog.set_kind(kind)
        if kind in ("long_text", "list"):
            dialog.lines.setPlainText(value)
        else:
            dialog.line.setText(value)
        dialog.ok_button.click()

    return drive


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("yaml.md", "---\n---\nBody\n", "---\ntitle: Hello world\n---\nBody\n"),
        ("toml.md", "+++\n+++\nBody\n", '+++\ntitle = "Hello world"\n+++\nBody\n'),
        ("json.md", "{\n}\nBody\n", '{\n  "title": "Hello world"\n}\nBody\n'),
    ],
)
def test_add_a_title_to_an_empty_front_matter(open_pane, tmp_path, answers, name, text, expected) -> None:
    path = _write(tmp_path, name, text)
    pane, session = open_pane(path)
    other = pane.form.sections[OTHER_SECTION]
    assert other.is_expanded() and pane.form.field_bar.isVisible()
    answers.reply(_fill("title", "Hello world"), to="addFieldDialog")
    pane.form.field_bar.add_button.click()
    session.save()
    assert path.read_bytes().decode() == expected
    # The new field is in the form at once, ready to edit.
    editor = pane.form.editor("title")
    assert editor is not None and editor.value() == "Hello world"
    session.undo_stack.undo()
    session.save()
    assert path.read_bytes().decode() == text and pane.form.editor("title") is None


def test_typed_values_and_a_bad_one(open_pane, tmp_path, answers) -> None:
    path = _write(tmp_path, "typed.md", "---\nkeep: 1\n---\n")
    pane, session = open_pane(path)

    def bad_then_good(dialog: AddFieldDialog) -> None:
        dialog.key.setText("count")
        dialog.set_kind("number")
        dialog.line.setText("many")
        dialog.ok_button.click()
        assert dialog.isVisible() or dialog.result() != QDialog.DialogCode.Accepted
        assert "'many' is not a number" in dialog.error.text()
        dialog.line.setText("12")
        dialog.ok_button.click()

    answers.reply(bad_then_good, to="addFieldDialog")
    pane.form.add_field()
    answers.reply(_fill("tags", "a, b", "list"), to="addFieldDialog")
    pane.form.add_field()
    answers.reply(_fill("when", "2026-02-03", "date"), to="addFieldDialog")
    pane.form.add_field()
    answers.reply(_fill("ok", "yes", "bool"), to="addFieldDialog")
    pane.form.add_field()
    session.save()
    assert path.read_bytes().decode() == "---\nkeep: 1\ncount: 12\ntags:\n  - a\n  - b\nwhen: 2026-02-03\nok: true\n---\n"

    def taken(dialog: AddFieldDialog) -> int:
        dialog.key.setText("keep")
        dialog.line.setText("x")
        dialog.ok_button.click()
        assert "already has a field 'keep'" in dialog.error.text()
        return QDialog.DialogCode.Rejected

    answers.reply(taken, to="addFieldDialog")
    pane.form.add_field()
    assert not session.is_dirty()


def test_remove_an_unknown_key_offers_the_focused_one(open_pane, tmp_path, answers) -> None:
    text = "---\ntitle: T\ncustomKey: hello\nother: 2\n---\n<p>x</p>\n"
    path = _write(tmp_path, "item.md", text)
    pane, session = open_pane(path)
    pane.form.focus_field(("customKey",))

    def confirm(dialog: RemoveFieldDialog) -> None:
        assert dialog.choice.currentText() == "customKey"
        dialog.accept()

    answers.reply(confirm, to="removeFieldDialog")
    pane.form.field_bar.remove_button.click()
    session.save()
    assert path.read_bytes().decode() == text.replace("customKey: hello\n", "")
    assert pane.form.editor("customKey") is None
    session.undo_stack.undo()
    session.save()
    assert path.read_bytes().decode() == text


def test_move_field_up_and_down_then_undo(open_pane, tmp_path) -> None:
    text = "---\na: 1\nb: two\nc: [x, y]\n---\nBody\n"
    path = _write(tmp_path, "item.md", text)
    pane, session = open_pane(path)
    pane.form.focus_field(("c",))
    pane.form.field_bar.up_button.click()
    session.save()
    assert path.read_bytes().decode() == "---\na: 1\nc: [x, y]\nb: two\n---\nBody\n"
    # The moved field keeps the focus, so the next press moves it again.
    pane.form.field_bar.up_button.click()
    session.save()
    assert path.read_bytes().decode() == "---\nc: [x, y]\na: 1\nb: two\n---\nBody\n"
    pane.form.field_bar.up_button.click()  # already first: nothing to do
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.save()
    assert path.read_bytes().decode() == text


@pytest.fixture
def bench(qtbot, tmp_path: Path):
    news = tmp_path / "site" / "content" / "news"
    news.mkdir(parents=True)
    item = news / "bare.md"
    item.write_text("+++\nzeta = 1\n+++\nBody\n")
    bench = open_workbench(qtbot, tmp_path / "site")
    bench.open_item(item)
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
    yield bench, item
    close_workbench(bench)


def test_item_menu_adds_and_removes_fields(qtbot, bench, answers) -> None:
    workbench, item = bench
    assert workbench.menu["add_field"].isEnabled()
    answers.reply(_fill("title", "From the menu"), to="addFieldDialog")
    workbench.menu["add_field"].trigger()

    def pick_zeta(dialog: RemoveFieldDialog) -> None:
        # The new field has the focus, so it is offered first; any key of a free-form item can go.
        assert dialog.choice.currentText() == "title"
        assert [dialog.choice.itemText(i) for i in range(dialog.choice.count())] == ["zeta", "title"]
        dialog.choice.setCurrentText("zeta")
        dialog.accept()

    answers.reply(pick_zeta, to="removeFieldDialog")
    workbench.menu["remove_field"].trigger()
    workbench.save_current()
    assert item.read_text() == '+++\ntitle = "From the menu"\n+++\nBody\n'


def test_seed_keeps_its_bytes_when_a_field_is_added_and_removed(open_pane, seed_path, tmp_path, answers) -> None:
    path = tmp_path / "seed.md"
    shutil.copyfile(seed_path, path)
    original = path.read_bytes()
    pane, session = open_pane(path)
    answers.reply(_fill("reviewNote", "check the figures", "long_text"), to="addFieldDialog")
    pane.form.add_field()
    session.save()
    added = path.read_bytes()
    assert added.startswith(original.split(b"\n---", 1)[0]) and b"reviewNote" in added
    pane.form.focus_field(("reviewNote",))
    answers.reply(lambda dialog: dialog.accept(), to="removeFieldDialog")
    pane.form.remove_field()
    session.save()
    assert path.read_bytes() == original


def _drag_onto(pane, key: str, onto: str, lower_half: bool = False) -> None:
    """Drag ``key``'s handle onto ``onto``'s row (its upper or lower half) through the real
    drop handler: enter, move (the marker shows), drop."""
    source = pane.form.rows[(key,)]
    target = pane.form.rows[(onto,)]
    assert source.handle is not None and source.handle.isVisible()
    body = target.section.body
    box = target.geometry()
    pos = QPoint(box.center().x(), box.bottom() - 2 if lower_half else box.top() + 2)
    data = source.handle.mime_data()
    move, left, none = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (QDragEnterEvent(pos, move, data, left, none), QDragMoveEvent(pos, move, data, left, none)):
        QApplication.sendEvent(body, event)
        assert event.isAccepted()
    assert body.findChild(QFrame, "fieldDropMarker").isVisible()
    drop = QDropEvent(QPointF(pos), move, data, left, none)
    QApplication.sendEvent(body, drop)
    assert drop.isAccepted() and not body.findChild(QFrame, "fieldDropMarker").isVisible()


@pytest.mark.parametrize(
    ("name", "text", "first", "second"),
    [
        (
            "item.md",
            "---\na: 1\nb: two # note\nc:\n  - x\n  - y\n---\nBody\n",
            "---\nc:\n  - x\n  - y\na: 1\nb: two # note\n---\nBody\n",
            "---\na: 1\nb: two # note\nc:\n  - x\n  - y\n---\nBody\n",
        ),
        (
            "item.json.md",
            '{\n  "a": 1,\n  "b": "two",\n  "c": ["x", "y"]\n}\nBody\n',
            '{\n  "c": [\n    "x",\n    "y"\n  ],\n  "a": 1,\n  "b": "two"\n}\nBody\n',
            '{\n  "a": 1,\n  "b": "two",\n  "c": [\n    "x",\n    "y"\n  ]\n}\nBody\n',
        ),
    ],
)
def test_drag_a_field_to_reorder_then_undo(open_pane, tmp_path, name, text, first, second) -> None:
    path = _write(tmp_path, name, text)
    pane, session = open_pane(path)
    _drag_onto(pane, "c", "a")  # upper half of a's row: c goes first
    session.save()
    assert path.read_bytes().decode() == first
    assert session.undo_stack.count() == 1
    _drag_onto(pane, "c", "b", lower_half=True)  # below the last row: c goes last
    session.save()
    assert path.read_bytes().decode() == second
    _drag_onto(pane, "a", "a")  # dropped on itself: nothing to do
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.save()
    assert path.read_bytes().decode() == text


def test_drag_in_toml_is_refused_with_a_message(open_pane, tmp_path, answers) -> None:
    text = "+++\na = 1\nb = 2\n+++\nBody\n"
    path = _write(tmp_path, "item.md", text)
    pane, session = open_pane(path)
    _drag_onto(pane, "b", "a")
    told = answers.told()
    assert [r.name for r in told] == ["field-edit-failed"]
    assert "reordering TOML keys is not supported" in told[0].text
    assert not session.is_dirty() and path.read_bytes().decode() == text
