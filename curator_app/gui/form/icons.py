"""Icons for the editor: QtAwesome glyphs, pre-rendered to PNG (scripts/render_glyphs.py).

Importing QtAwesome costs more than the rest of the editor's imports together, and the
editor is built before the first item shows, so the glyphs are loaded from PNGs; a name
that was not rendered falls back to QtAwesome (correct, only slower). Each icon is built
once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap

from curator_app.gui import theme
from curator_app.resources import resource_path

SEVERITY_ICONS = {
    "error": ("fa5s.exclamation-circle", "#c62828"),
    "warning": ("fa5s.exclamation-triangle", "#e69100"),
    "info": ("fa5s.info-circle", "#1e6fd9"),
}
# Coloured variants asked for besides the severity icons (the image field's placeholders).
EXTRA_COLOURED = (("fa5s.globe", "#9e9e9e"), ("fa5s.image", "#9e9e9e"))
GLYPH_SIZES = (16, 32, 64)


def glyph_path(name: str, colour: str | None, size: int) -> Path:
    tint = f"@{colour.lstrip('#').lower()}" if colour else ""
    return resource_path("icons", "glyphs", f"{name}{tint}-{size}.png")


def icon(name: str, color: str | None = None) -> QIcon:
    """The glyph `name`, in `color`, or else in the palette's button text colour (chosen
    each time it is drawn, so a live light/dark switch re-colours every button)."""
    if color is not None:
        return _icon(name, color)
    return QIcon(_PaletteGlyph(name))


def _for_palette(name: str) -> QIcon:
    if theme.is_dark():
        # The glyphs are drawn dark for light themes; on a dark one they take the text colour.
        return _tinted(name, theme.palette().color(QPalette.ColorRole.ButtonText).name())
    return _icon(name, None)


class _PaletteGlyph(QIconEngine):
    """A glyph that asks the palette in use which picture to draw."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        _for_palette(self.name).paint(painter, rect, mode=mode, state=state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return _for_palette(self.name).pixmap(size, mode, state)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802
        return _for_palette(self.name).actualSize(size, mode, state)

    def clone(self) -> QIconEngine:
        return _PaletteGlyph(self.name)


@cache
def _tinted(name: str, colour: str) -> QIcon:
    plain = _icon(name, None)
    tinted = QIcon()
    for size in GLYPH_SIZES:
        pixmap = plain.pixmap(size, size)
        painter = QPainter(pixmap)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), QColor(colour))
        painter.end()
        tinted.addPixmap(pixmap)
    return tinted


@cache
def _icon(name: str, color: str | None = None) -> QIcon:
    files = [glyph_path(name, color, size) for size in GLYPH_SIZES]
    if all(f.is_file() for f in files):
        rendered = QIcon()
        for f in files:
            rendered.addFile(str(f))
        return rendered
    import qtawesome  # a glyph not rendered yet: slower, same picture

    return qtawesome.icon(name, color=color) if color else qtawesome.icon(name)


def severity_icon(severity: str) -> QIcon:
    name, color = SEVERITY_ICONS.get(severity, SEVERITY_ICONS["info"])
    return icon(name, color)
