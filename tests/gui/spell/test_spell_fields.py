"""Spell checking in the editor: underlines, suggestions, Add to Dictionary, Ignore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCharFormat

from curator_app.gui.spell.service import spell_service
from curator_app.gui.spell.underline import LineUnderline, line_edit_menu

ITEM = """---
title: Hospitals recieve new fundng
language: en-GB
source: https://example.org/recieve-fundng
---
<p>The colour of teh money.</p>
"""


def _wait_for_dictionary(qtbot, language: str) -> None:
    """The dictionary loads on a worker thread; the window goes on meanwhile."""
    service = spell_service()
    qtbot.waitUntil(lambda: service.checker is not None and service.checker.language == language, timeout=10000)


def _underlined(document) -> list[str]:
    words = []
    block = document.firstBlock()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                words.append(block.text()[r.start : r.start + r.length])
        block = block.next()
    return words


def test_body_and_title_underlines_and_suggestion_replaces_through_the_session(open_pane, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "item.md"
    path.write_text(ITEM, encoding="utf-8")
    pane, session = open_pane(path)
    _wait_for_dictionary(qtbot, "en_GB")
    qtbot.waitUntil(lambda: _underlined(pane.body.rich.document()) == ["teh"])  # "colour" is right in en_GB
    title = pane.form.editor("title").edit
    overlay = title.findChild(LineUnderline)
    assert overlay is not None
    assert [m.word for m in spell_service().misspellings(title.text())] == ["recieve", "fundng"]
    assert overlay.x_of(10) < overlay.x_of(17)  # "recieve" sits left of its end
    assert pane.form.editor("source") is not None and pane.form.editor("source").edit.findChild(LineUnderline) is None

    title.setCursorPosition(12)  # inside "recieve"
    at = title.cursorRect().center()
    menu = line_edit_menu(title, at)
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "receive" and "Add “recieve” to Dictionary" in labels and "Ignore in This Item" in labels
    menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: session.document.get("title") == "Hospitals receive new fundng")
    session.undo_stack.undo()
    assert session.document.get("title") == "Hospitals recieve new fundng"


def test_add_to_dictionary_and_ignore(open_pane, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "item.md"
    path.write_text(ITEM, encoding="utf-8")
    pane, _session = open_pane(path)
    _wait_for_dictionary(qtbot, "en_GB")
    service = spell_service()
    service.add_word("fundng")
    assert "fundng" in service.checker.personal.read_text().split()
    service.ignore("teh")
    assert _underlined(pane.body.rich.document()) == []
    assert [m.word for m in service.misspellings("recieve fundng teh")] == ["recieve"]
    other = tmp_path / "other.md"
    other.write_text(ITEM.replace("title:", "slug: x\ntitle:"), encoding="utf-8")
    open_pane(other)  # another item: its own ignores
    assert [m.word for m in service.misspellings("teh")] == ["teh"]


def test_held_service_underlines_nothing_until_released_then_the_items_language(open_pane, tmp_path: Path,
                                                                               qtbot) -> None:
    """At start-up the dictionary waits for the window's first paint (gui/app.py holds it)."""
    path = tmp_path / "item.md"
    path.write_text(ITEM, encoding="utf-8")
    service = spell_service()
    service.checker = None  # as in a new process
    service.hold()
    try:
        pane, _session = open_pane(path)
        assert service.checker is None
        assert _underlined(pane.body.rich.document()) == []
        assert not service.loading()  # held: not even started
    finally:
        service.release()
    _wait_for_dictionary(qtbot, "en_GB")
    qtbot.waitUntil(lambda: _underlined(pane.body.rich.document()) == ["teh"])


def test_a_language_loads_on_a_worker_thread_then_underlines(qtbot) -> None:
    from curator_app.gui.spell.service import SpellService

    service = SpellService()
    shown = []
    service.sig_changed.connect(lambda: shown.append(service.checker))
    service.open_item("a.md", "en_GB")
    assert service.checker is None and service.loading()  # the window's thread went on
    qtbot.waitUntil(lambda: service.checker is not None, timeout=10000)
    assert service.checker.language == "en_GB" and shown[-1] is service.checker
    assert service.misspellings("teh colour") == [m for m in service.misspellings("teh colour") if m.word == "teh"]
    service.open_item("b.md", "en_US")
    assert service.checker is None  # no British underlines in an American item meanwhile
    qtbot.waitUntil(lambda: service.checker is not None and service.checker.language == "en_US", timeout=10000)
    assert [m.word for m in service.misspellings("teh colour")] == ["teh", "colour"]
