"""Red wavy underlines under misspelt words: a syntax highlighter for text documents (the
body views, long text fields) and an overlay for one-line fields, plus the context menu."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QStyleOptionFrame, QTextEdit, QWidget

from curator_app.gui import theme
from curator_app.gui.spell.service import SpellService, spell_service

UNDERLINE = "#dc1e1e"


def underline_colour() -> QColor:
    """Red, and as readable on the palette's text background as body text."""
    return theme.readable(UNDERLINE, theme.palette().color(theme.QPalette.ColorRole.Base))


class SpellHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, service: SpellService | None = None) -> None:
        super().__init__(document)
        self.service = service or spell_service()
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.underline.setUnderlineColor(underline_colour())
        self.service.sig_changed.connect(self.rehighlight)

    def recolour(self) -> None:
        """The system switched light/dark: the underline is made readable again."""
        self.underline.setUnderlineColor(underline_colour())
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        for m in self.service.misspellings(text):
            self.setFormat(m.start, m.end - m.start, self.underline)


class LineUnderline(QWidget):
    """Draws over a QLineEdit without taking its mouse or focus."""

    def __init__(self, edit: QLineEdit, service: SpellService | None = None) -> None:
        super().__init__(edit)
        self.edit = edit
        self.service = service or spell_service()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for signal in (edit.textChanged, edit.cursorPositionChanged):
            signal.connect(self.update)
        self.service.sig_changed.connect(self.update)
        self.resize(edit.size())
        edit.installEventFilter(self)
        self.show()

    def eventFilter(self, obj: object, event: object) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent

        if obj is self.edit and getattr(event, "type", lambda: None)() == QEvent.Type.Resize:
            self.resize(self.edit.size())
        return False

    def _text_rect(self) -> QRect:
        from PySide6.QtWidgets import QStyle  # at the first paint, not at start-up (documents.py)

        option = QStyleOptionFrame()
        self.edit.initStyleOption(option)
        rect = self.edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self.edit)
        m = self.edit.textMargins()
        return rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())

    def x_of(self, index: int) -> int:
        """Where character `index` starts, allowing for the field's horizontal scroll."""
        fm = self.edit.fontMetrics()
        text = self.edit.displayText()
        rect = self._text_rect()
        cursor = self.edit.cursorPosition()
        scroll = rect.x() + fm.horizontalAdvance(text[:cursor]) - self.edit.cursorRect().center().x()
        return rect.x() + fm.horizontalAdvance(text[:index]) - max(scroll, 0) + 2

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        found = self.service.misspellings(self.edit.displayText())
        if not found:
            return
        painter = QPainter(self)
        painter.setPen(QPen(underline_colour(), 1))
        rect = self._text_rect()
        y = rect.center().y() + self.edit.fontMetrics().ascent() // 2 + 2
        for m in found:
            x0, x1 = max(self.x_of(m.start), rect.left()), min(self.x_of(m.end), rect.right())
            x = x0
            while x < x1:  # a small zig-zag, like the platform's spelling underline
                painter.drawLine(x, y, x + 2, y + 2)
                painter.drawLine(x + 2, y + 2, x + 4, y)
                x += 4
        painter.end()


def _word_range(text: str, index: int) -> tuple[int, int]:
    start = index
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’"):
        start -= 1
    end = index
    while end < len(text) and (text[end].isalpha() or text[end] in "'’"):
        end += 1
    return start, end


def spelling_menu(menu: QMenu, word: str, replace: object, service: SpellService | None = None) -> None:
    """Put suggestions, Add to Dictionary and Ignore at the top of a context menu."""
    service = service or spell_service()
    if not word or not service.is_misspelt(word):
        return
    first = menu.actions()[0] if menu.actions() else None
    suggestions = service.suggest(word)
    for s in suggestions or ["(no suggestions)"]:
        action = menu.addAction(s)
        action.setEnabled(bool(suggestions))
        action.triggered.connect(lambda _=False, s=s: replace(s))  # type: ignore[operator]
        if first is not None:
            menu.insertAction(first, action)
    add = menu.addAction(f"Add “{word}” to Dictionary")
    add.triggered.connect(lambda: service.add_word(word))
    ignore = menu.addAction("Ignore in This Item")
    ignore.triggered.connect(lambda: service.ignore(word))
    if first is not None:
        menu.insertAction(first, add)
        menu.insertAction(first, ignore)
        menu.insertSeparator(first)


def line_edit_menu(edit: QLineEdit, pos: QPoint) -> QMenu:
    menu = edit.createStandardContextMenu()
    index = edit.cursorPositionAt(pos)
    start, end = _word_range(edit.text(), index)

    def replace(new: str) -> None:
        edit.setSelection(start, end - start)
        edit.insert(new)  # goes through the field's edit signal, so it is one undoable edit

    spelling_menu(menu, edit.text()[start:end], replace)
    return menu


def text_edit_menu(view: QTextEdit | QPlainTextEdit, pos: QPoint) -> QMenu:
    menu = view.createStandardContextMenu(pos)
    cursor = view.cursorForPosition(pos)
    cursor.select(QTextCursor.SelectionType.WordUnderCursor)
    word = cursor.selectedText()

    def replace(new: str) -> None:
        cursor.insertText(new)

    spelling_menu(menu, word, replace)
    return menu


class _MenuFilter(QWidget):
    """Replaces a widget's context menu with one that starts with spelling suggestions."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.hide()
        self.target = target
        target.installEventFilter(self)
        if isinstance(target, QTextEdit | QPlainTextEdit):
            target.viewport().installEventFilter(self)

    def eventFilter(self, obj: object, event: object) -> bool:  # noqa: N802
        if not isinstance(event, QContextMenuEvent):
            return False
        t = self.target
        menu = line_edit_menu(t, event.pos()) if isinstance(t, QLineEdit) else text_edit_menu(t, event.pos())  # type: ignore[arg-type]
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
        return True


def check_spelling(widget: QLineEdit | QTextEdit | QPlainTextEdit) -> None:
    """Underline misspellings in the widget and offer suggestions on right-click."""
    if isinstance(widget, QLineEdit):
        LineUnderline(widget)
    else:
        highlighter = SpellHighlighter(widget.document())  # owned by the document
        theme.follow(widget, highlighter.recolour)
    _MenuFilter(widget)
