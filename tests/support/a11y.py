"""Walking a window's widget tree for accessibility checks: which widgets a curator can
operate, and where each one sits (for messages that say which widget lacks a name)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE: tuple[type[QWidget], ...] = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)

# Parts Qt builds inside its own composite widgets; assistive tools reach them through
# the composite (a combo box's line edit, a tab bar's scroll arrows and close buttons,
# a line edit's clear button).
_COMPOSITES: tuple[type[QWidget], ...] = (QComboBox, QAbstractSpinBox, QTabBar, QLineEdit)
_NOT_CONTROLS: tuple[type[QWidget], ...] = (QScrollBar, QHeaderView, QMenu)


def _is_web_view(widget: QWidget) -> bool:
    return widget.metaObject().className() == "QWebEngineView"


def is_control(widget: QWidget) -> bool:
    """A widget the curator operates (and so needs a name and a description)."""
    if isinstance(widget, _NOT_CONTROLS):
        return False
    # Qt's internal parts are skipped, except a tab widget's tab bar: it takes the keyboard.
    if widget.objectName().startswith("qt_") and not isinstance(widget, QTabBar):
        return False
    parent = widget.parentWidget()
    if parent is not None and (isinstance(parent, _COMPOSITES) or _is_web_view(parent)):
        return False
    return isinstance(widget, INTERACTIVE) or _is_web_view(widget)


def controls(root: QWidget) -> Iterator[QWidget]:
    """Every control under `root` (itself included), shown or not: a hidden find bar or
    an unfolded section is still part of the window a screen reader will meet."""
    if is_control(root):
        yield root
    for child in root.findChildren(QWidget):
        if is_control(child) and not _inside_foreign_window(child, root):
            yield child


def _inside_foreign_window(widget: QWidget, root: QWidget) -> bool:
    # Dialogs and popups parented to the window are walked on their own.
    w: QWidget | None = widget
    while w is not None and w is not root:
        if w.isWindow():
            return True
        w = w.parentWidget()
    return False


def describe(widget: QWidget) -> str:
    """objectName/class, then the parent chain up to the window: enough to find the code."""
    parts = []
    w: QWidget | None = widget
    while w is not None:
        label = w.objectName() or ""
        parts.append(f"{label}<{w.metaObject().className()}>" if label else w.metaObject().className())
        if w.isWindow():
            break
        w = w.parentWidget()
    text = getattr(widget, "text", None)
    shown = f" {text()!r}" if callable(text) and isinstance(text(), str) and text() else ""
    return " ← ".join(parts) + shown


def unnamed(root: QWidget) -> list[str]:
    """The controls under `root` missing an accessible name or description, described."""
    missing = []
    for widget in controls(root):
        lacks = [what for what, value in (("name", widget.accessibleName()),
                                          ("description", widget.accessibleDescription()))
                 if not value.strip()]
        if lacks:
            missing.append(f"{describe(widget)}: no {' or '.join(lacks)}")
    return missing
