"""The Item menu's commands that reach beyond one open item: a new item, a bulk edit of
the library's selection and its undo, and review mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from curator_app.core.errors import CuratorError
from curator_app.gui import alerts
from curator_app.gui.actions import Actions
from curator_app.gui.parts import WindowParts

if TYPE_CHECKING:
    from curator_app.gui.review.mode import ReviewMode


class ItemActions(Actions):
    def __init__(self, parts: WindowParts, review_mode: Callable[[], ReviewMode]) -> None:
        """review_mode: review mode's window, built and wired on first use."""
        super().__init__(parts)
        self._review_mode = review_mode

    def new_item(self) -> None:
        parts = self.parts
        dialog = parts.library.new_item_dialog()
        if dialog is not None and alerts.run(dialog) and dialog.created is not None:
            editor = parts.tabs.editor_at(parts.tabs.index_of(dialog.created))
            if editor is not None:  # the new item is open (sig_created): the user types its fields next
                editor.focus_field(("title",))

    def bulk_edit(self) -> None:
        parts = self.parts
        if not parts.library.selected_paths():
            alerts.tell(parts.window, "bulk-edit-nothing-selected", "Bulk edit",
                        "Select the items to edit in the library first.")
            return
        alerts.run(parts.library.bulk_edit_dialog())

    def undo_bulk(self) -> None:
        parts = self.parts
        try:
            if not parts.library.undo_last_bulk():
                parts.window.show_message("No bulk edit to undo", 4000)
        except CuratorError as exc:
            alerts.tell(parts.window, "bulk-undo-failed", "Cannot undo the bulk edit", str(exc),
                        level=alerts.Level.WARNING)

    def show_review(self) -> None:
        """Review mode in a window of its own, on the open folder; items open in the editor."""
        parts = self.parts
        if parts.folder is None:
            return
        review = self._review_mode()
        review.open_folder(parts.folder)
        review.show()
        review.activateWindow()

    def reload_review_banners(self, _paths: list[str]) -> None:
        tabs = self.parts.tabs
        for i in range(tabs.count()):
            editor, session = tabs.editor_at(i), tabs.session_at(i)
            if editor is not None and session is not None:
                editor.review_banner.reload(session.document.to_bytes())
