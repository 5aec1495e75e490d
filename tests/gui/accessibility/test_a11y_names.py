"""Every control of the main window and of every dialog has an accessible name and a
description, set where the control is built, and Qt's accessibility layer reports them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget
from support.a11y import controls, run_every_command, unnamed
from support.alerts import responding

from curator_app.core.algebra.merge3 import merge_documents
from curator_app.core.document.document import Document
from curator_app.core.recovery import RecoveryStore
from curator_app.gui import alerts
from curator_app.gui.alerts import Kind, Request
from curator_app.gui.git.credentials_dialog import CredentialDialog
from curator_app.gui.git.merge_dialog import DISK, MergeDialog
from curator_app.gui.recovery import RecoveryDialog
from curator_app.gui.wiring import Workbench


class DialogWalker:
    """Answers every question like a curator who cancels; shows each dialog, notes what
    it lacks, and closes it."""

    def __init__(self) -> None:
        self.missing: dict[str, list[str]] = {}
        self.counts: dict[str, int] = {}

    def walk(self, name: str, root: QWidget) -> None:
        self.missing[name] = unnamed(root)
        self.counts[name] = sum(1 for _ in controls(root))

    def __call__(self, request: Request) -> object:
        if request.kind is Kind.RUN and request.dialog is not None:
            dialog = request.dialog
            dialog.show()
            QApplication.processEvents()
            self.walk(request.name or dialog.metaObject().className(), dialog)
            dialog.hide()
            return int(QDialog.DialogCode.Rejected)
        return None


@pytest.fixture
def walker() -> Iterator[DialogWalker]:
    walker = DialogWalker()
    with responding(walker):
        yield walker


def test_main_window_controls_are_named(seed_bench: Workbench) -> None:
    window = seed_bench.window
    seed_bench.tools.replace()  # the find bar with its replace row
    editor = seed_bench.tabs.current_editor()
    assert editor is not None
    editor.body.bar.open("image")
    found = list(controls(window))
    # The walk reaches the panes: the library, every form field, the body, the preview.
    names = {w.accessibleName() for w in found}
    assert {"Search items", "Items", "Title", "Body", "Problems", "Open items", "Replace with",
            "Image source"} <= names, names
    if seed_bench.preview is not None:
        assert "Preview" in names
    assert len(found) > 100
    missing = unnamed(window)
    assert not missing, "controls without an accessible name or description:\n" + "\n".join(missing)


def test_qt_accessibility_reports_the_names(seed_bench: Workbench) -> None:
    """What a screen reader gets is what the widget says (not only the Qt property)."""
    editor = seed_bench.tabs.current_editor()
    assert editor is not None
    samples = [
        seed_bench.library.filter_bar.search,
        seed_bench.library.view,
        editor.form.rows[("title",)].editor.focus_target(),
        editor.body.toolbar.widgetForAction(editor.body.actions_by_name["bold"]),
        editor.problems,
        editor.fix_button,
        editor.form.sections["basics"].header,
    ]
    for widget in samples:
        iface = QAccessible.queryAccessibleInterface(widget)
        assert iface is not None and iface.isValid()
        assert iface.text(QAccessible.Text.Name) == widget.accessibleName() != ""
        assert iface.text(QAccessible.Text.Description) == widget.accessibleDescription() != ""
    title = editor.form.rows[("title",)].editor.focus_target()
    assert title.accessibleName() == "Title"
    assert "Key: title" in title.accessibleDescription()


def test_every_dialog_names_its_controls(qtbot, seed_bench: Workbench, walker: DialogWalker) -> None:
    """Every menu command is run once; every dialog it opens is walked before it is cancelled."""
    opened = run_every_command(seed_bench)
    # Windows the commands leave open beside the main one (review, keyboard shortcuts).
    assert seed_bench.review is not None
    assert seed_bench.review in opened
    for window in opened:
        walker.walk("review" if window is seed_bench.review else window.objectName()
                    or window.metaObject().className(), window)
    expected = {"gitCommitDialog", "gitDiffDialog", "gitHistoryDialog", "saveDiffDialog", "addFieldDialog",
                "removeFieldDialog", "renameDialog", "review", "shortcutsDialog", "newItemDialog"}
    assert expected <= set(walker.missing), sorted(walker.missing)
    assert len(walker.missing) >= len(expected) + 2  # bulk edit, replace in folder
    assert all(walker.counts.values()), walker.counts
    problems = [f"[{name}] {line}" for name, lines in walker.missing.items() for line in lines]
    assert not problems, "\n".join(problems)
    for window in opened:
        window.close()


def test_dialogs_opened_by_events_name_their_controls(qtbot, seed_bench: Workbench, walker: DialogWalker,
                                                      tmp_path: Path) -> None:
    """The dialogs no menu opens: a merge with conflicts, a remote's login, crash recovery."""
    session = seed_bench.tabs.current_session()
    assert session is not None
    base = session.document
    mine, theirs = Document.load(base.path), Document.load(base.path)
    mine.set(("title",), "Mine")
    theirs.set(("title",), "Theirs")
    theirs.set(("description",), "Changed elsewhere")
    result = merge_documents(base, theirs, mine)
    assert result.conflicts
    store = RecoveryStore(tmp_path / "recovery")
    store.save(base.path, mine.to_bytes(), base.disk_hash)
    for name, dialog in (
        ("merge", MergeDialog(result, seed_bench.window, wording=DISK)),
        ("credentials", CredentialDialog("https://git.example.org/site.git", None, seed_bench.window)),
        ("recovery", RecoveryDialog(store, parent=seed_bench.window)),
    ):
        walker(Request(Kind.RUN, name, dialog.windowTitle(), dialog=dialog))
        dialog.deleteLater()
    store.close()
    problems = [f"[{name}] {line}" for name, lines in walker.missing.items() for line in lines]
    assert all(walker.counts.values()), walker.counts
    assert not problems, "\n".join(problems)


def test_questions_and_messages_name_their_buttons(qtbot) -> None:
    """The message boxes alerts builds (shown for real here: no scripted answers)."""
    from PySide6.QtCore import QTimer

    seen: list[list[str]] = []

    def inspect_and_answer() -> None:
        box = QApplication.activeModalWidget()
        if box is None:  # not shown yet: look again on the next turn of its loop
            QTimer.singleShot(0, inspect_and_answer)
            return
        seen.append(unnamed(box))
        box.findChildren(QPushButton)[-1].click()

    previous = alerts.set_responder(None)
    try:
        QTimer.singleShot(0, inspect_and_answer)
        alerts.ask(None, "revert", "Revert", "Throw away the changes?", ["Discard", alerts.CANCEL])
        QTimer.singleShot(0, inspect_and_answer)
        alerts.tell(None, "save-failed", "Could not save", "The disk is full.")
    finally:
        alerts.set_responder(previous)
    assert seen == [[], []]
