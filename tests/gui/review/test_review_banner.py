"""Curators see reviewers' notes, and "changed since approved", on the item in the editor."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from support import paths
from support.editor_fixtures import type_at_end_of_title
from support.git_repos import ITEM, OTHER, make_content_repo
from support.workbench import close_workbench, open_workbench

from curator_app.core.review.decisions import APPROVED, CHANGES_REQUESTED, record_decisions
from curator_app.gui.main_window import MainWindow

NOTE = "Say where the figures come from"


@pytest.fixture
def reviewed(tmp_path: Path):
    if not paths.SEED.is_file():
        pytest.skip("the shared seed item is absent")
    cr = make_content_repo(tmp_path, paths.SEED.read_bytes())
    when = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    record_decisions(cr, [(cr.rel(cr.folder / ITEM), CHANGES_REQUESTED, NOTE)], now=when)
    record_decisions(cr, [(cr.rel(cr.folder / OTHER), APPROVED, "")], now=when)
    return cr


def test_notes_show_above_the_form_of_the_item_they_concern(qtbot, reviewed) -> None:
    cr = reviewed
    bench = open_workbench(qtbot, cr.folder)
    try:
        bench.open_item(cr.folder / ITEM)
        banner = bench.tabs.current_editor().review_banner
        qtbot.waitUntil(banner.isVisible, timeout=5000)
        text = banner.text()
        assert "Changes requested by Alice on 2026-11-30" in text
        assert f"Alice (asked for changes, 2026-11-30): {NOTE}" in text
        # Above the form: nearer the top of the pane than the title field.
        pane = bench.tabs.current_editor()
        title = pane.form.editor("title")
        assert banner.mapTo(pane, banner.rect().topLeft()).y() < title.mapTo(pane, title.rect().topLeft()).y()
    finally:
        close_workbench(bench)


def test_editing_an_approved_item_says_changed_since_approved(qtbot, reviewed) -> None:
    cr = reviewed
    bench = open_workbench(qtbot, cr.folder)
    try:
        session = bench.open_item(cr.folder / OTHER)
        pane = bench.tabs.current_editor()
        banner = pane.review_banner
        qtbot.waitUntil(banner.isVisible, timeout=5000)
        assert "Approved by Alice on 2026-11-30" in banner.text()
        type_at_end_of_title(qtbot, pane, " today")
        qtbot.waitUntil(lambda: "Changed since approved" in banner.text(), timeout=5000)
        assert "before the latest edits" in banner.text()
        # Undo back to the approved bytes: approved again.
        session.undo_stack.undo()
        qtbot.waitUntil(lambda: banner.text().startswith("<b>Review: Approved"), timeout=5000)
    finally:
        close_workbench(bench)


def test_an_item_nobody_reviewed_has_no_banner(qtbot, tmp_path: Path) -> None:
    if not paths.SEED.is_file():
        pytest.skip("the shared seed item is absent")
    cr = make_content_repo(tmp_path, paths.SEED.read_bytes())
    bench = open_workbench(qtbot, cr.folder)
    try:
        bench.open_item(cr.folder / ITEM)
        pane = bench.tabs.current_editor()
        qtbot.waitUntil(lambda: pane.problems_label.text() != "Problems", timeout=5000)
        assert not pane.review_banner.isVisible()
    finally:
        close_workbench(bench)


def test_at_start_up_the_banner_and_the_first_lint_wait_for_git_then_show(qtbot, reviewed) -> None:
    """Reading review notes loads git, which start-up leaves until the first preview has
    painted: an item opened before that shows its banner once start_git has run. Its first
    lint waits as well (the preview lints on its worker thread meanwhile)."""
    from curator_app.gui.settings import Settings
    from curator_app.gui.wiring import Workbench

    cr = reviewed
    window = MainWindow(Settings())
    bench = Workbench(window, Settings(), defer_preview=True)  # as run_gui builds it
    try:
        with qtbot.waitSignal(bench.library.sig_loaded, timeout=20000):
            bench.open_folder(cr.folder, cr.folder / ITEM)
        window.show()
        pane = bench.tabs.current_editor()
        qtbot.wait(200)  # the event loop runs: neither the notes nor the first lint are read
        assert pane.review_banner.held and not pane.review_banner.isVisible()
        assert pane.lint_held and pane.problems_label.text() == "Problems" and pane.findings == []
        bench.start_git()
        qtbot.waitUntil(pane.review_banner.isVisible, timeout=5000)
        qtbot.waitUntil(lambda: pane.problems_label.text() != "Problems", timeout=5000)
        assert not pane.lint_held and pane.findings
        assert "Changes requested by Alice on 2026-11-30" in pane.review_banner.text()
        # Items opened from then on read their notes at once.
        bench.open_item(cr.folder / OTHER)
        other = bench.tabs.current_editor()
        assert not other.review_banner.held
        qtbot.waitUntil(other.review_banner.isVisible, timeout=5000)
    finally:
        close_workbench(bench)
