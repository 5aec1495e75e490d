"""The WYSIWYG text widget: paste as clean HTML or plain text, shortcuts the form needs."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget

_BLOCK_START = re.compile(r"<(p|h[1-6]|ul|ol|blockquote)[\s>]")

# Keys this widget would otherwise keep for itself (Ctrl+K deletes to end of line,
# Ctrl+Z is its own undo): they belong to the editor's actions and the session's stack.
PASS_THROUGH = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
)


def is_pass_through(event: QKeyEvent, extra: list[QKeySequence]) -> bool:
    if any(event.matches(k) for k in PASS_THROUGH):
        return True
    combo = QKeySequence(event.keyCombination())
    return any(seq.matches(combo) == QKeySequence.SequenceMatch.ExactMatch for seq in extra)


class RichTextEdit(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyRichEdit")
        self.setUndoRedoEnabled(False)  # undo lives on the session's stack
        self.setTabChangesFocus(True)
        self.setAcceptRichText(True)
        self.shortcuts: list[QKeySequence] = []
        self.paste_plain_next = False

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and is_pass_through(event, self.shortcuts)
        ):
            event.ignore()  # not claimed: the shortcut (action) gets it
            return True
        return super().event(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasHtml() or source.hasText() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Pasted HTML keeps only semantic markup; Ctrl+Shift+V pastes plain text."""
        cursor = self.textCursor()
        if source.hasHtml() and not self.paste_plain_next:
            from curator_app.core.paste.clean import clean_pasted_html  # on the first paste, not at start-up

            cleaned = clean_pasted_html(source.html())
            self._insert_blocks(cursor, cleaned)
        elif source.hasText():
            # Plain text: each line becomes its own paragraph, nothing else.
            lines = source.text().replace("\r\n", "\n").split("\n")
            if len(lines) == 1:
                cursor.insertText(lines[0])
            else:
                cursor.insertHtml("".join(f"<p>{html.escape(line)}</p>" for line in lines))
        self.paste_plain_next = False
        self.ensureCursorVisible()

    @staticmethod
    def _insert_blocks(cursor: QTextCursor, cleaned: str) -> None:
        if not _BLOCK_START.match(cleaned):
            cursor.insertHtml(cleaned)
            return
        # Qt merges the first pasted block into the paragraph at the cursor and drops its
        # block format: paste into a block of its own and give it the pasted heading level.
        pasted = QTextDocument()
        pasted.setHtml(cleaned)
        first = pasted.firstBlock().blockFormat()
        if cursor.block().length() > 1:
            cursor.insertBlock()
        start = cursor.block()
        cursor.insertHtml(cleaned)
        if first.headingLevel():
            fmt = start.blockFormat()
            fmt.setHeadingLevel(first.headingLevel())
            QTextCursor(start).setBlockFormat(fmt)

    def paste_plain(self) -> None:
        self.paste_plain_next = True
        self.paste()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Shift+Enter is a line break (<br>), Enter a new paragraph: say so explicitly.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.textCursor().insertText("\u2028")
            return
        super().keyPressEvent(event)
