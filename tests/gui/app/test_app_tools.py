"""The editor's tools from the real window: Ctrl+F/Ctrl+H, Replace in Folder, Fix All,
item files (duplicate, rename, move, delete, undo), Open File, spelling toggle."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from support.workbench import close_workbench, open_workbench

from curator_app.core.document.document import Document
from curator_app.gui.spell.service import spell_service
from curator_app.gui.wiring import Workbench


@pytest.fixture
def site(seed_path: Path, tmp_path: Path) -> Path:
    news = tmp_path / "site" / "content" / "news"
    news.mkdir(parents=True)
    shutil.copyfile(seed_path, news / "genome-uk.md")
    (news / "other.md").write_text("---\ntitle: Other genomic news\ntags:\n  - News\n---\n<p>genomic</p>\n")
    (tmp_path / "site" / "content" / "features").mkdir()
    return tmp_path / "site"


@pytest.fixture
def bench(qtbot, site: Path) -> Workbench:
    bench = open_workbench(qtbot, site)
    bench.open_item(site / "content" / "news" / "genome-uk.md")
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
    yield bench
    close_workbench(bench)


def test_ctrl_f_opens_the_find_bar_on_the_current_item(qtbot, bench: Workbench) -> None:
    bench.window.activateWindow()
    bench.tabs.current_editor().form.setFocus()
    qtbot.keyClick(bench.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = bench.tools.find_bar
    qtbot.waitUntil(bar.isVisible)
    assert bar.find_edit.hasFocus() and not bar.replace_row.isVisible()
    qtbot.keyClicks(bar.find_edit, "Matt Hancock")
    assert bar.count.text() == "2 matches"
    bench.menu["replace"].trigger()
    assert bar.replace_row.isVisible()
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_replace_in_folder_from_the_menu_applies_and_undoes(qtbot, bench: Workbench, site: Path, answers) -> None:
    other = site / "content" / "news" / "other.md"
    before = other.read_bytes()

    def drive(dialog: QDialog) -> int:
        dialog.find_edit.setText("genomic")
        dialog.replace_edit.setText("genetic")
        dialog.word.setChecked(True)
        dialog.search()
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60000)
        assert dialog.results.topLevelItemCount() == 2
        dialog.apply()
        qtbot.waitUntil(lambda: dialog.plan is None and not dialog.busy(), timeout=60000)
        return QDialog.DialogCode.Accepted

    answers.reply(drive, to="replaceInFolderDialog")
    bench.menu["replace_in_folder"].trigger()
    assert other.read_text() == "---\ntitle: Other genetic news\ntags:\n  - News\n---\n<p>genetic</p>\n"
    bench.menu["undo_bulk"].trigger()
    assert other.read_bytes() == before


def test_fix_all_is_one_undo_step(qtbot, bench: Workbench) -> None:
    session = bench.tabs.current_session()
    depth = session.undo_stack.count()
    bench.menu["fix_all"].trigger()
    assert session.undo_stack.count() == depth + 1
    assert "  " not in session.document.get("title")
    bench.menu["undo"].trigger()
    assert "  " in session.document.get("title")


def test_duplicate_rename_move_undo_and_delete(qtbot, bench: Workbench, site: Path, answers) -> None:
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    news = site / "content" / "news"
    bench.menu["duplicate_item"].trigger()
    qtbot.waitUntil(lambda: bench.tabs.current_session().path.name != "genome-uk.md", timeout=5000)
    copy = bench.tabs.current_session().path
    assert copy == news / "uk-launch-implementation-plan-for-genomic-healthcare-system-copy.md"
    assert Document.load(copy).get("title").endswith(" (copy)")

    def rename(dialog: QDialog) -> None:
        assert dialog.name_edit.text() == copy.stem  # suggested from the title
        dialog.name_edit.setText("genome-copy")
        dialog.accept()

    answers.reply(rename, to="renameDialog")
    bench.menu["rename_item"].trigger()
    renamed = news / "genome-copy.md"
    qtbot.waitUntil(lambda: bench.tabs.current_session().path == renamed, timeout=5000)
    assert not copy.exists()

    answers.reply(site / "content" / "features", to="choose-folder")
    bench.menu["move_item"].trigger()
    moved = site / "content" / "features" / renamed.name
    qtbot.waitUntil(lambda: bench.tabs.current_session().path == moved, timeout=5000)
    bench.menu["undo_move"].trigger()
    qtbot.waitUntil(lambda: bench.tabs.current_session().path == renamed, timeout=5000)

    answers.reply("Move to Trash", to="delete-item")
    bench.menu["delete_item"].trigger()
    assert not renamed.exists() and bench.tabs.index_of(renamed) == -1
    assert (news / "genome-uk.md").exists()


def test_open_file_and_spelling_toggle(qtbot, bench: Workbench, site: Path, answers) -> None:
    loose = site / "loose.md"
    loose.write_text("---\ntitle: A loose file\n---\nbody\n")
    answers.reply(loose, to="choose-open-file")
    bench.menu["open_file"].trigger()
    qtbot.waitUntil(lambda: bench.tabs.current_session().path == loose, timeout=5000)
    assert bench.menu["spell_check"].isChecked()
    bench.menu["spell_check"].trigger()
    assert not spell_service().enabled and spell_service().misspellings("teh") == []
    bench.menu["spell_check"].trigger()
    assert spell_service().enabled


def test_dropping_files_opens_them_and_recent_files_remembers(qtbot, bench: Workbench, site: Path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    other = site / "content" / "news" / "other.md"
    skipped = site / "notes.txt"
    skipped.write_text("not an item")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other)), QUrl.fromLocalFile(str(skipped))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    # Qt delivers a drop only inside a real drag session; the handler is what a drop reaches.
    bench.window.dropEvent(drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None
                    and bench.tabs.current_session().path == other, timeout=5000)
    assert bench.tabs.index_of(skipped) == -1
    menu = bench.menu.recent_files_menu
    menu.aboutToShow.emit()
    entries = [a.text() for a in menu.actions() if a.text() and not a.isSeparator()]
    assert entries[:2] == [str(other.resolve()), str((site / "content" / "news" / "genome-uk.md").resolve())]
    bench.close_current()
    next(a for a in menu.actions() if a.text() == str(other.resolve())).trigger()
    qtbot.waitUntil(lambda: bench.tabs.current_session().path == other, timeout=5000)


def test_preview_reads_the_sites_own_images_from_the_site_root(qtbot, tmp_path: Path) -> None:
    site = tmp_path / "hugo-site"
    shutil.copytree(Path(__file__).resolve().parents[3] / "content", site)
    bench = open_workbench(qtbot, site)
    try:
        qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
        assert bench.preview is not None
        qtbot.waitUntil(lambda: bench.preview.renders_started > 0, timeout=5000)  # fed after the open's turn
        # static/ (the site's default card image) is inside the site but outside content/
        assert bench.preview.handler.content_root.resolve() == site.resolve()
    finally:
        close_workbench(bench)


def test_tabs_name_items_by_title_not_uuid_file_names(qtbot, bench: Workbench, site: Path) -> None:
    uuid_named = site / "content" / "news" / "5f1c2b52-3c5e-4f0e-9a57-0d1f5a8c2e11.md"
    uuid_named.write_text("---\ntitle: A short title\n---\nbody\n")
    bench.open_item(uuid_named)
    tabs = bench.tabs
    index = tabs.index_of(uuid_named.resolve())
    assert tabs.tabText(index) == "A short title"
    assert tabs.tabToolTip(index) == str(uuid_named.resolve())
    seed_tab = tabs.tabText(tabs.index_of((site / "content" / "news" / "genome-uk.md").resolve()))
    assert seed_tab == "UK Launch Implementation Plan…" and len(seed_tab) <= 32
    tabs.current_session().set_value(("title",), "Edited")
    qtbot.waitUntil(lambda: tabs.tabText(index) == "● Edited", timeout=5000)
