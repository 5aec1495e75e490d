"""HistoryDialog restores into the open document through apply(fn); DiffView shows changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from support.git_repos import ITEM, SEED_TITLE, save_edit

from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items
from curator_app.core.git.repo import ContentRepo
from curator_app.gui.git.diff_view import MODE_SAVE, DiffDialog, DiffHighlighter, DiffView
from curator_app.gui.git.history_dialog import HistoryDialog

HISTORY_SHOT = Path("/tmp/gui_git_history_dialog.png")
DIFF_SHOT = Path("/tmp/gui_git_diff_dialog.png")


def _two_more_commits(cr: ContentRepo) -> Path:
    path = cr.folder / ITEM
    save_edit(path, title="Second title", layOut="wide")
    commit_items(cr, [path], "Retitle and widen", ("Bob", "bob@example.org"))
    save_edit(path, title="Third title")
    commit_items(cr, [path], "Retitle again")
    return path


class UndoRecorder:
    """Stands in for the lead's DocumentSession.edit: one snapshot pair per apply."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.steps: list[tuple[tuple[str, str], tuple[str, str]]] = []

    def __call__(self, fn: Callable[[Document], Any]) -> None:
        before = self.doc.snapshot()
        fn(self.doc)
        self.steps.append((before, self.doc.snapshot()))


def test_history_lists_commits_and_restores_a_field(qtbot: QtBot, content_repo: ContentRepo) -> None:
    path = _two_more_commits(content_repo)
    doc = Document.load(path)
    doc.set(("description",), "Unsaved description")  # an unsaved edit survives restores
    undo = UndoRecorder(doc)
    dialog = HistoryDialog(content_repo, doc, apply=undo)
    qtbot.addWidget(dialog)
    dialog.show()

    rows = [dialog.commits.topLevelItem(i) for i in range(dialog.commits.topLevelItemCount())]
    assert [(r.text(1), r.text(2)) for r in rows if r] == [
        ("Alice", "Retitle again"),
        ("Bob", "Retitle and widen"),
        ("Alice", "Add items"),
    ]
    assert dialog.field_rows() == ['title changed from "Second title" to "Third title"']
    assert not dialog.restore_field_button.isEnabled()  # no field selected yet

    dialog.select_commit(1)
    assert dialog.field_rows() == [
        'layOut changed from "single" to "wide"',
        f'title changed from "{SEED_TITLE}" to "Second title"',
    ]
    dialog.select_field(("title",))
    assert dialog.restore_field_button.isEnabled()
    dialog.grab().save(str(HISTORY_SHOT))
    with qtbot.waitSignal(dialog.sig_restored) as restored:
        qtbot.mouseClick(dialog.restore_field_button, Qt.MouseButton.LeftButton)
    assert [c.key for c in restored.args[0]] == [("title",)]
    assert doc.get(("title",)) == "Second title"
    assert doc.get(("layOut",)) == "wide"
    assert doc.get(("description",)) == "Unsaved description"
    assert len(undo.steps) == 1
    assert dialog.status.text().startswith("Restored title from ")
    # Restoring the same value again is a no-op with a clear word.
    qtbot.mouseClick(dialog.restore_field_button, Qt.MouseButton.LeftButton)
    assert "already has the value" in dialog.status.text()

    # Undo = put back the snapshot the apply step recorded.
    doc.restore(undo.steps[0][0])
    assert doc.get(("title",)) == "Third title"


def test_history_restores_the_whole_item(qtbot: QtBot, content_repo: ContentRepo) -> None:
    path = _two_more_commits(content_repo)
    doc = Document.load(path)
    dialog = HistoryDialog(content_repo, doc)  # no apply: edits the document directly
    qtbot.addWidget(dialog)
    dialog.select_commit(2)
    qtbot.mouseClick(dialog.restore_item_button, Qt.MouseButton.LeftButton)
    assert doc.get(("title",)) == SEED_TITLE
    assert doc.get(("layOut",)) == "single"
    assert doc.modified
    assert "Restored the item from" in dialog.status.text()
    assert path.read_bytes() != doc.to_bytes()  # unsaved until the curator saves


def test_diff_view_field_and_text_diff(qtbot: QtBot, content_repo: ContentRepo) -> None:
    path = content_repo.folder / ITEM
    doc = Document.load(path)
    doc.set(("title",), "Genomics plan launched in the UK")

    view = DiffView()
    qtbot.addWidget(view)
    view.show_vs_head(content_repo, path, doc)
    assert view.field_lines() == [
        f'title changed from "{SEED_TITLE}" to "Genomics plan launched in the UK"'
    ]
    text = view.diff_text()
    assert f"-title: {SEED_TITLE}\n" in text and "+title: Genomics plan launched in the UK\n" in text
    assert "title changed from" in view.field_lines()[0]

    # The saved file differs from HEAD only after saving; the save diff shows what will change.
    view.show_vs_head(content_repo, path)
    assert view.field_lines() == [] and view.diff_text() == "No text changes."
    view.show_save(doc)
    assert view.field_lines()[0].startswith("title changed from")
    assert "(to save)" in view.diff_text()

    # The highlighter colours added and removed lines differently.
    document = view.text.document()
    colours = {}
    block = document.begin()
    while block.isValid():
        kind = DiffHighlighter.kind(block.text())
        formats = block.layout().formats()
        if kind in ("add", "del") and formats:
            colours[kind] = formats[0].format.foreground().color().name()
        block = block.next()
    assert colours["add"] != colours["del"]
    assert QColor(colours["add"]).green() > QColor(colours["add"]).red()


def test_diff_dialog_modes(qtbot: QtBot, content_repo: ContentRepo) -> None:
    path = content_repo.folder / ITEM
    save_edit(path, title="Saved title")
    doc = Document.load(path)
    doc.set(("layOut",), "wide")
    dialog = DiffDialog(content_repo, path, document=doc)
    qtbot.addWidget(dialog)
    dialog.show()
    # Against HEAD: the saved title and the unsaved layOut, in file order.
    assert dialog.view.field_lines() == [
        'layOut changed from "single" to "wide"',
        f'title changed from "{SEED_TITLE}" to "Saved title"',
    ]
    assert "+title: Saved title\n" in dialog.view.diff_text()
    dialog.grab().save(str(DIFF_SHOT))
    dialog.mode.setCurrentIndex(dialog.mode.findData(MODE_SAVE))
    assert dialog.view.field_lines() == ['layOut changed from "single" to "wide"']
