"""An open item deleted or moved on disk by another program: the tab says the file is gone
(or follows it to its new path), a clean tab offers Close / Keep Open, and saving a deleted
item asks where to: never a reload question, a crash report or a silent no-op."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.workbench import close_workbench, seed_workbench

from curator_app.gui.session import DocumentSession
from curator_app.gui.wiring import Workbench


@pytest.fixture
def workbench(qtbot, seed_path: Path, tmp_path: Path) -> Workbench:
    bench = seed_workbench(qtbot, seed_path, tmp_path)
    bench.menu["stamp_modified"].setChecked(False)
    yield bench
    close_workbench(bench)


def _session(bench: Workbench) -> DocumentSession:
    session = bench.tabs.current_session()
    assert session is not None
    return session


def _edit(session: DocumentSession) -> None:
    session.edit("mast", lambda d: d.set(("mastHead",), "EDITED"))


def _tab(bench: Workbench, session: DocumentSession) -> tuple[str, str]:
    index = bench.tabs.index_of(session.path)
    return bench.tabs.tabText(index), bench.tabs.tabToolTip(index)


def _no_crash(answers) -> None:
    assert not [r for r in answers.asked if "crash" in r.name or r.name == "external-change"]


def test_deleted_clean_item_is_marked_and_offers_close(qtbot, workbench: Workbench, answers) -> None:
    session = _session(workbench)
    answers.reply("Keep Open", to="item-gone")
    os.remove(session.path)
    qtbot.waitUntil(lambda: session.gone and "item-gone" in answers.names(), timeout=5000)
    text, tip = _tab(workbench, session)
    assert text.endswith("(deleted)") and "Deleted on disk" in tip and str(session.path) in tip
    assert not workbench.tabs.tabIcon(workbench.tabs.index_of(session.path)).isNull()
    assert "deleted on disk" in workbench.window.statusBar().currentMessage()
    assert answers.asked[-1].choices == ("Close", "Keep Open")
    _no_crash(answers)


def test_deleted_clean_item_closes_on_request(qtbot, workbench: Workbench, answers) -> None:
    session = _session(workbench)
    answers.reply("Close", to="item-gone")
    os.remove(session.path)
    qtbot.waitUntil(lambda: workbench.tabs.count() == 0, timeout=5000)
    assert not session.path.exists()  # closing does not bring it back


def test_deleted_dirty_item_save_recreates_or_saves_as(qtbot, workbench: Workbench, answers, tmp_path) -> None:
    session = _session(workbench)
    _edit(session)
    path = session.path
    os.remove(path)
    qtbot.waitUntil(lambda: session.gone, timeout=5000)
    assert _tab(workbench, session)[0].endswith("(deleted)") and session.is_dirty()
    assert not answers.asked  # unsaved edits: no question, the tab and status bar say it
    # The library's refresh after the deletion leaves the status bar's note alone.
    qtbot.waitUntil(lambda: workbench.library.model.rowCount() == 0, timeout=20000)
    qtbot.waitUntil(lambda: not workbench.window.statusBar().currentMessage().startswith("Indexing"))
    assert "deleted on disk" in workbench.window.statusBar().currentMessage()

    answers.reply("Cancel", to="save-gone")
    assert not workbench.save_current()
    assert not path.exists() and session.is_dirty()

    answers.reply("Re-create", to="save-gone")
    assert workbench.save_current()
    assert b"mastHead: EDITED\n" in path.read_bytes()
    assert not session.gone and not session.is_dirty()
    assert not _tab(workbench, session)[0].endswith("(deleted)")

    # Gone again, saved elsewhere: the tab follows the new file.
    assert session.edit("mast", lambda d: d.set(("mastHead",), "AGAIN"))
    os.remove(path)
    qtbot.waitUntil(lambda: session.gone, timeout=5000)
    elsewhere = tmp_path / "elsewhere.md"
    answers.reply("Save As…", to="save-gone")
    answers.reply(elsewhere, to="choose-save-file")
    workbench.menu["save"].trigger()
    assert b"mastHead: AGAIN\n" in elsewhere.read_bytes() and not path.exists()
    assert session.path == elsewhere.resolve() and not session.is_dirty()
    _no_crash(answers)


@pytest.mark.parametrize("dirty", [False, True])
def test_moved_item_is_followed(qtbot, workbench: Workbench, answers, dirty: bool) -> None:
    session = _session(workbench)
    if dirty:
        _edit(session)
    old = session.path
    new = old.with_name("moved-by-git-mv.md")
    os.rename(old, new)
    qtbot.waitUntil(lambda: session.path == new.resolve(), timeout=5000)
    assert not session.gone and session.is_dirty() == dirty
    text, tip = _tab(workbench, session)
    assert "(deleted)" not in text and tip == str(new.resolve())
    assert "moved on disk to" in workbench.window.statusBar().currentMessage()
    assert not answers.asked
    if dirty:
        workbench.menu["save"].trigger()
        assert b"mastHead: EDITED\n" in new.read_bytes() and not old.exists()


SEED_TITLE_LINE = b"title: UK Launch  Implementation Plan For Genomic Healthcare System\n"


def _move_and_retitle(old: Path, name: str, title: bytes = b"Genome UK moved and edited") -> Path:
    """`git mv` then an edit, as one pull or one script does it before the window looks."""
    new = old.with_name(name)
    os.rename(old, new)
    new.write_bytes(new.read_bytes().replace(SEED_TITLE_LINE, b"title: " + title + b"\n"))
    return new


def test_moved_and_edited_clean_item_follows_by_id_and_reloads(qtbot, workbench: Workbench, answers) -> None:
    session = _session(workbench)
    new = _move_and_retitle(session.path, "renamed-and-edited.md")
    qtbot.waitUntil(lambda: session.document.get(("title",)) == "Genome UK moved and edited", timeout=5000)
    assert session.path == new.resolve() and not session.gone and not session.is_dirty()
    assert _tab(workbench, session) == ("Genome UK moved and edited", str(new.resolve()))
    assert workbench.window.windowTitle().startswith("Genome UK moved and edited[*] — site")
    assert "moved on disk to" in workbench.window.statusBar().currentMessage()
    assert not answers.asked


def test_moved_and_edited_dirty_item_asks_and_keeps_both_sides(qtbot, workbench: Workbench, answers) -> None:
    session = _session(workbench)
    _edit(session)
    new = _move_and_retitle(session.path, "renamed-and-edited.md")
    theirs = new.read_bytes()
    answers.reply("Merge…", to="external-change")
    qtbot.waitUntil(lambda: "external-change" in answers.names(), timeout=5000)
    assert session.path == new.resolve() and session.is_dirty() and not session.gone
    assert new.read_bytes() == theirs  # asked, never silently overwritten
    # The merge keeps both sides: their title, my masthead; saving writes them together.
    assert session.document.get(("mastHead",)) == "EDITED"
    assert session.document.get(("title",)) == "Genome UK moved and edited"
    workbench.menu["save"].trigger()
    assert b"mastHead: EDITED\n" in new.read_bytes() and b"title: Genome UK moved and edited\n" in new.read_bytes()
    assert not session.is_dirty()
    assert answers.names() == ["external-change"]  # asked once, and no crash report


def test_two_files_with_the_item_id_are_not_guessed_between(qtbot, workbench: Workbench, answers) -> None:
    session = _session(workbench)
    old = session.path
    twin = old.with_name("a-copy.md")
    twin.write_bytes(old.read_bytes().replace(SEED_TITLE_LINE, b"title: A copy with the same id\n"))
    workbench.library.refresh()
    answers.reply("Keep Open", to="item-gone")
    _move_and_retitle(old, "renamed-and-edited.md")
    qtbot.waitUntil(lambda: session.gone and "item-gone" in answers.names(), timeout=5000)
    assert session.path == old and _tab(workbench, session)[0].endswith("(deleted)")
    message = workbench.window.statusBar().currentMessage()
    assert "deleted on disk" in message and "not followed: 2 files have its id 5683" in message, message
    _no_crash(answers)
