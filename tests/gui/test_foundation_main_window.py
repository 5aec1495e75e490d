"""The main window: opens a folder in the library, opens the chosen item, names it in the
title, remembers its layout and folders, and carries every menu with unambiguous keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QApplication
from support.alerts import ScriptedAnswers
from support.workbench import close_workbench, open_workbench

from curator_app.gui.app import create_application, resolve_start
from curator_app.gui.documents import RawView
from curator_app.gui.main_window import CENTRE, LIBRARY, MainWindow, application_icon
from curator_app.gui.settings import Settings
from curator_app.gui.wiring import Workbench

ALPHA = """---
title: 'Alpha item about gardens'
date: 2024-03-01T09:00:00Z
categories:
  - Science
---
<p>Alpha body paragraph.</p>
"""

BETA = """---
title: 'Beta item on rivers'
draft: false
---
<p>Beta body <strong>text</strong>.</p>
"""


@pytest.fixture
def two_items(tmp_path: Path) -> Path:
    folder = tmp_path / "items"
    (folder / "news").mkdir(parents=True)
    (folder / "news" / "alpha.md").write_text(ALPHA, encoding="utf-8")
    (folder / "beta.md").write_text(BETA, encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "ignored.md").write_text("---\ntitle: 'hidden'\n---\n", encoding="utf-8")
    return folder


@pytest.fixture
def bench(qtbot, two_items: Path) -> Iterator[Workbench]:
    bench = open_workbench(qtbot, two_items)
    yield bench
    close_workbench(bench)


def _listed_titles(bench: Workbench) -> list[str]:
    return sorted(item.title for item in bench.library.model.all_items())


def test_window_lists_items_and_opens_the_chosen_one(qtbot, bench: Workbench, two_items: Path) -> None:
    qtbot.waitUntil(lambda: len(bench.library.model.all_items()) == 2, timeout=10000)
    assert _listed_titles(bench) == ["Alpha item about gardens", "Beta item on rivers"]
    window = bench.window
    assert window.splitter.widget(LIBRARY) is bench.library
    assert window.splitter.widget(CENTRE).isAncestorOf(bench.tabs)
    bench.open_item(two_items / "news" / "alpha.md")
    session = bench.tabs.current_session()
    assert session is not None and session.document.get(("title",)) == "Alpha item about gardens"
    assert window.windowTitle().replace("[*]", "") == f"Alpha item about gardens — {two_items.name} — Curator"
    bench.open_item(two_items / "beta.md")
    assert window.windowTitle().replace("[*]", "") == f"Beta item on rivers — {two_items.name} — Curator"
    assert bench.tabs.count() == 2
    assert window.folder_label.text() == str(two_items.resolve())


def test_an_item_that_cannot_be_read_opens_read_only_with_its_error(qtbot, tmp_path: Path) -> None:
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\nbody\n", encoding="utf-8")
    bench = open_workbench(qtbot, tmp_path)
    try:
        assert bench.open_item(tmp_path / "broken.md") is None
        view = bench.tabs.currentWidget()
        assert isinstance(view, RawView)
        assert "broken.md:" in view.error_label.text()
        assert not bench.menu["save"].isEnabled()
    finally:
        close_workbench(bench)
    assert (tmp_path / "broken.md").read_text(encoding="utf-8") == "---\ntitle: [oops\n---\nbody\n"


def test_file_argument_opens_that_item(qtbot, two_items: Path) -> None:
    settings = Settings()
    folder, select = resolve_start(str(two_items / "beta.md"), settings)
    window = MainWindow(settings)
    bench = Workbench(window, settings)
    try:
        with qtbot.waitSignal(bench.library.sig_loaded, timeout=20000):
            bench.open_folder(folder, select)
        session = bench.tabs.current_session()
        assert session is not None and session.path == (two_items / "beta.md").resolve()
    finally:
        close_workbench(bench)


def test_no_path_opens_last_folder_then_first_run_workspace(qtbot, two_items: Path, content_dir: Path) -> None:
    import platformdirs
    import pygit2

    settings = Settings()
    folder, _ = resolve_start(None, settings)
    # Nothing remembered yet: a git-tracked copy of the bundled sample in Documents/Curator.
    assert folder == Path(platformdirs.user_documents_dir()) / "Curator"
    repo = pygit2.Repository(str(folder))
    assert not repo.head_is_unborn and repo.status() == {}
    sample = sorted(p.relative_to(content_dir) for p in (content_dir / "content").rglob("*.md"))
    assert sample and sorted(p.relative_to(folder) for p in (folder / "content").rglob("*.md")) == sample
    for rel in sample:
        assert (folder / rel).read_bytes() == (content_dir / rel).read_bytes()
    bench = open_workbench(qtbot, two_items)
    close_workbench(bench)
    assert resolve_start(None, Settings())[0] == two_items.resolve()
    assert Settings().recent_folders()[0] == two_items.resolve()


def test_recent_folders_menu_reopens_a_folder(qtbot, bench: Workbench, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    bench.open_folder(other)
    menu = bench.menu
    menu.recent_menu.aboutToShow.emit()
    entry = next(a for a in menu.recent_menu.actions() if a.text() == str(bench.settings.recent_folders()[1]))
    entry.trigger()
    assert bench.folder == bench.settings.recent_folders()[0] != other.resolve()


def test_open_folder_asks_for_the_folder(qtbot, bench: Workbench, tmp_path: Path, answers: ScriptedAnswers) -> None:
    other = tmp_path / "chosen"
    other.mkdir()
    answers.reply(other, to="choose-folder")
    bench.menu["open_folder"].trigger()
    assert bench.folder == other.resolve()
    assert bench.window.folder_label.text() == str(other.resolve())


def test_geometry_and_splitter_are_remembered(qtbot) -> None:
    first = MainWindow(Settings())
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    # Inside the offscreen platform's 800x600 screen, which clamps restored geometry.
    wanted = QRect(40, 50, 700, 480)
    first.setGeometry(wanted)
    first.splitter.setSizes([200, 500, 300])
    qtbot.waitUntil(lambda: first.geometry().size() == wanted.size())
    sizes = first.splitter.sizes()
    geometry = first.geometry()
    first.close()

    second = MainWindow(Settings())
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.geometry() == geometry
    assert second.splitter.sizes() == sizes


def test_menus_shortcuts_and_about(qtbot, bench: Workbench, answers: ScriptedAnswers) -> None:
    window = bench.window
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "Item", "Git", "View", "Help"]
    menu = bench.menu
    assert menu["open_folder"].shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert menu["quit"].shortcut().toString() == "Ctrl+Q"
    assert menu["redo"].shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    # One action per key: a key bound twice triggers neither ("Ambiguous shortcut overload").
    seen: dict[str, str] = {}
    for name, action in menu:
        for key in action.shortcuts():
            assert key.toString() not in seen, f"{key.toString()}: {name} and {seen[key.toString()]}"
            seen[key.toString()] = name
    menu["about"].trigger()
    [about] = answers.told()
    assert "Qt 6." in about.text and "PySide6 6." in about.text


def test_application_icon_has_all_sizes(qapp) -> None:
    icon = application_icon()
    assert not icon.isNull()
    sizes = sorted(s.width() for s in icon.availableSizes())
    assert sizes == [16, 32, 48, 64, 128, 256, 512]
    assert create_application() is QApplication.instance()
    assert isinstance(QApplication.windowIcon(), QIcon)


def test_bundled_site_lists_its_content_items(qtbot, tmp_content: Path) -> None:
    # content/ is a Hugo site root: items come from content/content/, not from public/.
    (tmp_content / "public").mkdir(exist_ok=True)
    (tmp_content / "public" / "stray.md").write_text("---\ntitle: 'built copy'\n---\n", encoding="utf-8")
    bench = open_workbench(qtbot, tmp_content)
    try:
        expected = sorted((tmp_content / "content").rglob("*.md"))
        qtbot.waitUntil(lambda: len(bench.library.model.all_items()) >= 5, timeout=20000)
        assert len(bench.library.model.all_items()) == len(expected)
        assert "built copy" not in _listed_titles(bench)
        qtbot.waitUntil(lambda: bench.tabs.current_session() is not None, timeout=5000)
        session = bench.tabs.current_session()
        assert session is not None and session.content_root == (tmp_content / "content").resolve()
    finally:
        close_workbench(bench)


def test_remembered_folder_is_seen_at_once_and_written_to_the_file_shortly(qtbot, tmp_path: Path) -> None:
    """Opening a folder and its item at start-up write the settings file once, shortly
    after, not once each before the window shows (each write syncs the disk)."""
    import subprocess
    import sys

    from curator_app.gui.settings import SYNC_DELAY_MS, open_settings

    folder, item = tmp_path / "content", tmp_path / "content" / "a.md"
    folder.mkdir()
    item.write_text(ALPHA, encoding="utf-8")
    store = open_settings()
    settings = Settings(store)
    written = Path(store.fileName())
    before = written.stat().st_mtime_ns if written.exists() else None
    settings.remember_folder(folder)
    settings.remember_file(item)
    assert (written.stat().st_mtime_ns if written.exists() else None) == before  # not written yet
    assert Settings().last_folder() == folder.resolve()  # this process sees it at once
    assert Settings().recent_files()[0] == item.resolve()
    qtbot.wait(SYNC_DELAY_MS + 300)
    # Another process (the next start) reads both from the file.
    code = ("import sys; from PySide6.QtCore import QSettings;"
            "s = QSettings(sys.argv[1], QSettings.Format.IniFormat);"
            "print(s.value('folders/last')); print(s.value('files/recent'))")
    out = subprocess.run([sys.executable, "-c", code, str(written)], capture_output=True, text=True, check=True,
                         timeout=60)
    assert out.stdout.split("\n")[:2] == [str(folder.resolve()), str(item.resolve())]
