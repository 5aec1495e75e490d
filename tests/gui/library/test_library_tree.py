"""The library pane and its folder watcher use the content tree: a site root lists and
watches its content folder, and a new item lands there, where Hugo builds it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.site_tree import SiteTree, make_site_tree

from curator_app.core.library.search import SavedFilters
from curator_app.core.site import tree
from curator_app.gui.library import LibraryPane

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def pane(qtbot, tmp_path: Path) -> Iterator[LibraryPane]:
    widget = LibraryPane(saved_filters=SavedFilters(tmp_path / "filters.json"), poll_ms=0)
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def test_site_root_lists_watches_and_creates_in_its_content_folder(
    qtbot, pane: LibraryPane, tmp_path: Path
) -> None:
    trees: SiteTree = make_site_tree(tmp_path)
    with qtbot.waitSignal(pane.sig_loaded, timeout=20000):
        pane.open_folder(trees.site)
    assert pane.root == trees.content.resolve()
    assert {i.path for i in pane.items()} == trees.site_items
    assert set(pane.watcher.watched_folders()) == set(tree.folders(trees.content.resolve()))

    dialog = pane.new_item_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    # The content folder's sections (never its hidden or tool folders), then its top level.
    sections = [dialog.section.itemData(i) for i in range(dialog.section.count())]
    assert sections == ["docs", "linked", "news", ""]
    qtbot.keyClicks(dialog.title, "Fresh item")
    dialog.section.setCurrentIndex(dialog.section.findData(""))
    with qtbot.waitSignal(pane.sig_item_activated, timeout=5000) as created:
        dialog.create_from_inputs()
    path: Path = created.args[0]
    assert path == trees.content.resolve() / "fresh-item.md" and path.is_file()
    qtbot.waitUntil(lambda: len(pane.items()) == len(trees.site_items) + 1, timeout=20000)


def test_plain_folder_is_its_own_root(qtbot, pane: LibraryPane, tmp_path: Path) -> None:
    trees = make_site_tree(tmp_path)
    with qtbot.waitSignal(pane.sig_loaded, timeout=20000):
        pane.open_folder(trees.plain)
    assert {i.path for i in pane.items()} == trees.plain_items
    assert set(pane.watcher.watched_folders()) == set(tree.folders(trees.plain.resolve()))
