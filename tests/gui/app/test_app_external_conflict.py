"""An edit made in another program (no git involved) meets unsaved edits: the merge dialog
speaks of the version on disk, never of a pull. Revert's question defaults to Cancel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QRadioButton
from support.workbench import close_workbench, open_workbench

from curator_app.gui.git.merge_dialog import MergeDialog
from curator_app.gui.wiring import Workbench


@pytest.fixture
def workbench(qtbot, seed_path: Path, tmp_path: Path) -> Workbench:
    folder = tmp_path / "site" / "content" / "news"
    folder.mkdir(parents=True)
    shutil.copyfile(seed_path, folder / "genome-uk.md")
    bench = open_workbench(qtbot, tmp_path / "site")
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
    yield bench
    close_workbench(bench)


def test_merge_dialog_for_an_outside_edit_says_on_disk(workbench: Workbench, answers) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    session.edit("title", lambda d: d.set(("title",), "Mine"))
    raw = session.path.read_bytes()
    session.path.write_bytes(raw.replace(b"title: UK Launch  Implementation", b"title: Theirs Implementation"))
    seen: dict[str, object] = {}

    def settle(dialog: MergeDialog) -> int:
        seen["title"] = dialog.windowTitle()
        seen["texts"] = [label.text() for label in dialog.findChildren(QLabel)]
        seen["choices"] = [b.text() for b in dialog.findChildren(QRadioButton)]
        dialog.row(("title",)).mine_button.click()
        dialog.ok_button.click()
        return QDialog.DialogCode.Accepted

    answers.reply("Merge…", to="external-change")
    answers.reply(settle, to="gitMergeDialog")
    workbench.disk.ask_external_change(session)
    assert seen["title"] == "Merge the version on disk into genome-uk.md"
    words = " ".join([str(seen["title"]), *seen["texts"], *seen["choices"]]).lower()  # type: ignore[misc]
    assert "pull" not in words
    assert "another program" in words and "take the disk version" in words
    assert session.document.get(("title",)) == "Mine"


def test_revert_question_defaults_to_cancel(workbench: Workbench, answers) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    session.edit("title", lambda d: d.set(("title",), "Unsaved title"))
    answers.reply("Cancel", to="revert")
    workbench.revert_current()
    assert answers.asked[-1].default == "Cancel"
    assert session.is_dirty() and session.document.get(("title",)) == "Unsaved title"


def test_status_bar_reports_a_push_without_remote(qtbot, seed_path: Path, tmp_path: Path, answers) -> None:
    from support.git_repos import make_content_repo

    make_content_repo(tmp_path, seed_path.read_bytes())
    bench = open_workbench(qtbot, tmp_path / "site")
    try:
        qtbot.waitUntil(lambda: bench.git.repo is not None, timeout=10000)
        with qtbot.waitSignal(bench.git.sig_busy, timeout=20000, check_params_cb=lambda busy: not busy):
            assert bench.git.push()
        message = bench.window.statusBar().currentMessage()
        assert message.startswith("Git: ") and "contacting" not in message
        assert "git-error" in answers.names()
    finally:
        close_workbench(bench)
