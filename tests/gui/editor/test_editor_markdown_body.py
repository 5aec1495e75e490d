"""Markdown bodies open in Markdown mode: the toolbar writes Markdown and nothing becomes HTML."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from curator_app.gui.body.editor import RICH_TAB, SOURCE_TAB
from curator_app.gui.body.markdown_highlighter import MarkdownHighlighter

MD_ITEM = """---
title: Markdown item
draft: false
---
## Background

The quick brown fox reads the report.

Second paragraph with [a link](https://example.org) and {{< figure src="a.jpg" >}}.
"""


def _open(open_pane, tmp_path: Path, text: str = MD_ITEM):
    path = tmp_path / "md.md"
    path.write_bytes(text.encode("utf-8"))
    pane, session = open_pane(path)
    return path, pane, session


def _select(pane, word: str) -> None:
    source = pane.body.source
    start = source.toPlainText().index(word)
    cursor = source.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(word), QTextCursor.MoveMode.KeepAnchor)
    source.setTextCursor(cursor)
    source.setFocus()


def test_markdown_body_opens_in_markdown_mode(open_pane, tmp_path) -> None:
    _path, pane, _session = _open(open_pane, tmp_path)
    body = pane.body
    assert body.mode == "markdown"
    assert body.tabs.tabText(SOURCE_TAB) == "Markdown"
    assert body.tabs.currentIndex() == SOURCE_TAB and not body.tabs.isTabEnabled(RICH_TAB)
    assert isinstance(body.markdown_highlighter, MarkdownHighlighter)
    assert body.markdown_highlighter.document() is body.source.document()
    assert not body.highlighter.active
    assert body.toolbar.isEnabled() and body.actions_by_name["bold"].isEnabled()
    assert not body.actions_by_name["br"].isEnabled() and "toolbar writes Markdown" in body.notice.text()


def test_toolbar_bold_writes_markdown_on_one_line_only(open_pane, tmp_path, qtbot) -> None:
    path, pane, session = _open(open_pane, tmp_path)
    _select(pane, "quick")
    pane.body.actions_by_name["bold"].trigger()
    session.save()
    assert path.read_bytes().decode() == MD_ITEM.replace("The quick", "The **quick**")
    # The words stay selected, so a second press takes the bold off again.
    assert pane.body.source.textCursor().selectedText() == "quick"
    pane.body.actions_by_name["bold"].trigger()
    session.save()
    assert path.read_bytes().decode() == MD_ITEM


def test_heading_list_and_link_are_markdown_and_undo(open_pane, tmp_path, qtbot) -> None:
    path, pane, session = _open(open_pane, tmp_path)
    body = pane.body
    _select(pane, "quick")
    body.actions_by_name["h2"].trigger()
    body.actions_by_name["bullets"].trigger()
    _select(pane, "report")
    body.actions_by_name["link"].trigger()
    assert body.bar.isVisible()
    qtbot.keyClicks(body.bar.first, "https://e.org/r")
    qtbot.keyClick(body.bar.first, Qt.Key.Key_Return)
    session.save()
    expected = MD_ITEM.replace(
        "The quick brown fox reads the report.", "- The quick brown fox reads the [report](https://e.org/r)."
    )
    assert path.read_bytes().decode() == expected
    assert "<" not in session.document.body.replace("{{<", "")  # never turned into HTML
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.save()
    assert path.read_bytes().decode() == MD_ITEM


def test_typing_and_deleting_a_character_leaves_bytes_identical(open_pane, tmp_path, qtbot) -> None:
    text = MD_ITEM.replace("\n", "\r\n") + "\n\n*trailing*  \n"
    path, pane, session = _open(open_pane, tmp_path, text)
    original = path.read_bytes()
    _select(pane, "fox")
    cursor = pane.body.source.textCursor()
    cursor.clearSelection()
    pane.body.source.setTextCursor(cursor)
    qtbot.keyClicks(pane.body.source, "x")
    assert session.document.body != ""
    qtbot.keyClick(pane.body.source, Qt.Key.Key_Backspace)
    session.save(force=True)
    assert path.read_bytes() == original


def test_html_body_still_opens_in_rich_mode(open_pane, seed_copy) -> None:
    pane, _session = open_pane(seed_copy)
    assert pane.body.mode == "rich"
    assert pane.body.tabs.tabText(SOURCE_TAB) == "HTML source"
    assert pane.body.highlighter.active
    assert pane.body.markdown_highlighter.document() is None
