"""The main window lists a folder's items, shows the selected one and remembers its layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel

from curator_app.gui.app import create_application, resolve_start
from curator_app.gui.main_window import MainWindow, application_icon
from curator_app.gui.settings import Settings

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


def _titles(window: MainWindow) -> list[str]:
    return [window.item_list.item(i).text() for i in range(window.item_list.count())]


def test_window_lists_items_and_shows_selection(qtbot, two_items: Path) -> None:
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.open_folder(two_items)
    window.show()
    assert sorted(_titles(window)) == ["Alpha item about gardens", "Beta item on rivers"]
    window.select_path((two_items / "news" / "alpha.md").resolve())
    pane = window.item_pane
    assert pane.title_label.text() == "Alpha item about gardens"
    assert "Alpha body paragraph." in pane.body_view.toPlainText()
    assert "categories:" in pane.front_matter_view.toPlainText()
    assert "---" not in pane.front_matter_view.toPlainText()
    assert pane.front_matter_view.isReadOnly()
    assert window.windowTitle().replace("[*]", "") == "alpha.md — Curator"
    window.select_path((two_items / "beta.md").resolve())
    assert pane.title_label.text() == "Beta item on rivers"
    assert "<strong>text</strong>" in pane.body_view.toPlainText()
    assert window.windowTitle().replace("[*]", "") == "beta.md — Curator"
    assert window.count_label.text() == "2 items"
    assert window.folder_label.text() == str(two_items.resolve())


def test_title_falls_back_to_file_name_and_errors_show_in_pane(qtbot, tmp_path: Path) -> None:
    (tmp_path / "untitled.md").write_text("---\ndate: 2024-01-01\n---\nbody\n", encoding="utf-8")
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\nbody\n", encoding="utf-8")
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.open_folder(tmp_path)
    assert sorted(_titles(window)) == ["broken.md", "untitled.md"]
    window.select_path((tmp_path / "broken.md").resolve())
    error = window.item_pane.error_label
    assert not error.isHidden()
    assert "broken.md:" in error.text()
    # The raw front matter stays visible so the user can see what is wrong.
    assert "title: [oops" in window.item_pane.front_matter_view.toPlainText()


def test_file_argument_selects_that_item(qtbot, two_items: Path) -> None:
    settings = Settings()
    folder, select = resolve_start(str(two_items / "beta.md"), settings)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_folder(folder, select)
    assert window.current_path == (two_items / "beta.md").resolve()


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
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_folder(two_items)
    assert resolve_start(None, Settings())[0] == two_items.resolve()
    assert Settings().recent_folders()[0] == two_items.resolve()


def test_geometry_and_splitter_are_remembered(qtbot, two_items: Path) -> None:
    first = MainWindow(Settings())
    qtbot.addWidget(first)
    first.open_folder(two_items)
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


def test_centre_and_preview_panes_are_replaceable(qtbot, two_items: Path) -> None:
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    editor, preview = QLabel("editor"), QLabel("preview")
    window.set_centre_widget(editor)
    window.set_preview_widget(preview)
    assert window.splitter.widget(1) is editor
    assert window.splitter.widget(2) is preview


def test_menus_and_about(qtbot) -> None:
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Help"]
    about = window.about_text()
    assert "Qt 6." in about and "PySide6 6." in about


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
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.open_folder(tmp_content)
    expected = sorted((tmp_content / "content").rglob("*.md"))
    assert window.item_list.count() == len(expected) >= 5
    assert "built copy" not in _titles(window)
    assert window.current_path is not None
    assert window.item_pane.title_label.text() == _titles(window)[0]
