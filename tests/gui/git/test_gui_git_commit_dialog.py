"""CommitDialog on a real repository: prefilled message, partial commits, clear errors."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pygit2
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support.git_repos import ITEM, OTHER, head_paths, save_edit

from curator_app.core.git.commit import suggest_message
from curator_app.core.git.repo import ContentRepo
from curator_app.core.git.status import folder_status
from curator_app.gui.git.commit_dialog import CommitDialog
from curator_app.gui.git.controller import GitController

SHOT = Path("/tmp/gui_git_commit_dialog.png")


def _edit_two(cr: ContentRepo) -> tuple[Path, Path]:
    item, other = cr.folder / ITEM, cr.folder / OTHER
    save_edit(item, title="Genomics plan launched in the UK")
    save_edit(other, title="Another item, retitled", tags=["News", "Policy"])
    return item, other


def test_prefilled_message_and_commit_of_checked_items_only(
    qtbot: QtBot, content_repo: ContentRepo, make_controller: Callable[[Path], GitController]
) -> None:
    item, other = _edit_two(content_repo)
    git = make_controller(content_repo.folder)
    dialog = git.commit_dialog()
    assert isinstance(dialog, CommitDialog)
    qtbot.addWidget(dialog)
    dialog.show()

    assert sorted(map(str, dialog.checked_paths())) == sorted(os.path.realpath(p) for p in (item, other))
    assert dialog.message.toPlainText() == suggest_message(content_repo, dialog.checked_paths())
    assert dialog.message.toPlainText().startswith("Update 2 items")
    assert (dialog.author_name.text(), dialog.author_email.text()) == ("Alice", "alice@example.org")
    rows = {dialog.items.topLevelItem(i).text(0): dialog.items.topLevelItem(i).text(1) for i in range(2)}  # type: ignore[union-attr]
    assert rows == {"Genomics plan launched in the UK": "modified", "Another item, retitled": "modified"}

    qtbot.wait(50)  # let the layout settle before the screenshot
    dialog.grab().save(str(SHOT))

    # Unticking an item rewrites the suggestion for what is left.
    dialog.set_checked(other, False)
    assert dialog.message.toPlainText() == (
        "Update title of Genomics plan launched in the UK\n\n"
        '- title changed from "UK Launch  Implementation Plan For Genomic Healthcare System" '
        'to "Genomics plan launched in the UK"'
    )
    with qtbot.waitSignal(git.sig_committed) as committed:
        qtbot.mouseClick(dialog.commit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == CommitDialog.DialogCode.Accepted
    assert committed.args == [dialog.commit_id]

    head = content_repo.repo.head.peel(pygit2.Commit)
    assert str(head.id) == dialog.commit_id
    assert head.message.startswith("Update title of Genomics plan launched in the UK\n")
    assert head_paths(content_repo) == ["content/news/genome-uk.md"]
    assert folder_status(content_repo) == {"content/news/other.md": "modified"}
    assert git.statuses == {Path(os.path.realpath(other)): "modified"}


def test_typed_message_survives_selection_changes(qtbot: QtBot, content_repo: ContentRepo) -> None:
    item, other = _edit_two(content_repo)
    dialog = CommitDialog(content_repo, {item: "modified", other: "modified"}, checked=[item])
    qtbot.addWidget(dialog)
    assert dialog.checked_paths() == [Path(os.path.realpath(item))]
    dialog.show()
    qtbot.keyClicks(dialog.message, " - reviewed")
    assert dialog.user_typed
    typed = dialog.message.toPlainText()
    dialog.set_checked(other, True)
    assert dialog.message.toPlainText() == typed
    # Emptying the box hands it back to the suggestion.
    dialog.message.clear()
    dialog.set_checked(other, False)
    assert dialog.message.toPlainText().startswith("Update title of Genomics")


def test_clear_errors(qtbot: QtBot, content_repo: ContentRepo) -> None:
    item, other = _edit_two(content_repo)
    dialog = CommitDialog(content_repo, {item: "modified", other: "modified"})
    qtbot.addWidget(dialog)
    dialog.show()
    head = content_repo.repo.head.target

    dialog.author_email.clear()
    assert dialog.do_commit() is False
    assert dialog.error.text() == "Enter the author's name and e-mail; git needs both for a commit."
    assert dialog.error.isVisible()
    dialog.author_email.setText("alice@example.org")

    dialog._check_all(False)
    assert dialog.do_commit() is False
    assert dialog.error.text() == "Tick at least one item to commit."

    # The file went back to its committed bytes after the dialog opened.
    content_repo.repo.checkout_head(strategy=pygit2.enums.CheckoutStrategy.FORCE, paths=["content/" + OTHER])
    dialog.set_checked(other, True)
    assert dialog.do_commit() is False
    assert dialog.error.text() == "The chosen items have no changes to commit"
    assert content_repo.repo.head.target == head
    assert dialog.result() != CommitDialog.DialogCode.Accepted


def test_missing_identity_in_git_config_leaves_fields_empty(qtbot: QtBot, tmp_path: Path) -> None:
    from curator_app.core.git.repo import init_repository

    cr = init_repository(tmp_path / "site")
    # A repository-level empty identity hides whatever the machine's global config has.
    cr.repo.config["user.name"] = ""
    cr.repo.config["user.email"] = ""
    (tmp_path / "site" / "a.md").write_text("---\ntitle: A\n---\n")
    dialog = CommitDialog(cr, {tmp_path / "site" / "a.md": "new"})
    qtbot.addWidget(dialog)
    assert (dialog.author_name.text(), dialog.author_email.text()) == ("", "")
    assert dialog.message.toPlainText() == "Add A"
    dialog.author_name.setText("Dana")
    dialog.author_email.setText("dana@example.org")
    assert dialog.do_commit() is True
    assert cr.repo.head.peel(pygit2.Commit).author.email == "dana@example.org"
