"""Syntax colours for the HTML source tab: tags, attribute names and values, entities, comments."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from curator_app.gui import theme

_TAG = re.compile(r"</?[A-Za-z][\w:-]*|/?>")
_ATTR = re.compile(r"\s([A-Za-z_:][\w:.-]*)(?==)")
_VALUE = re.compile(r"=\s*(\"[^\"]*\"|'[^']*')")
_ENTITY = re.compile(r"&[#\w]+;")
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}")


def text_format(color: str | None, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    """A format in `color` made readable on the palette's text background (None: the
    palette's own text colour)."""
    f = QTextCharFormat()
    if color is not None:
        f.setForeground(theme.readable(color, theme.palette().color(QPalette.ColorRole.Base)))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    return f


class HtmlHighlighter(QSyntaxHighlighter):
    IN_COMMENT = 1

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.restyle()
        self.active = True  # off for Markdown bodies, where HTML colours would mislead

    def restyle(self) -> None:
        """Formats for the palette in use (again after the system switches light/dark)."""
        self.tag = text_format("#2f6fb0", bold=True)
        self.attr = text_format("#9a5b00")
        self.value = text_format("#237a3a")
        self.entity = text_format("#8e44ad")
        self.comment = text_format("#8a8a8a", italic=True)
        self.shortcode = text_format("#b0306f", bold=True)

    def set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if not self.active:
            return
        # Only inside tags do attribute names and values get colours.
        for tag in re.finditer(r"<[^<>]*>?", text):
            start = tag.start()
            chunk = tag.group(0)
            for m in _TAG.finditer(chunk):
                self.setFormat(start + m.start(), len(m.group(0)), self.tag)
            for m in _ATTR.finditer(chunk):
                self.setFormat(start + m.start(1), len(m.group(1)), self.attr)
            for m in _VALUE.finditer(chunk):
                self.setFormat(start + m.start(1), len(m.group(1)), self.value)
        for m in _ENTITY.finditer(text):
            self.setFormat(m.start(), len(m.group(0)), self.entity)
        for m in _SHORTCODE.finditer(text):
            self.setFormat(m.start(), len(m.group(0)), self.shortcode)
        self._comments(text)

    def _comments(self, text: str) -> None:
        self.setCurrentBlockState(0)
        start = 0 if self.previousBlockState() == self.IN_COMMENT else text.find("<!--")
        while start >= 0:
            end = text.find("-->", start)
            if end < 0:
                self.setFormat(start, len(text) - start, self.comment)
                self.setCurrentBlockState(self.IN_COMMENT)
                return
            self.setFormat(start, end + 3 - start, self.comment)
            start = text.find("<!--", end + 3)
