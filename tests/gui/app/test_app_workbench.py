"""The whole window wired together: list → tab → edit → save, unsaved-edit prompts,
external changes merged field by field, preview fed with the open document."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit
from support.workbench import close_workbench, open_workbench

from curator_app.core.document.document import Document
from curator_app.gui.wiring import Workbench


@pytest.fixture
def seed_folder(seed_path: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "site" / "content" / "news"
    folder.mkdir(parents=True)
    shutil.copyfile(seed_path, folder / "genome-uk.md")
    return tmp_path / "site"


@pytest.fixture
def workbench(qtbot, seed_folder: Path) -> Workbench:
    bench = open_workbench(qtbot, seed_folder)
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
    yield bench
    close_workbench(bench)


def _changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def _type_title(qtbot, bench: Workbench, text: str) -> None:
    """Type a new title into the form, as a user would, and wait for the item to be unsaved."""
    editor, session = bench.tabs.current_editor(), bench.tabs.current_session()
    assert editor is not None and session is not None
    assert editor.focus_field(("title",))
    field = QApplication.focusWidget()
    assert field is not None
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)
    qtbot.waitUntil(session.is_dirty, timeout=2000)


def test_first_item_opens_in_a_tab_and_title_names_it(workbench: Workbench) -> None:
    session = workbench.tabs.current_session()
    assert session is not None and session.path.name == "genome-uk.md"
    assert workbench.window.windowTitle().startswith("UK Launch Implementation Plan")
    assert not workbench.window.isWindowModified()


def test_type_title_and_save_changes_only_the_title_line(qtbot, workbench: Workbench) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    workbench.menu["stamp_modified"].setChecked(False)
    before = session.path.read_bytes()
    _type_title(qtbot, workbench, "UK launches genome plan")
    qtbot.waitUntil(lambda: workbench.window.isWindowModified(), timeout=2000)
    assert workbench.menu["save"].isEnabled()
    workbench.menu["save"].trigger()
    after = session.path.read_bytes()
    assert _changed_lines(before, after) == [
        "-title: UK Launch  Implementation Plan For Genomic Healthcare System",
        "+title: UK launches genome plan",
    ]
    assert not workbench.window.isWindowModified()


def test_save_stamps_last_modified_in_the_files_own_style(qtbot, workbench: Workbench, answers) -> None:
    session = workbench.tabs.current_session()
    assert session is not None and workbench.menu["stamp_modified"].isChecked()  # on by default
    before = session.path.read_bytes()
    _type_title(qtbot, workbench, "UK launches genome plan")
    workbench.menu["confirm_diff"].setChecked(True)
    shown: list[str] = []

    def read_diff(dialog: QDialog) -> int:
        shown.append(dialog.findChild(QPlainTextEdit, "saveDiffText").toPlainText())
        return QDialog.DialogCode.Accepted

    answers.reply(read_diff, to="saveDiffDialog")
    workbench.menu["save"].trigger()
    changed = [line.split(":")[0].strip() for line in _changed_lines(before, session.path.read_bytes())]
    assert sorted(set(changed)) == ["+  articlemodified_time", "+  ogupdated_time", "+lastMod", "+title",
                                    "-  articlemodified_time", "-  ogupdated_time", "-lastMod", "-title"]
    assert "+lastMod: '20" in shown[0] and "Z'" in shown[0].split("+lastMod:")[1].splitlines()[0]
    saved = Document.load(session.path)
    assert saved.get(("htmlMetaData", "articlemodified_time")).endswith("-04:00")


def test_undo_through_the_edit_menu_restores_bytes(qtbot, workbench: Workbench) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    before = session.document.to_bytes()
    _type_title(qtbot, workbench, "Something else")
    assert workbench.menu["undo"].isEnabled()
    workbench.menu["undo"].trigger()
    assert session.document.to_bytes() == before
    assert not session.is_dirty()


def test_unedited_seed_saves_byte_identical(workbench: Workbench, seed_path: Path) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    assert workbench.save(session)
    assert session.path.read_bytes() == seed_path.read_bytes()


def test_closing_a_dirty_tab_asks_and_discard_keeps_the_file(qtbot, workbench: Workbench, answers) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    path, before = session.path, session.path.read_bytes()
    _type_title(qtbot, workbench, "Throwaway")
    answers.reply("Discard", to="unsaved-changes")
    workbench.close_current()
    assert workbench.tabs.count() == 0
    assert path.read_bytes() == before


def test_closing_a_dirty_tab_cancel_keeps_it_open(qtbot, workbench: Workbench, answers) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    _type_title(qtbot, workbench, "Keep me")
    answers.reply("Cancel", to="unsaved-changes")
    workbench.close_current()
    assert workbench.tabs.count() == 1
    assert session.document.get(("title",)) == "Keep me"


def test_external_change_is_merged_field_by_field(qtbot, workbench: Workbench, answers) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    _type_title(qtbot, workbench, "My new title")
    # Another program (a colleague's pull) changes a different field on disk.
    answers.reply("Merge…", to="external-change")
    theirs = Document.load(session.path)
    theirs.set(("sub",), "feature")
    theirs.save(force=True)
    # The window's watcher passes the change on; no one calls check_disk by hand.
    qtbot.waitUntil(lambda: session.document.get(("sub",)) == "feature", timeout=5000)
    assert session.document.get(("title",)) == "My new title"
    assert workbench.save(session)
    saved = Document.load(session.path)
    assert saved.get(("title",)) == "My new title" and saved.get(("sub",)) == "feature"


def test_save_refuses_to_overwrite_a_disk_change_and_keep_mine_forces(
    qtbot, workbench: Workbench, answers
) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    _type_title(qtbot, workbench, "Mine wins")
    session.path.write_bytes(session.path.read_bytes().replace(b"sub: brief", b"sub: other"))
    answers.reply("Keep Mine", to="external-change")
    assert not workbench.save(session)  # the conflict is asked first, then the save is forced
    assert b"title: Mine wins" in session.path.read_bytes()


def test_preview_is_fed_the_open_document(qtbot, workbench: Workbench) -> None:
    preview = workbench.preview
    assert preview is not None
    with qtbot.waitSignal(preview.sig_rendered, timeout=15000):
        _type_title(qtbot, workbench, "Preview follows typing")
    qtbot.waitUntil(lambda: "Preview follows typing" in preview.meta_html, timeout=5000)


def test_editor_and_preview_share_one_analysis_per_revision(qtbot, workbench: Workbench) -> None:
    from curator_app.core.lint.analysis import SHARED, revision_key

    preview, editor = workbench.preview, workbench.tabs.current_editor()
    session = workbench.tabs.current_session()
    assert preview is not None and editor is not None and session is not None
    _type_title(qtbot, workbench, "Shared analysis")
    qtbot.waitUntil(lambda: "Shared analysis" in preview.meta_html and not preview.rendering,
                    timeout=15000)
    doc = session.document
    analysed = SHARED.get(revision_key(doc.to_bytes(), doc.path, session.content_root))
    assert analysed is not None  # the preview analysed the revision the editor shows
    before = SHARED.computed
    editor.run_lint()
    assert SHARED.computed == before  # the editor pane did not lint it again
    assert editor.findings == analysed.findings


def test_window_close_with_unsaved_edits_can_be_cancelled(qtbot, workbench: Workbench, answers) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    _type_title(qtbot, workbench, "Unsaved")
    answers.reply("Cancel", to="unsaved-changes")
    assert not workbench.window.close()
    assert workbench.window.isVisible()


def test_apply_fix_from_problems_list_is_a_minimal_undoable_edit(qtbot, workbench: Workbench) -> None:
    session = workbench.tabs.current_session()
    editor = workbench.tabs.current_editor()
    assert session is not None and editor is not None
    before = session.document.to_bytes()
    editor.run_lint()
    problems = editor.problems
    row = next(
        i for i in range(problems.topLevelItemCount())
        if "double space" in problems.topLevelItem(i).text(1) and problems.topLevelItem(i).text(0) == "title"
    )
    problems.setCurrentItem(problems.topLevelItem(row))
    assert editor.fix_button.isEnabled()
    qtbot.mouseClick(editor.fix_button, Qt.MouseButton.LeftButton)
    assert _changed_lines(before, session.document.to_bytes()) == [
        "-title: UK Launch  Implementation Plan For Genomic Healthcare System",
        "+title: UK Launch Implementation Plan For Genomic Healthcare System",
    ]
    workbench.menu["undo"].trigger()
    assert session.document.to_bytes() == before


def test_optional_diff_before_save_shows_what_will_be_written(qtbot, workbench: Workbench, answers) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    workbench.menu["confirm_diff"].setChecked(True)
    _type_title(qtbot, workbench, "Reviewed title")
    seen: list[str] = []

    def answer(dialog: QDialog) -> None:
        seen.append(dialog.findChild(QPlainTextEdit, "saveDiffText").toPlainText())
        dialog.reject()

    answers.reply(answer, to="saveDiffDialog")
    assert not workbench.save(session)  # cancelled in the diff dialog: nothing written
    assert "-title: UK Launch  Implementation Plan For Genomic Healthcare System" in seen[0]
    assert "+title: Reviewed title" in seen[0]
    assert b"Reviewed title" not in session.path.read_bytes()
    workbench.menu["confirm_diff"].setChecked(False)


def test_a_clean_item_reloads_once_per_change_on_disk(qtbot, workbench: Workbench) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    seen: list[object] = []
    session.sig_reloaded.connect(lambda: seen.append(session.document.get(("sub",))))
    for value in ("feature", "opinion"):
        theirs = Document.load(session.path)
        theirs.set(("sub",), value)
        theirs.save(force=True)  # an atomic replace: several notices for one change
        qtbot.waitUntil(lambda v=value: session.document.get(("sub",)) == v, timeout=5000)
    # Notices arrive in order, so any repeat of the first change came before the second.
    assert seen == ["feature", "opinion"]
    assert not session.is_dirty()


def test_a_change_during_the_merge_is_a_new_change_not_part_of_the_merge(
    qtbot, workbench: Workbench, answers
) -> None:
    session = workbench.tabs.current_session()
    assert session is not None
    _type_title(qtbot, workbench, "Mine")

    def resolve(dialog: QDialog) -> None:
        # Someone saves again while the curator is choosing.
        third = Document.load(session.path)
        third.set(("sub",), "late")
        third.save(force=True)
        dialog.row("title").choose_mine()
        dialog.accept()

    answers.reply("Merge…", to="external-change")
    answers.reply(resolve, to="gitMergeDialog")
    answers.reply("Cancel", to="external-change")  # the late save is asked about on its own
    theirs = Document.load(session.path)
    theirs.set(("title",), "Theirs")  # the same field as mine: the merge dialog decides
    theirs.save(force=True)
    qtbot.waitUntil(lambda: answers.pending() == 0, timeout=10000)
    assert answers.names() == ["external-change", "gitMergeDialog", "external-change"]
    assert session.document.get(("title",)) == "Mine"
    # Merged with the version read before the dialog; the later save was not folded in.
    assert session.document.get(("sub",)) != "late"
    assert session.document.changed_on_disk()
    assert session.is_dirty()
