"""A colleague's pushed change meets unsaved edits: pull with the controller, merge in the dialog."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support.git_repos import ITEM, SEED_TITLE, Team, save_edit

from curator_app.core.algebra.merge3 import merge_documents
from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items
from curator_app.core.git.remote import push
from curator_app.gui.git.controller import GitController
from curator_app.gui.git.merge_dialog import MergeDialog

ALICE_TITLE = "Genomics plan launched in the UK"
ALICE_DESCRIPTION = "The UK plan widens the reach of genomics in diagnosis and treatment."
BOB_TITLE = "UK launches genomic healthcare implementation plan"
BOB_DESCRIPTION = "England publishes its genomics implementation plan."
SHOT = Path("/tmp/gui_git_merge_dialog.png")


def _changed_lines(old: bytes, new: bytes) -> set[int]:
    """1-based line numbers of `old` that the edit replaced or removed."""
    a, b = old.decode().splitlines(), new.decode().splitlines()
    lines: set[int] = set()
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            lines.update(range(i1 + 1, max(i2, i1 + 1) + 1))
    return lines


def _alice_edits_bob_pushes(team: Team) -> tuple[bytes, Document]:
    path = team.a.folder / ITEM
    base = path.read_bytes()
    mine = Document.load(path)  # Alice's editor: unsaved edits only
    mine.set(("title",), ALICE_TITLE)
    mine.set(("description",), ALICE_DESCRIPTION)
    mine.set(("offering",), "Genomic medicine")

    bob_path = team.b.folder / ITEM
    save_edit(bob_path, title=BOB_TITLE, description=BOB_DESCRIPTION, layOut="wide")
    commit_items(team.b, [bob_path], "Bob's edit")
    push(team.b)
    return base, mine


def test_merge_dialog_on_a_real_conflict(
    qtbot: QtBot, team: Team, make_controller: Callable[[Path], GitController]
) -> None:
    path = team.a.folder / ITEM
    base, mine = _alice_edits_bob_pushes(team)
    alice = make_controller(team.a.folder)
    with qtbot.waitSignal(alice.sig_pulled, timeout=20000) as pulled:
        alice.pull()
    assert pulled.args == [[Path(os.path.realpath(path))]]
    assert alice.pre_pull_bytes(path) == base
    pulled_bytes = path.read_bytes()

    result = merge_documents(base, Document.load(path), mine)
    dialog = MergeDialog(result)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [row.conflict.label for row in dialog.rows] == ["description", "title"]
    assert dialog.automatic_lines() == [
        'Yours: offering changed from null to "Genomic medicine"',
        'Pulled: layOut changed from "single" to "wide"',
    ]
    title_row = dialog.row("title")
    base_box = title_row.findChild(type(title_row.editor), "gitConflictBase")
    assert base_box is not None and base_box.toPlainText() == SEED_TITLE
    assert not dialog.ok_button.isEnabled()  # every conflict needs a choice

    qtbot.mouseClick(title_row.theirs_button, Qt.MouseButton.LeftButton)
    assert not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.row(("description",)).mine_button, Qt.MouseButton.LeftButton)
    assert dialog.ok_button.isEnabled()
    qtbot.wait(50)  # let the layout settle before the screenshot
    dialog.grab().save(str(SHOT))

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == MergeDialog.DialogCode.Accepted
    merged = dialog.merged_document()
    assert merged is not None and result.clean
    assert merged.get(("title",)) == BOB_TITLE
    assert merged.get(("description",)) == ALICE_DESCRIPTION
    assert merged.get(("offering",)) == "Genomic medicine"
    assert merged.get(("layOut",)) == "wide"
    # Alice's own document still holds all her edits.
    assert (mine.get(("title",)), mine.get(("description",))) == (ALICE_TITLE, ALICE_DESCRIPTION)

    # The editor keeps saving after the pull, and the save touches only Alice's fields.
    merged.save()
    after = path.read_bytes()
    on_disk = Document.from_bytes(pulled_bytes)
    allowed: set[int] = set()
    for key in (("description",), ("offering",)):
        span = on_disk.line_span(key)
        assert span is not None
        allowed.update(range(span[0], span[1] + 1))
    changed = _changed_lines(pulled_bytes, after)
    assert changed and changed <= allowed
    assert Document.load(path).get(("title",)) == BOB_TITLE


def test_cancel_keeps_everything(qtbot: QtBot, team: Team) -> None:
    path = team.a.folder / ITEM
    base, mine = _alice_edits_bob_pushes(team)
    from curator_app.core.git.remote import pull

    pull(team.a)
    before = mine.to_bytes()
    result = merge_documents(base, Document.load(path), mine)
    theirs_state = result.document.snapshot()
    dialog = MergeDialog(result)
    qtbot.addWidget(dialog)
    dialog.row("title").choose_mine()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == MergeDialog.DialogCode.Rejected
    assert dialog.merged_document() is None
    assert mine.to_bytes() == before
    assert [c.label for c in result.conflicts] == ["description", "title"]
    assert result.document.snapshot() == theirs_state


def test_edit_a_conflict_and_reject_bad_yaml(qtbot: QtBot, team: Team) -> None:
    path = team.a.folder / ITEM
    base = path.read_bytes()
    mine = Document.load(path)
    mine.set(("categories",), ["Symplur: Genomics", "Policy"])
    mine.set(("title",), ALICE_TITLE)
    theirs = Document.from_bytes(base, path)
    theirs.set(("categories",), ["Genomics"])
    theirs.set(("title",), BOB_TITLE)
    result = merge_documents(base, theirs.to_bytes(), mine)
    dialog = MergeDialog(result)
    qtbot.addWidget(dialog)
    dialog.show()

    row = dialog.row("categories")
    assert not row.as_text
    assert row.findChild(type(row.editor), "gitConflictTheirs").toPlainText() == "- Genomics"  # type: ignore[union-attr]
    row.choose_edit("[Genomics, Policy")
    assert row.editor.isVisible()
    dialog.row("title").choose_edit(ALICE_TITLE + " (2021)")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != MergeDialog.DialogCode.Accepted
    assert dialog.error.text().startswith("categories: cannot read the value")
    qtbot.wait(100)  # let the layout settle before the screenshot
    dialog.grab().save("/tmp/gui_git_merge_edit.png")
    assert len(result.conflicts) == 2

    row.choose_edit("- Genomics\n- Policy\n")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    merged = dialog.merged_document()
    assert merged is not None
    assert merged.get(("categories",)) == ["Genomics", "Policy"]
    assert merged.get(("title",)) == ALICE_TITLE + " (2021)"
