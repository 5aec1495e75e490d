"""Syntax colours for a Markdown body: headings, emphasis, links, code, lists, quotes, shortcodes."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject
from PySide6.QtGui import QSyntaxHighlighter

from curator_app.gui.body.highlighter import text_format

_HEADING = re.compile(r"^ {0,3}#{1,6}(\s.*)?$")
_LIST = re.compile(r"^\s*([-*+]|\d+[.)])\s")
_QUOTE = re.compile(r"^ {0,3}>.*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![*_\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*_\w])")
_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")
_CODE = re.compile(r"(`+)[^`].*?\1")
_SHORTCODE = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}")


class MarkdownHighlighter(QSyntaxHighlighter):
    IN_FENCE = 1

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)  # attached to a document with setDocument when in use
        self.restyle()

    def restyle(self) -> None:
        """Formats for the palette in use (again after the system switches light/dark)."""
        self.heading = text_format("#2f6fb0", bold=True)
        self.strong = text_format(None, bold=True)
        self.emph = text_format(None, italic=True)
        self.link = text_format("#237a3a")
        self.code = text_format("#8e44ad")
        self.marker = text_format("#9a5b00", bold=True)
        self.quote = text_format("#6b6b6b", italic=True)
        self.shortcode = text_format("#b0306f", bold=True)

    def highlightBlock(self, text: str) -> None:
        # Inside a fenced code block nothing else is Markdown.
        in_fence = self.previousBlockState() == self.IN_FENCE
        fence = _FENCE.match(text)
        if in_fence or fence:
            self.setFormat(0, len(text), self.code)
            self.setCurrentBlockState(self.IN_FENCE if in_fence != bool(fence) else 0)
            return
        self.setCurrentBlockState(0)
        if _HEADING.match(text):
            self.setFormat(0, len(text), self.heading)
        elif _QUOTE.match(text):
            self.setFormat(0, len(text), self.quote)
        m = _LIST.match(text)
        if m:
            self.setFormat(m.start(1), len(m.group(1)), self.marker)
        for rx, f in ((_EMPH, self.emph), (_STRONG, self.strong), (_LINK, self.link), (_CODE, self.code), (_SHORTCODE, self.shortcode)):
            for hit in rx.finditer(text):
                self.setFormat(hit.start(), hit.end() - hit.start(), f)
