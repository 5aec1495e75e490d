"""The Item menu's commands that reach beyond one open item: a new item, a bulk edit of
the library's selection and its undo, and review mode."""

from __future__ import annotations

from curator_app.core.errors import CuratorError
from curator_app.gui import alerts
from curator_app.gui.actions import Actions


class ItemActions(Actions):
    def new_item(self) -> None:
        bench = self.bench
        dialog = bench.library.new_item_dialog()
        if dialog is not None and alerts.run(dialog) and dialog.created is not None:
            editor = bench.tabs.editor_at(bench.tabs.index_of(dialog.created))
            if editor is not None:  # the new item is open (sig_created): the user types its fields next
                editor.focus_field(("title",))

    def bulk_edit(self) -> None:
        bench = self.bench
        if not bench.library.selected_paths():
            alerts.tell(bench.window, "bulk-edit-nothing-selected", "Bulk edit",
                        "Select the items to edit in the library first.")
            return
        alerts.run(bench.library.bulk_edit_dialog())

    def undo_bulk(self) -> None:
        bench = self.bench
        try:
            if not bench.library.undo_last_bulk():
                bench.window.show_message("No bulk edit to undo", 4000)
        except CuratorError as exc:
            alerts.tell(bench.window, "bulk-undo-failed", "Cannot undo the bulk edit", str(exc),
                        level=alerts.Level.WARNING)

    def show_review(self) -> None:
        """Review mode in a window of its own, on the open folder; items open in the editor."""
        bench = self.bench
        if bench.folder is None:
            return
        review = bench.review_mode()
        review.open_folder(bench.folder)
        review.show()
        review.activateWindow()

    def reload_review_banners(self, _paths: list[str]) -> None:
        tabs = self.bench.tabs
        for i in range(tabs.count()):
            editor, session = tabs.editor_at(i), tabs.session_at(i)
            if editor is not None and session is not None:
                editor.review_banner.reload(session.document.to_bytes())
