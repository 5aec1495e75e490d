"""The View and Help menus: spelling and remote images (remembered in the settings), the
commands that act on the current editor or form, the card chooser, the shortcuts list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from curator_app.gui.actions import Actions
from curator_app.gui.parts import WindowParts

if TYPE_CHECKING:
    from curator_app.gui.editor_pane import EditorPane
    from curator_app.gui.form.form import FormView


class ViewActions(Actions):
    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts)
        self.shortcuts_dialog: QDialog | None = None

    def set_spelling(self, on: bool) -> None:
        self.parts.settings.set_value("spell_check", on)
        self.parts.tools.set_spelling(on)

    def set_remote_images(self, allow: bool) -> None:
        self.parts.settings.set_value("remote_images", allow)
        if self.parts.preview is not None:
            self.parts.preview.set_allow_remote_images(allow)

    def with_form(self, act: Callable[[FormView], object]) -> Callable[[], None]:
        """A menu command on the current item's form (none open: nothing happens)."""
        return self.with_editor(lambda pane: act(pane.form))

    def with_editor(self, act: Callable[[EditorPane], object]) -> Callable[[], None]:
        """A menu command on the current editor (none open: nothing happens)."""

        def run() -> None:
            pane = self.parts.tabs.current_editor()
            if pane is not None:
                act(pane)

        return run

    def step_card(self, by: int) -> None:
        if self.parts.preview is not None:
            self.parts.preview.step_card(by)

    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard Shortcuts, beside the window (built afresh from the menus)."""
        from curator_app.gui.shortcuts_help import ShortcutsDialog

        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.close()
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self.parts.menu.menus, self.parts.window)
        self.shortcuts_dialog.show()
