"""Help ▸ Keyboard Shortcuts: every menu action that has a key, grouped by menu, searchable.

Built from the menus themselves each time it opens, so it cannot drift from what the keys
do; the key text is the platform's own (NativeText: "Ctrl+S" here, "⌘S" on a Mac).
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_app.gui.a11y import name_buttons, named, plain

NATIVE = QKeySequence.SequenceFormat.NativeText


def action_text(action: QAction) -> str:
    """The menu text as read: no mnemonic marker, no trailing ellipsis."""
    return plain(action.text()).rstrip("…").strip()


def everyday_keys(action: QAction) -> list[QKeySequence]:
    """The action's keys a keyboard has: the platform also binds keys such as Sun's F16
    (Copy) or a media "Open" key, which only clutter the list."""
    keys = []
    for seq in action.shortcuts():
        combo = seq[0]  # type: ignore[index]  # the stubs lack QKeySequence.__getitem__
        key = combo.key()
        exotic = Qt.Key.Key_F13 <= key <= Qt.Key.Key_F35 or key >= Qt.Key.Key_Back
        if not exotic or combo.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
            keys.append(seq)
    return keys


def menu_actions(menu: QMenu) -> Iterator[QAction]:
    """A menu's actions in order, submenus included."""
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from menu_actions(sub)
        elif not action.isSeparator():
            yield action


def shortcut_rows(menus: dict[str, QMenu]) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action with a shortcut, in menu order."""
    rows = []
    for title, menu in menus.items():
        for action in menu_actions(menu):
            keys = everyday_keys(action)
            if keys:
                rows.append((title, action_text(action), ", ".join(k.toString(NATIVE) for k in keys)))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, menus: dict[str, QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.search = QLineEdit(placeholderText="Search actions and keys…")
        self.search.setClearButtonEnabled(True)
        named(self.search, "Search shortcuts", "Shows only the actions whose name, menu or keys contain the text")
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutsList")
        self.tree.setHeaderLabels(["Action", "Keys"])
        named(self.tree, "Keyboard shortcuts", "Every menu action that has a shortcut, grouped by menu")
        self.tree.setRootIsDecorated(False)
        # Kept here as well as in the tree: the tree's own accessors may answer None.
        self.groups: dict[str, tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = {}
        for title, text, keys in shortcut_rows(menus):
            if title not in self.groups:
                group = QTreeWidgetItem(self.tree, [title])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                self.groups[title] = (group, [])
            group, children = self.groups[title]
            children.append(QTreeWidgetItem(group, [text, keys]))
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = name_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.show_matching)
        self.resize(520, 640)

    def show_matching(self, text: str) -> None:
        needle = text.strip().casefold()
        for title, (group, children) in self.groups.items():
            in_group = needle in title.casefold()
            shown = 0
            for child in children:
                match = in_group or any(needle in child.text(col).casefold() for col in (0, 1))
                child.setHidden(not match)
                shown += match
            group.setHidden(shown == 0)

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) as listed now."""
        return [(title, child.text(0), child.text(1)) for title, (group, children) in self.groups.items()
                if not group.isHidden() for child in children if not child.isHidden()]
