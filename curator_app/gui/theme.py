"""Colours that follow the system palette, light or dark.

The editor draws almost everything with palette roles. Where a colour carries meaning
(an error in red, an HTML tag in blue) it is named here by its hue and then made readable
on the background it is drawn on: lightened on a dark theme, darkened on a light one,
until its contrast reaches the WCAG level for body text (4.5:1).

Colours baked into a style sheet or a highlighter's formats do not follow a live switch
of the system palette by themselves: Qt sends a widget with a style sheet no palette
event at all, and keeps its old resolved palette. `style` and `follow` register such a
widget; one watcher hears the application's palette change and re-applies them.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

BODY_TEXT = 4.5  # WCAG 2 AA for normal text

# Hues with a meaning; `tone` makes each readable on the palette in use.
TONES = {
    "error": "#c62828",
    "warning": "#b26a00",
    "info": "#1e6fd9",
    "ok": "#2e7d32",
    "muted": "#6b6b6b",
}


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(colour: QColor, background: QColor) -> QColor:
    """`colour` as it shows over an opaque `background` (its alpha blended in)."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def readable(colour: QColor | str, background: QColor, ratio: float = BODY_TEXT) -> QColor:
    """`colour` with its lightness moved away from `background` until the two reach
    `ratio`; the hue stays, so a red stays a red."""
    # Cached: item views ask for the same few colours once per painted cell.
    return QColor.fromRgb(_readable(QColor(colour).rgb(), background.rgb(), ratio))


@functools.lru_cache(maxsize=256)
def _readable(colour_rgb: int, background_rgb: int, ratio: float) -> int:
    result, background = QColor.fromRgb(colour_rgb), QColor.fromRgb(background_rgb)
    if contrast(result, background) >= ratio:
        return colour_rgb
    hue, saturation, lightness = result.hslHueF(), result.hslSaturationF(), result.lightnessF()
    lighter = _luminance(background) < 0.18
    for _step in range(100):
        lightness = min(1.0, lightness + 0.01) if lighter else max(0.0, lightness - 0.01)
        # Measured after rounding to 8 bits a channel, as the colour is drawn.
        result = QColor.fromRgb(QColor.fromHslF(max(hue, 0.0), saturation, lightness).rgb())
        if contrast(result, background) >= ratio or lightness in (0.0, 1.0):
            break
    return result.rgb()


def palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(pal: QPalette | None = None) -> bool:
    """Whether text is lighter than its background (a dark theme)."""
    pal = pal or palette()
    text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
    return text.lightness() > base.lightness()


def tone(name: str, pal: QPalette | None = None, role: QPalette.ColorRole = QPalette.ColorRole.Base) -> QColor:
    """The meaning `name` (see TONES) in a colour readable on `role` of the palette."""
    background = (pal or palette()).color(role)
    return readable(TONES[name], background)


def text_colour(name: str, pal: QPalette | None = None) -> str:
    """For style sheets: `color: …` of a label drawn on the window background."""
    return f"color: {tone(name, pal, QPalette.ColorRole.Window).name()};"


class _Follower(QObject):
    """One widget's colours, re-applied on a palette change (a child: it dies with it)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.make_style: Callable[[], str] | None = None
        self.hooks: list[Callable[[], None]] = []

    def apply(self) -> None:
        if self.make_style is not None:
            # Set afresh even when unchanged: palette(...) references, and the children the
            # sheet also styles (a prompt's buttons), resolve only when it is set again.
            self.widget.setStyleSheet("")
            self.widget.setStyleSheet(self.make_style())
        for hook in self.hooks:
            hook()


class _Watcher(QWidget):
    """Never shown: a top-level widget, which Qt tells of every application palette change."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("paletteWatcher")
        self.followers: weakref.WeakSet[_Follower] = weakref.WeakSet()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            for follower in list(self.followers):
                if shiboken6.isValid(follower) and shiboken6.isValid(follower.widget):
                    follower.apply()
        return super().event(event)


_watcher: _Watcher | None = None
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


def _follower(widget: QWidget) -> _Follower:
    global _watcher
    if _watcher is None or not shiboken6.isValid(_watcher):
        _watcher = _Watcher()
    found = widget.findChild(_Follower, options=_DIRECT)
    if found is None:
        found = _Follower(widget)
        _watcher.followers.add(found)
    return found


def style(widget: QWidget, make_style: Callable[[], str]) -> None:
    """`widget.setStyleSheet(make_style())`, now and again whenever the palette changes
    (the last style given wins: a widget whose colour follows its state calls this again)."""
    follower = _follower(widget)
    follower.make_style = make_style
    sheet = make_style()
    if sheet != widget.styleSheet():  # a counter restyles on every keystroke: repolish only on change
        widget.setStyleSheet(sheet)


def style_text(widget: QWidget, name: str) -> None:
    """The label's text in the meaning `name` (see TONES), following the palette."""
    style(widget, lambda: text_colour(name))


def follow(widget: QWidget, hook: Callable[[], None]) -> None:
    """Call `hook` whenever the palette changes while `widget` lives (highlighters rebuild
    their formats in it)."""
    _follower(widget).hooks.append(hook)
