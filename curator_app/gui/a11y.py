"""Accessible names and descriptions: what a screen reader says for a control.

Widgets get theirs where they are built, with `named`. Buttons that stand for a QAction
(toolbars) and the standard buttons of a dialog's button box are named from what they
already show, so the words a curator sees and hears are the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)

W = TypeVar("W", bound=QWidget)

# What the usual dialog buttons do, unless the dialog says otherwise.
_ROLE_DESCRIPTIONS = {
    QDialogButtonBox.ButtonRole.AcceptRole: "Confirm and close the dialog",
    QDialogButtonBox.ButtonRole.RejectRole: "Close the dialog without changing anything",
    QDialogButtonBox.ButtonRole.DestructiveRole: "Throw the changes away",
    QDialogButtonBox.ButtonRole.ApplyRole: "Apply the changes",
    QDialogButtonBox.ButtonRole.YesRole: "Confirm",
    QDialogButtonBox.ButtonRole.NoRole: "Decline",
}


def named(widget: W, name: str, description: str) -> W:
    """Give `widget` an accessible name and description; returns it for use inline."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)
    return widget


def operable(widget: QWidget) -> bool:
    """A control the curator works (a composite's inner line edit counts as its owner)."""
    parent = widget.parentWidget()
    if isinstance(parent, QComboBox | QAbstractSpinBox):
        return False
    return isinstance(widget, _OPERABLE)


_OPERABLE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)


def plain(text: str) -> str:
    """A label without its mnemonic marker ("&Save" → "Save"; "&&" stays one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def name_toolbar(bar: QToolBar) -> None:
    """Each button of `bar` is named after its action's text and described by its tooltip."""
    for action in bar.actions():
        button = bar.widgetForAction(action)
        if button is None or action.isSeparator():
            continue
        text = plain(action.text())
        named(button, text, action.statusTip() or action.toolTip() or text)


def name_tabs(tabs: QTabWidget, name: str, description: str) -> QTabWidget:
    """A tab widget and its tab bar (the part that takes the keyboard) share one name."""
    named(tabs.tabBar(), name, description)
    return named(tabs, name, description)


def name_form(form: QFormLayout, descriptions: Mapping[str, str]) -> None:
    """Name each field of `form` after its row's label; describe it from `descriptions`
    (by label), else by its placeholder text."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        field = field_item.widget() if field_item is not None else None
        if not isinstance(label, QLabel) or field is None:
            continue
        text = plain(label.text()).rstrip(":")
        placeholder = getattr(field, "placeholderText", None)
        hint = placeholder() if callable(placeholder) else ""
        named(field, text, descriptions.get(text) or hint or text)


def name_buttons(box: QDialogButtonBox, descriptions: Mapping[str, str] | None = None) -> QDialogButtonBox:
    """Name the buttons of `box` not named yet by their text; describe each from
    `descriptions` (by the button's text, without "&") or, failing that, by its role."""
    for button in box.buttons():
        if not button.accessibleName():
            _name_by_role(box, button, descriptions or {})
    return box


def _name_by_role(box: QDialogButtonBox, button: QAbstractButton, descriptions: Mapping[str, str]) -> None:
    text = plain(button.text())
    role = box.buttonRole(button)
    named(button, text, descriptions.get(text) or _ROLE_DESCRIPTIONS.get(role, text))
