"""The one place that connects Curator's main window: which signal reaches which handler.

`Workbench` is the window's parts (`curator_app.gui.parts`) with the handlers of each
area (`curator_app.gui.actions`), and connects them in one table (`_connect`, and
`_connect_session` for each open item): who emits what, and which handler answers,
grouped by emitter. Widgets only show state and emit requests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, SignalInstance

from curator_app.gui import alerts
from curator_app.gui.actions.folders import FolderActions
from curator_app.gui.actions.items import ItemActions
from curator_app.gui.actions.saving import SaveActions
from curator_app.gui.actions.sessions import SessionActions
from curator_app.gui.actions.vcs import VcsActions
from curator_app.gui.actions.view import ViewActions
from curator_app.gui.disk_changes import DiskChanges
from curator_app.gui.main_window import PREVIEW, MainWindow
from curator_app.gui.panes import PANES
from curator_app.gui.parts import WindowParts, make_preview
from curator_app.gui.session import DocumentSession
from curator_app.gui.settings import Settings

if TYPE_CHECKING:
    from curator_app.gui.preview.pane import PreviewPane
    from curator_app.gui.review.mode import ReviewMode

Connections = list[tuple[SignalInstance, Callable[..., object]]]


class Workbench(WindowParts):
    """The panes of one main window, the handlers of each area, and the wires between them."""

    def __init__(self, window: MainWindow, settings: Settings, *, defer_preview: bool = False) -> None:
        """defer_preview: the app is starting. A placeholder holds the preview's place until
        start_preview(), and the folder's git status waits for start_git() (the app calls
        both once the window has painted: QtWebEngine and pygit2 are slow to load)."""
        super().__init__(window, settings, defer_preview=defer_preview)
        # Each area is given the ones it uses: sessions ← saving ← folders, saving ← vcs.
        self.sessions = SessionActions(self)
        self.saving = SaveActions(self, self.sessions, lambda s: self.disk.ask_external_change(s, saving=True))
        self.disk = DiskChanges(window, self.tabs, self.git, self.saving.save, self.gone)
        self.folders = FolderActions(self, self.sessions, self.saving, git_waits=defer_preview)
        self.vcs = VcsActions(self, self.disk, self.saving.save_all)
        self.items, self.view = ItemActions(self, self.review_mode), ViewActions(self)
        window.close_guard = self.confirm_close_all
        self.tools.set_spelling(self.menu["spell_check"].isChecked())
        self.view.set_remote_images(self.menu["remote_images"].isChecked())
        self._connect()
        if self.preview is not None:
            self._connect_preview(self.preview)
        self.sessions.update_actions()

    # The commands the app and the tests call on the workbench itself.

    def open_folder(self, folder: Path, select: Path | None = None) -> bool:
        return self.folders.open_folder(folder, select)

    def start_git(self) -> None:
        self.folders.start_git()

    def reopen_tabs(self) -> None:
        self.folders.reopen_waiting_tabs()

    def offer_recovery(self) -> int:
        return self.sessions.offer_recovery()

    def save(self, session: DocumentSession, force: bool = False) -> bool:
        return self.saving.save(session, force)

    def save_all(self) -> bool:
        return self.saving.save_all()

    def save_current(self) -> bool:
        return self.saving.save_current()

    def revert_current(self) -> None:
        self.saving.revert_current()

    def close_current(self) -> None:
        self.saving.close_current()

    def confirm_close_all(self) -> bool:
        return self.saving.confirm_close_all()

    def _connect(self) -> None:
        m, w, tabs, lib, git = self.menu, self.window, self.tabs, self.library, self.git
        folders, sessions, saving = self.folders, self.sessions, self.saving
        items, vcs, view = self.items, self.vcs, self.view

        def message(timeout_ms: int) -> Callable[[str], None]:
            return lambda text: w.show_message(text, timeout_ms)

        table: Connections = [
            # the menus
            (m["open_folder"].triggered, folders.choose_folder),
            (m.recent_menu.aboutToShow, lambda: m.fill_recent(self.settings.recent_folders())),
            (m.sig_open_recent, folders.open_folder),
            (m.sig_clear_recent, self.settings.clear_recent),
            (m.recent_files_menu.aboutToShow, lambda: m.fill_recent_files(self.settings.recent_files())),
            (m.sig_open_recent_file, self.open_item),
            (m.sig_clear_recent_files, self.settings.clear_recent_files),
            (w.sig_paths_dropped, folders.open_dropped),
            (m["save"].triggered, saving.save_current),
            (m["save_all"].triggered, saving.save_all),
            (m["revert"].triggered, saving.revert_current),
            (m["close_item"].triggered, saving.close_current),
            (m["confirm_diff"].toggled, lambda on: self.settings.set_value("confirm_save_diff", on)),
            (m["quit"].triggered, w.close),
            (m["new_item"].triggered, items.new_item),
            (m["bulk_edit"].triggered, items.bulk_edit),
            (m["undo_bulk"].triggered, items.undo_bulk),
            (m["commit"].triggered, vcs.commit),
            (m["diff"].triggered, vcs.show_diff),
            (m["history"].triggered, vcs.show_history),
            (m["review"].triggered, items.show_review),
            (m["pull"].triggered, git.pull),
            (m["push"].triggered, git.push),
            (m["init_repo"].triggered, git.init_repository),
            (m["remote_images"].toggled, view.set_remote_images),
            (m["about"].triggered, lambda: alerts.about(w, "About Curator", w.about_text())),
            (m["shortcuts_help"].triggered, view.show_shortcuts),
            # panes and the keyboard's way between them
            *[(m[f"show_{name}"].toggled, lambda on, n=name: self.panes.set_shown(n, on)) for name in PANES],
            (m["focus_search"].triggered, self.panes.focus_search),
            (m["focus_editor"].triggered, self.panes.focus_editor),
            (m["next_problem"].triggered, view.with_editor(lambda e: e.step_problem(1))),
            (m["previous_problem"].triggered, view.with_editor(lambda e: e.step_problem(-1))),
            (m["apply_fix"].triggered, view.with_editor(lambda e: e.apply_selected_fix())),
            (m["add_category"].triggered, lambda: self.panes.focus_field(("categories",))),
            (m["add_tag"].triggered, lambda: self.panes.focus_field(("tags",))),
            (m["next_card"].triggered, lambda: view.step_card(1)),
            (m["previous_card"].triggered, lambda: view.step_card(-1)),
            # the editor's tools
            (m["open_file"].triggered, self.tools.open_file),
            (m["find"].triggered, self.tools.find),
            (m["replace"].triggered, self.tools.replace),
            (m["find_next"].triggered, self.tools.find_next),
            (m["find_previous"].triggered, self.tools.find_previous),
            (m["replace_in_folder"].triggered, self.tools.replace_in_folder),
            (m["spell_check"].toggled, view.set_spelling),
            (m["stamp_modified"].toggled, lambda on: self.settings.set_value("stamp_modified", on)),
            (m["duplicate_item"].triggered, self.tools.duplicate),
            (m["rename_item"].triggered, self.tools.rename),
            (m["move_item"].triggered, self.tools.move),
            (m["undo_move"].triggered, self.tools.undo_move),
            (m["delete_item"].triggered, self.tools.delete),
            (m["fix_all"].triggered, self.tools.fix_all),
            (m["add_field"].triggered, view.with_form(lambda f: f.add_field())),
            (m["remove_field"].triggered, view.with_form(lambda f: f.remove_field())),
            (m["move_field_up"].triggered, view.with_form(lambda f: f.move_field(-1))),
            (m["move_field_down"].triggered, view.with_form(lambda f: f.move_field(1))),
            (self.tools.sig_message, message(6000)),
            # the open items
            (tabs.tabCloseRequested, saving.close_tab),
            (tabs.sig_session_opened, sessions.opened),
            (tabs.sig_session_opened, self._connect_session),
            (tabs.sig_session_closing, sessions.closing),
            (tabs.sig_current_session, sessions.current),
            (tabs.sig_title_changed, sessions.update_title),
            # the library
            (lib.sig_item_activated, self.open_item),
            (lib.sig_editor_wanted, self.panes.focus_editor),
            (lib.sig_loaded, folders.library_loaded),
            (lib.sig_failed, message(10000)),
            (lib.sig_progress, folders.index_progress),
            (lib.watcher.sig_file_changed, self.disk.file_changed),
            # git
            (git.sig_repository_changed, vcs.repository_changed),
            (git.sig_branch_changed, w.branch_label.setText),
            (git.sig_status_changed, lib.model.set_vcs_status),
            (git.sig_error, vcs.error),
            (git.sig_message, message(6000)),
            (git.sig_progress, vcs.progress),
            (git.sig_busy, vcs.busy),
            (git.sig_pulled, self.disk.on_pulled),
            # crash recovery
            (self.autosaver.sig_error, message(10000)),
        ]
        _connect_all(table)

    def _connect_session(self, session: DocumentSession) -> None:
        """The same map for one open item; its connections go with the session."""
        _connect_all([
            (session.sig_saved, lambda _path: self.sessions.saved(session)),
            (session.sig_changed, lambda: self.sessions.changed(session)),
            (session.sig_external_change, lambda: self.disk.ask_external_change(session)),
        ])

    def _connect_preview(self, preview: PreviewPane) -> None:
        _connect_all([
            (preview.sig_rendered, lambda _ms: self.folders.preview_painted()),
            (preview.sig_failed, lambda _message: self.folders.preview_painted()),
        ])

    def review_mode(self) -> ReviewMode:
        """Review mode's window, built and wired on first use: most sessions never review."""
        if self.review is None:
            from curator_app.gui.review.mode import ReviewMode

            self.review = ReviewMode()
            self.review.setParent(self.window, Qt.WindowType.Window)
            self.review.setWindowTitle("Review Changes")
            self.review.resize(1200, 760)
            _connect_all([
                (self.review.sig_open_item, self.open_item),
                (self.review.sig_decided, self.items.reload_review_banners),
            ])
        return self.review

    def start_preview(self) -> PreviewPane | None:
        """Create the preview in the placeholder's place and show the current item in it."""
        pane = self.create_preview()
        self.place_preview()
        return pane

    def create_preview(self) -> PreviewPane | None:
        """The preview, rendering the current item, not yet in the window (place_preview
        puts it there): the app gives each its own turn, and the item's render runs on its
        worker thread while the window lays the new pane out."""
        if self.preview is not None:
            return self.preview
        self.preview = make_preview()
        if self.preview is None:
            from curator_app.gui.preview.placeholder import PreviewPlaceholder

            self.window.set_pane(
                PREVIEW, PreviewPlaceholder("No preview: QtWebEngine is not installed", parent=self.window))
            return None
        self._connect_preview(self.preview)
        self.preview.set_allow_remote_images(self.menu["remote_images"].isChecked())  # before the render
        session = self.tabs.current_session()
        if session is not None:
            self.sessions.feed_preview(session)
        return self.preview

    def place_preview(self) -> None:
        """Put the preview create_preview made into the window, where the placeholder is."""
        pane = self.preview
        if pane is None or pane.parent() is self.window.splitter:
            return
        self.window.set_pane(PREVIEW, pane)
        pane.show()  # a child added to a window already on screen starts hidden
        self.panes.apply()  # unless the curator hid the preview


def _connect_all(table: Connections) -> None:
    for signal, slot in table:
        signal.connect(slot)
