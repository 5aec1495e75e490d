"""With no item open, the editor's room says what to do instead of showing nothing."""

from __future__ import annotations

from pathlib import Path

from curator_app.gui.documents import DocumentTabs


def test_the_hint_shows_only_while_no_item_is_open(qtbot, seed_copy: Path) -> None:
    tabs = DocumentTabs()
    qtbot.addWidget(tabs)
    tabs.resize(700, 500)
    tabs.show()
    qtbot.waitExposed(tabs)
    hint = tabs.empty_hint
    assert hint.isVisible()
    assert "library list" in hint.text() and "Ctrl+N" in hint.text()
    assert hint.geometry().width() > 600 and hint.geometry().height() > 400  # fills the room

    session = tabs.open_path(seed_copy)
    assert session is not None
    assert not hint.isVisible()
    # A file Curator cannot parse opens read-only in a tab of its own: the room is not empty.
    broken = seed_copy.parent / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    tabs.open_path(broken)
    tabs.close_index(tabs.currentIndex())
    assert not hint.isVisible()
    while tabs.count():
        tabs.close_index(0)
    assert hint.isVisible()
