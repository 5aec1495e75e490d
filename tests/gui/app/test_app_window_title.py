"""The window title names the current item by its title (not its UUID-like file name), then
the folder: it follows typing in the title field, tab switches, closing the last tab and
unsaved edits ([*]); long titles are cut at a word. Tab tooltips give the file's path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from support.editor_fixtures import type_at_end_of_title
from support.workbench import close_workbench, seed_workbench

from curator_app.gui.wiring import Workbench

SEED_TITLE = "UK Launch Implementation Plan For Genomic Healthcare System"  # spaces collapsed


@pytest.fixture
def workbench(qtbot, seed_path: Path, tmp_path: Path) -> Workbench:
    bench = seed_workbench(qtbot, seed_path, tmp_path, name="0b7c2d1e-uuid-name.md", preview=False)
    bench.menu["stamp_modified"].setChecked(False)
    yield bench
    close_workbench(bench)


def _shown(bench: Workbench) -> str:
    """The title as the window manager shows it ([*] becomes '*' when modified)."""
    title = bench.window.windowTitle()
    return title.replace("[*]", "*" if bench.window.isWindowModified() else "")


def test_title_names_the_item_and_folder_and_follows_typing(qtbot, workbench: Workbench) -> None:
    assert _shown(workbench) == f"{SEED_TITLE} — site — Curator"
    session = workbench.tabs.current_session()
    editor = workbench.tabs.current_editor()
    assert session is not None and editor is not None
    assert workbench.tabs.tabToolTip(workbench.tabs.currentIndex()) == str(session.path)

    type_at_end_of_title(qtbot, editor, " Now")
    qtbot.waitUntil(lambda: _shown(workbench) == f"{SEED_TITLE} Now* — site — Curator", timeout=3000)
    assert workbench.tabs.tabText(workbench.tabs.currentIndex()).startswith("● UK Launch")

    workbench.menu["save"].trigger()
    assert _shown(workbench) == f"{SEED_TITLE} Now — site — Curator"
    assert b"title: UK Launch  Implementation Plan For Genomic Healthcare System Now\n" in session.path.read_bytes()

    # Undo is an edit too: the title goes back with it.
    workbench.undo_group.undo()
    qtbot.waitUntil(lambda: _shown(workbench) == f"{SEED_TITLE}* — site — Curator", timeout=3000)


def test_long_titles_are_cut_at_a_word(qtbot, workbench: Workbench) -> None:
    editor = workbench.tabs.current_editor()
    assert editor is not None
    type_at_end_of_title(qtbot, editor, " and what it means for patients")
    qtbot.waitUntil(lambda: "…" in _shown(workbench), timeout=3000)
    name = _shown(workbench).split(" — ")[0]
    assert name == f"{SEED_TITLE} and what…*"  # 72 characters at most, cut between words
    assert workbench.window.windowTitle().endswith(" — site — Curator")


def test_title_follows_tab_switches_and_the_last_tab_closing(qtbot, workbench: Workbench, seed_path: Path) -> None:
    first = workbench.tabs.current_session()
    assert first is not None
    other = first.path.with_name("plain-file-name.md")
    shutil.copyfile(seed_path, other)
    text = other.read_text(encoding="utf-8").replace(
        "title: UK Launch  Implementation Plan For Genomic Healthcare System", "title: Another item")
    other.write_text(text, encoding="utf-8")
    workbench.open_item(other)
    assert _shown(workbench) == "Another item — site — Curator"
    assert workbench.tabs.tabToolTip(workbench.tabs.currentIndex()) == str(other.resolve())

    workbench.tabs.setCurrentIndex(workbench.tabs.index_of(first.path))
    assert _shown(workbench) == f"{SEED_TITLE} — site — Curator"

    # Ctrl+W twice, as a curator closes tabs: the last one leaves the folder's name.
    for _ in range(2):
        qtbot.keyClick(workbench.tabs.current_editor(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: workbench.tabs.count() == 0, timeout=3000)
    assert _shown(workbench) == "site — Curator"
