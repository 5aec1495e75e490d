"""Formatting operations on a QTextEdit's cursor, each writing only semantic formats."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit

from curator_app.gui.body.serialize import BLOCKQUOTE, LINE_SEPARATOR

# Qt's own look of <h1>..<h6> (font size steps), so headings made here look like loaded ones.
_HEADING_SIZE = {1: 3, 2: 2, 3: 1, 4: 0, 5: -1, 6: -2}


def _word_or_selection(edit: QTextEdit) -> QTextCursor:
    cursor = edit.textCursor()
    if not cursor.hasSelection():
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
    return cursor


def toggle_bold(edit: QTextEdit) -> None:
    cursor = _word_or_selection(edit)
    fmt = QTextCharFormat()
    bold = cursor.charFormat().fontWeight() >= QFont.Weight.DemiBold
    if cursor.hasSelection():
        # Whole selection bold already? Then this un-bolds it.
        bold = _all(cursor, lambda f: f.fontWeight() >= QFont.Weight.DemiBold)
    fmt.setFontWeight(QFont.Weight.Normal if bold else QFont.Weight.Bold)
    cursor.mergeCharFormat(fmt)
    edit.mergeCurrentCharFormat(fmt)


def toggle_italic(edit: QTextEdit) -> None:
    cursor = _word_or_selection(edit)
    italic = _all(cursor, lambda f: f.fontItalic()) if cursor.hasSelection() else cursor.charFormat().fontItalic()
    fmt = QTextCharFormat()
    fmt.setFontItalic(not italic)
    cursor.mergeCharFormat(fmt)
    edit.mergeCurrentCharFormat(fmt)


def _all(cursor: QTextCursor, test: Callable[[QTextCharFormat], bool]) -> bool:
    doc = cursor.document()
    probe = QTextCursor(doc)
    for pos in range(cursor.selectionStart() + 1, cursor.selectionEnd() + 1):
        probe.setPosition(pos)
        if not test(probe.charFormat()):
            return False
    return True


def set_heading(edit: QTextEdit, level: int) -> None:
    """level 1-6 makes the current block(s) a heading; 0 makes them a paragraph."""
    cursor = edit.textCursor()
    cursor.beginEditBlock()
    block_fmt = QTextBlockFormat()
    block_fmt.setHeadingLevel(level)
    cursor.mergeBlockFormat(block_fmt)
    # Display only: heading size and weight (the serializer ignores them in headings).
    span = QTextCursor(cursor)
    span.setPosition(cursor.selectionStart())
    span.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    end = QTextCursor(cursor)
    end.setPosition(cursor.selectionEnd())
    end.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    span.setPosition(end.position(), QTextCursor.MoveMode.KeepAnchor)
    char = QTextCharFormat()
    char.setProperty(QTextFormat.Property.FontSizeAdjustment, _HEADING_SIZE.get(level, 0))
    char.setFontWeight(QFont.Weight.Bold if level else QFont.Weight.Normal)
    span.mergeCharFormat(char)
    cursor.endEditBlock()


def toggle_list(edit: QTextEdit, style: QTextListFormat.Style) -> None:
    cursor = edit.textCursor()
    current = cursor.currentList()
    cursor.beginEditBlock()
    if current is not None and current.format().style() == style:
        block = cursor.block()
        current.remove(block)
        block_fmt = block.blockFormat()
        block_fmt.setIndent(0)
        cursor.setBlockFormat(block_fmt)
    elif current is not None:
        list_fmt = current.format()
        list_fmt.setStyle(style)
        current.setFormat(list_fmt)
    else:
        new_fmt = QTextListFormat()
        new_fmt.setStyle(style)
        cursor.createList(new_fmt)
    cursor.endEditBlock()


def toggle_blockquote(edit: QTextEdit) -> None:
    cursor = edit.textCursor()
    quoted = bool(cursor.blockFormat().property(BLOCKQUOTE)) or cursor.blockFormat().leftMargin() > 0
    fmt = QTextBlockFormat()
    if quoted:
        fmt.setProperty(BLOCKQUOTE, 0)
        fmt.setLeftMargin(0)
        fmt.setRightMargin(0)
    else:
        fmt.setProperty(BLOCKQUOTE, 1)
        fmt.setLeftMargin(40)
        fmt.setRightMargin(40)
    cursor.mergeBlockFormat(fmt)


def insert_line_break(edit: QTextEdit) -> None:
    edit.textCursor().insertText(LINE_SEPARATOR)


def link_at_cursor(edit: QTextEdit) -> tuple[str, str]:
    """(href, title) of the link under the cursor, or ("", "")."""
    fmt = edit.textCursor().charFormat()
    return (fmt.anchorHref(), fmt.toolTip()) if fmt.isAnchor() else ("", "")


def _link_span(edit: QTextEdit) -> QTextCursor:
    """The selection, or the whole link around the cursor."""
    cursor = edit.textCursor()
    if cursor.hasSelection():
        return cursor
    href = cursor.charFormat().anchorHref()
    if not href:
        return cursor
    block = cursor.block()
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.charFormat().anchorHref() == href and frag.position() <= cursor.position() <= frag.position() + frag.length():
            span = QTextCursor(edit.document())
            span.setPosition(frag.position())
            span.setPosition(frag.position() + frag.length(), QTextCursor.MoveMode.KeepAnchor)
            return span
        it += 1
    return cursor


def set_link(edit: QTextEdit, href: str, title: str = "") -> None:
    """Link the selection (or the link under the cursor); with nothing selected, insert the URL."""
    cursor = _link_span(edit)
    fmt = QTextCharFormat()
    fmt.setAnchor(True)
    fmt.setAnchorHref(href)
    fmt.setToolTip(title)
    fmt.setFontUnderline(True)
    fmt.setForeground(edit.palette().link())
    if cursor.hasSelection():
        cursor.mergeCharFormat(fmt)
    else:
        cursor.insertText(href, fmt)
        plain = QTextCharFormat()
        edit.setCurrentCharFormat(plain)


def recolour_links(doc: QTextDocument, old: QColor, new: QColor) -> None:
    """Links still drawn in the palette's `old` link colour take the `new` one."""
    if old == new:
        return
    spans = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            char = it.fragment().charFormat()
            if char.isAnchor() and char.foreground().color() == old:
                spans.append((it.fragment().position(), it.fragment().length()))
            it += 1
        block = block.next()
    colour = QTextCharFormat()
    colour.setForeground(new)
    for start, length in spans:  # after the walk: merging splits the fragments walked
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(colour)


def remove_link(edit: QTextEdit) -> None:
    cursor = _link_span(edit)
    if not cursor.hasSelection():
        return
    fmt = QTextCharFormat()
    fmt.setAnchor(False)
    fmt.setAnchorHref("")
    fmt.setToolTip("")
    fmt.setFontUnderline(False)
    fmt.clearForeground()
    cursor.mergeCharFormat(fmt)
    # mergeCharFormat cannot unset properties: clear them fragment by fragment.
    _clear_props(cursor, (QTextFormat.Property.AnchorHref, QTextFormat.Property.IsAnchor, QTextFormat.Property.TextToolTip,
                          QTextFormat.Property.ForegroundBrush, QTextFormat.Property.TextUnderlineStyle))


def _clear_props(cursor: QTextCursor, props: tuple[QTextFormat.Property, ...]) -> None:
    doc = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    pos = start
    while pos < end:
        probe = QTextCursor(doc)
        probe.setPosition(pos)
        probe.setPosition(pos + 1, QTextCursor.MoveMode.KeepAnchor)
        fmt = probe.charFormat()
        for p in props:
            fmt.clearProperty(p)
        probe.setCharFormat(fmt)
        pos += 1


def insert_image(edit: QTextEdit, src: str, alt: str = "") -> None:
    fmt = QTextImageFormat()
    fmt.setName(src)
    fmt.setProperty(QTextFormat.Property.ImageAltText, alt)
    edit.textCursor().insertImage(fmt)
