"""Review mode driven as a reviewer does: keys through the queue, notes, buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from support import paths
from support.git_repos import ITEM, OTHER, make_content_repo, save_edit

from curator_app.core.git.commit import commit_items
from curator_app.core.git.repo import ContentRepo
from curator_app.core.review.decisions import load_decisions
from curator_app.gui.review.mode import ReviewMode


@pytest.fixture
def history(tmp_path: Path) -> tuple[ContentRepo, str]:
    if not paths.SEED.is_file():
        pytest.skip("the shared seed item is absent")
    cr = make_content_repo(tmp_path, paths.SEED.read_bytes())
    first = str(cr.repo.head.target)
    save_edit(cr.folder / ITEM, title="Genomics plan for the UK")
    commit_items(cr, [cr.folder / ITEM], "Retitle")
    save_edit(cr.folder / OTHER, title="Zebra news")
    commit_items(cr, [cr.folder / OTHER], "Retitle other")
    return cr, first


def _titles(mode: ReviewMode) -> list[str]:
    return [mode.list.item(i).text().split("\n")[0] for i in range(mode.list.count())]


def test_step_through_decide_and_see_notes(qtbot, history) -> None:
    cr, first = history
    mode = ReviewMode()
    qtbot.addWidget(mode)
    mode.resize(1100, 700)
    mode.show()
    qtbot.keyClicks(mode.since, first)
    assert mode.open_folder(cr.folder)
    assert _titles(mode) == ["Genomics plan for the UK", "Zebra news"]
    assert "Genomics plan for the UK" in mode.detail.toPlainText()
    assert "Implementation Plan For Genomic" in mode.detail.toPlainText()  # the old title

    mode.list.setFocus()
    qtbot.keyClick(mode.list, Qt.Key.Key_J)
    assert mode.list.currentRow() == 1 and "Zebra news" in mode.detail.toPlainText()
    qtbot.keyClick(mode.list, Qt.Key.Key_K)
    assert mode.list.currentRow() == 0
    qtbot.keyClick(mode.list, Qt.Key.Key_Down)
    assert mode.list.currentRow() == 1

    # Requesting changes needs a note; the reviewer is told so, nothing is recorded.
    qtbot.mouseClick(mode.request_button, Qt.MouseButton.LeftButton)
    assert "needs a note" in mode.message.text()
    assert load_decisions(cr).decisions == []
    qtbot.keyClicks(mode.note, "Say where the news comes from")
    qtbot.mouseClick(mode.request_button, Qt.MouseButton.LeftButton)
    latest = load_decisions(cr).latest()
    assert latest[cr.rel(cr.folder / OTHER)].note == "Say where the news comes from"
    assert "Changes requested" in mode.list.item(1).text()
    assert mode.note.toPlainText() == ""

    qtbot.mouseClick(mode.approve_all_button, Qt.MouseButton.LeftButton)
    assert {d.verdict for d in load_decisions(cr).latest().values()} == {"approved"}
    assert all("Approved" in mode.list.item(i).text() for i in range(mode.list.count()))
    mode.list.setCurrentRow(1)
    assert "Say where the news comes from" in mode.detail.toPlainText()  # earlier notes stay visible


def test_filter_sort_and_status_choice(qtbot, history) -> None:
    cr, first = history
    mode = ReviewMode()
    qtbot.addWidget(mode)
    mode.since.setText(first)
    assert mode.open_folder(cr.folder)
    qtbot.keyClicks(mode.filter, "zebra")
    assert _titles(mode) == ["Zebra news"]
    mode.filter.clear()
    mode.sort.setCurrentText("title")
    assert _titles(mode) == ["Genomics plan for the UK", "Zebra news"]

    assert mode.set_status.isVisibleTo(mode)
    mode.list.setCurrentRow(0)
    mode.set_status.setChecked(True)
    before = (cr.folder / ITEM).read_bytes()
    qtbot.mouseClick(mode.approve_button, Qt.MouseButton.LeftButton)
    after = (cr.folder / ITEM).read_bytes()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [(b"status: ''", b"status: approved")]
    # The decision is about the bytes after the status edit: still approved, not "changed since".
    assert "Approved" in mode.list.item(0).text()


def test_default_base_stays_put_while_deciding(qtbot, history, tmp_path: Path) -> None:
    cr, _first = history
    mode = ReviewMode()
    qtbot.addWidget(mode)
    assert mode.open_folder(cr.folder)
    # No review yet and no upstream: uncommitted edits only; make one.
    save_edit(cr.folder / ITEM, title="Uncommitted title")
    save_edit(cr.folder / OTHER, title="Uncommitted other")
    qtbot.mouseClick(mode.reload_button, Qt.MouseButton.LeftButton)
    assert len(_titles(mode)) == 2
    mode.list.setCurrentRow(0)
    qtbot.mouseClick(mode.approve_button, Qt.MouseButton.LeftButton)
    assert len(_titles(mode)) == 2  # the other item did not vanish with the new "last review"
    assert mode.list.currentRow() == 1  # and the next one is selected


def test_not_a_repository_is_said_plainly(qtbot, tmp_path: Path) -> None:
    mode = ReviewMode()
    qtbot.addWidget(mode)
    assert not mode.open_folder(tmp_path)
    assert "not a git repository" in mode.message.text()


def test_review_opens_from_the_git_menu_and_opens_items_in_the_editor(qtbot, history) -> None:
    from support.workbench import close_workbench, open_workbench

    cr, first = history
    bench = open_workbench(qtbot, cr.folder)
    try:
        action = bench.menu["review"]
        assert action.isEnabled() and action.shortcut().toString() == "Ctrl+Shift+R"
        action.trigger()
        mode = bench.review
        assert mode is not None and mode.isWindow() and mode.isVisible()
        mode.since.setText(first)
        qtbot.mouseClick(mode.reload_button, Qt.MouseButton.LeftButton)
        assert _titles(mode) == ["Genomics plan for the UK", "Zebra news"]
        mode.list.setCurrentRow(1)
        qtbot.mouseClick(mode.open_button, Qt.MouseButton.LeftButton)
        session = bench.tabs.current_session()
        assert session is not None and session.document.get(("title",)) == "Zebra news"
    finally:
        close_workbench(bench)
