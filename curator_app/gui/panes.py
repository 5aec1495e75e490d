"""Which panes show (View ▸ Library … Problems) and where the keyboard goes between them.

The library and the preview are the window's splitter slots; the form, the body editor and
the problems list live in every open item's editor, so a choice applies to each editor,
including those opened later. Choices are remembered with the window's other settings.
Hiding the pane that holds the keyboard focus hands it to the editor, else the library's
search box, so the next keystroke still lands somewhere visible.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from curator_app.gui.documents import DocumentTabs
from curator_app.gui.library import LibraryPane
from curator_app.gui.main_window import LIBRARY, PREVIEW, MainWindow
from curator_app.gui.settings import Settings

if TYPE_CHECKING:
    from curator_app.gui.editor_pane import EditorPane  # loaded with the first item (slow imports)

WINDOW_PANES = {"library": LIBRARY, "preview": PREVIEW}
EDITOR_PARTS = ("form", "body", "problems")
PANES = ("library", "form", "body", "preview", "problems")


class Panes(QObject):
    def __init__(self, window: MainWindow, tabs: DocumentTabs, library: LibraryPane, settings: Settings) -> None:
        super().__init__(window)
        self.window, self.tabs, self.library, self.settings = window, tabs, library, settings
        self.shown = {name: settings.bool_value(f"show_{name}", True) for name in PANES}
        # The View menu's check marks follow; the wiring connects them.
        self.on_change: Callable[[str, bool], None] = lambda _name, _shown: None

    def apply(self) -> None:
        """Bring every pane in line with the remembered choice (at start, and when a pane is replaced)."""
        for name in PANES:
            self._apply(name)

    def set_shown(self, name: str, shown: bool) -> None:
        if self.shown[name] == shown:
            return
        focus = QApplication.focusWidget()
        self.shown[name] = shown
        self.settings.set_value(f"show_{name}", shown)
        self._apply(name)
        self.on_change(name, shown)
        if not shown and focus is not None and not focus.isVisible():
            self._refocus()

    def apply_to_editor(self, editor: EditorPane) -> None:
        for part in EDITOR_PARTS:
            editor.set_part_shown(part, self.shown[part])

    def _apply(self, name: str) -> None:
        if name in WINDOW_PANES:
            widget = self.window.splitter.widget(WINDOW_PANES[name])
            if widget is not None:
                widget.setVisible(self.shown[name])
            return
        for i in range(self.tabs.count()):
            editor = self.tabs.editor_at(i)
            if editor is not None:
                editor.set_part_shown(name, self.shown[name])

    # --- focus ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+L: the library's search box, text selected so typing replaces it."""
        self.set_shown("library", True)
        search = self.library.filter_bar.search
        search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        search.selectAll()

    def focus_editor(self) -> bool:
        """The current item's form (its last focused field, else the first), else its body;
        pressed again in the form, the body (and back), so both are one key away."""
        editor = self.tabs.current_editor()
        if editor is None:
            return False
        if not self.shown["form"] and not self.shown["body"]:
            self.set_shown("form", True)
        focus = QApplication.focusWidget()
        in_form = focus is not None and editor.form.isAncestorOf(focus)
        if self.shown["body"] and (in_form or not self.shown["form"]):
            return editor.body.focus_text()
        return editor.form.focus_current()

    def focus_field(self, key: tuple[str, ...]) -> None:
        """Item ▸ Add Category/Tag: the keyboard goes to the list's entry box."""
        editor = self.tabs.current_editor()
        if editor is None:
            return
        self.set_shown("form", True)
        if not editor.focus_field(key):
            self.window.show_message(f"This item has no {key[-1]} field (Item ▸ Add Field… adds one)", 6000)

    def _refocus(self) -> None:
        if self.focus_editor():
            return
        if self.shown["library"]:
            self.library.filter_bar.search.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.tabs.setFocus(Qt.FocusReason.OtherFocusReason)
