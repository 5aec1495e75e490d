"""Opening another folder with unsaved edits asks (Save All / Discard / Cancel, by title);
then the old folder's tabs close and the library, watcher and git follow the new folder.
A folder's open tabs come back when it is opened again, after a restart too."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.workbench import close_workbench, open_workbench

from curator_app.gui.main_window import MainWindow
from curator_app.gui.settings import Settings
from curator_app.gui.wiring import Workbench

TITLE = b"title: UK Launch  Implementation Plan For Genomic Healthcare System"


def _site(root: Path, seed: Path, names: list[str]) -> Path:
    folder = root / "content" / "news"
    folder.mkdir(parents=True)
    for n, name in enumerate(names):
        data = seed.read_bytes()
        (folder / name).write_bytes(data if n == 0 else data.replace(TITLE, TITLE + b" " + str(n).encode()))
    return root


@pytest.fixture
def sites(seed_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    return (_site(tmp_path / "first", seed_path, ["a.md", "b.md", "c.md"]),
            _site(tmp_path / "second", seed_path, ["z.md"]))


@pytest.fixture
def dirty_bench(qtbot, sites: tuple[Path, Path]) -> Workbench:
    bench = open_workbench(qtbot, sites[0])
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
    session = bench.tabs.current_session()
    assert session is not None
    session.edit("mast", lambda d: d.set(("mastHead",), "EDITED"))
    yield bench
    close_workbench(bench)


def _switch(qtbot, bench: Workbench, folder: Path) -> bool:
    with qtbot.waitSignal(bench.library.sig_loaded, timeout=20000, raising=False) as blocker:
        switched = bench.open_folder(folder)
        if not switched:
            blocker.signal_triggered = True  # nothing to wait for: the folder stays
    return switched


def test_cancel_keeps_everything(qtbot, dirty_bench: Workbench, sites, answers) -> None:
    first, second = sites
    session = dirty_bench.tabs.current_session()
    answers.reply("Cancel", to="switch-folder")
    assert not _switch(qtbot, dirty_bench, second)
    request = answers.asked[-1]
    assert request.choices == ("Save All", "Discard", "Cancel")
    assert "“UK Launch Implementation Plan For Genomic Healthcare System”" in request.text
    assert dirty_bench.folder == first.resolve()
    assert dirty_bench.tabs.sessions() == [session] and session is not None and session.is_dirty()
    assert dirty_bench.library.root is not None and dirty_bench.library.root.is_relative_to(first)


def test_save_all_writes_then_switches(qtbot, dirty_bench: Workbench, sites, answers) -> None:
    first, second = sites
    dirty_bench.menu["stamp_modified"].setChecked(False)
    answers.reply("Save All", to="switch-folder")
    assert _switch(qtbot, dirty_bench, second)
    assert b"mastHead: EDITED\n" in (first / "content" / "news" / "a.md").read_bytes()
    _assert_switched(qtbot, dirty_bench, second)


def test_discard_leaves_the_file_and_switches(qtbot, dirty_bench: Workbench, sites, answers, seed_path) -> None:
    first, second = sites
    answers.reply("Discard", to="switch-folder")
    assert _switch(qtbot, dirty_bench, second)
    assert (first / "content" / "news" / "a.md").read_bytes() == seed_path.read_bytes()
    _assert_switched(qtbot, dirty_bench, second)


def _assert_switched(qtbot, bench: Workbench, folder: Path) -> None:
    assert bench.folder == folder.resolve()
    assert bench.library.root is not None and bench.library.root.is_relative_to(folder.resolve())
    assert bench.library.watcher.root == bench.library.root
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
    assert [s.path.name for s in bench.tabs.sessions()] == ["z.md"]


def test_open_tabs_come_back_after_a_restart(qtbot, sites, answers) -> None:
    first, _second = sites
    news = first / "content" / "news"
    bench = open_workbench(qtbot, first)
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
    for name in ("b.md", "c.md"):
        bench.open_item(news / name)
    bench.tabs.setCurrentIndex(bench.tabs.index_of((news / "b.md").resolve()))
    close_workbench(bench)  # quitting remembers the tabs

    (news / "c.md").unlink()
    again = open_workbench(qtbot, first, preview=False)  # a new window on the same settings, as at start-up
    try:
        assert [s.path.name for s in again.tabs.sessions()] == ["a.md", "b.md"]
        current = again.tabs.current_session()
        assert current is not None and current.path.name == "b.md"
        assert "c.md" in again.window.statusBar().currentMessage()
        assert not answers.asked  # a missing item is noted, never asked about
    finally:
        close_workbench(again)


def test_at_start_up_the_tabs_come_back_before_git_and_the_preview(qtbot, sites, answers) -> None:
    """run_gui reopens the folder's tabs before the preview's engine starts (Chromium
    starting its processes slowed the first item's turn); their review notes and first
    lint still wait for git (start_git)."""
    first, _second = sites
    news = first / "content" / "news"
    bench = open_workbench(qtbot, first)
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
    bench.open_item(news / "b.md")
    close_workbench(bench)

    window = MainWindow(Settings())
    again = Workbench(window, Settings(), defer_preview=True)  # as run_gui makes it
    try:
        with qtbot.waitSignal(again.library.sig_loaded, timeout=20000):
            again.open_folder(first)
        assert again.tabs.count() == 0  # the tabs wait for the window
        again.reopen_tabs()
        # The item that was current opens in this turn, the others once start-up is over.
        assert [s.path.name for s in again.tabs.sessions()] == ["b.md"]
        assert again.preview is None and again.git.repo is None and again.tabs.held
        qtbot.wait(100)
        assert again.tabs.count() == 1
        again.start_git()
        assert not again.tabs.held
        qtbot.waitUntil(lambda: again.tabs.count() == 2, timeout=5000)
        assert [s.path.name for s in again.tabs.sessions()] == ["a.md", "b.md"]  # in their order, once
        current = again.tabs.current_session()
        assert current is not None and current.path.name == "b.md"  # still the one shown
    finally:
        close_workbench(again)


def test_switching_back_reopens_the_folders_tabs(qtbot, sites, answers) -> None:
    first, second = sites
    news = first / "content" / "news"
    bench = open_workbench(qtbot, first)
    try:
        qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
        bench.open_item(news / "c.md")
        assert _switch(qtbot, bench, second)
        qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
        assert _switch(qtbot, bench, first)
        assert [s.path.name for s in bench.tabs.sessions()] == ["a.md", "c.md"]
        current = bench.tabs.current_session()
        assert current is not None and current.path.name == "c.md"
    finally:
        close_workbench(bench)


def test_many_tabs_reopen_one_a_turn_in_order_and_are_remembered_meanwhile(qtbot, seed_path: Path,
                                                                              tmp_path: Path, answers) -> None:
    """At start-up the item that was current opens first and the folder's other tabs follow
    in the background, in their order (six in one turn froze the window for 0.4 s). Quitting
    before they are all back still remembers every one; opening another folder meanwhile
    stops them."""
    from curator_app.gui import folder_tabs

    names = ["a.md", "b.md", "c.md", "d.md", "e.md"]
    first = _site(tmp_path / "first", seed_path, names)
    second = _site(tmp_path / "second", seed_path, ["z.md"])
    news = first / "content" / "news"
    bench = open_workbench(qtbot, first)
    qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
    for name in names[1:]:
        bench.open_item(news / name)
    bench.tabs.setCurrentIndex(bench.tabs.index_of((news / "c.md").resolve()))
    close_workbench(bench)

    def restarted() -> Workbench:
        again = Workbench(MainWindow(Settings()), Settings(), defer_preview=True)  # as run_gui
        with qtbot.waitSignal(again.library.sig_loaded, timeout=20000):
            again.open_folder(first)
        again.reopen_tabs()
        assert [s.path.name for s in again.tabs.sessions()] == ["c.md"]  # the one shown, at once
        return again

    again = restarted()
    try:
        folder_tabs.remember(Settings(), first, again.tabs)  # a quit before the others are back
        assert Settings().open_items(first.resolve()) == ([f"content/news/{n}" for n in names], "content/news/c.md")
        again.start_git()  # start-up is over: they reopen
        qtbot.waitUntil(lambda: again.tabs.count() == len(names), timeout=10000)
        assert [s.path.name for s in again.tabs.sessions()] == names
        current = again.tabs.current_session()
        assert current is not None and current.path.name == "c.md"
    finally:
        close_workbench(again)

    again = restarted()
    try:
        again.start_git()
        assert _switch(qtbot, again, second)
        qtbot.wait(300)  # long enough for the first folder's waiting tabs to have opened
        assert not [s for s in again.tabs.sessions() if s.path.is_relative_to(first.resolve())]
        assert again.tabs.waiting_paths() == ([], [])
    finally:
        close_workbench(again)
