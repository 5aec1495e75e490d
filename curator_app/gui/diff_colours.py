"""Colours for a unified diff, shared by the save diff, the recovery list and the git diff.

No git here: the save diff and the recovery dialog load before pygit2 does (start-up).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit

from curator_app.gui import theme

__all__ = ["DiffHighlighter"]


class DiffHighlighter(QSyntaxHighlighter):
    """Colours a unified diff: additions green, removals red, hunk headers blue, file headers
    dim; for the view's palette, and again when the system switches light/dark."""

    def __init__(self, view: QPlainTextEdit) -> None:
        super().__init__(view.document())
        self._view = view
        self.formats: dict[str, QTextCharFormat] = {}
        self._set_formats(theme.is_dark(view.palette()))
        theme.follow(view, self._recolour)

    def _recolour(self) -> None:
        self._set_formats(theme.is_dark())
        self.rehighlight()

    def _set_formats(self, dark: bool) -> None:
        palette = {
            # (foreground, background) tuned for light and dark bases.
            "add": ("#1b5e20", "#e6f4ea") if not dark else ("#a5d6a7", "#1e3323"),
            "del": ("#b71c1c", "#fdecea") if not dark else ("#ef9a9a", "#3b2022"),
            "hunk": ("#1565c0", None) if not dark else ("#90caf9", None),
            # File headers are dim: the lines that change are what a reader looks for.
            "file": ("#6e7781", None) if not dark else ("#8b949e", None),
            "note": ("#8a6d00", None) if not dark else ("#ffd54f", None),
        }
        for name, (fg, bg) in palette.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(fg))
            if bg is not None:
                fmt.setBackground(QColor(bg))
            if name == "hunk":
                fmt.setFontWeight(QFont.Weight.Bold)
            self.formats[name] = fmt

    @staticmethod
    def kind(line: str) -> str | None:
        if line.startswith(("+++ ", "--- ")):
            return "file"
        if line.startswith("@@"):
            return "hunk"
        if line.startswith("+"):
            return "add"
        if line.startswith("-"):
            return "del"
        if line.startswith("\\"):
            return "note"
        return None

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        kind = self.kind(text)
        if kind is not None:
            self.setFormat(0, len(text), self.formats[kind])
