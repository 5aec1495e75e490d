"""The one place that connects Curator's widgets to each other and to core operations.

Widgets only show state and emit requests; everything that decides what happens next
(opening, saving, undo routing, the preview feed) lives here. `_connect` is the whole
map: who emits what, and which slot answers, grouped by emitter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError, WriteConflictError
from curator_app.core.recovery import RecoveryStore
from curator_app.core.site.config import find_site
from curator_app.core.site.tree import items_root
from curator_app.gui import alerts, folder_tabs
from curator_app.gui.actions.items import ItemActions
from curator_app.gui.actions.vcs import VcsActions
from curator_app.gui.actions.view import ViewActions
from curator_app.gui.disk_changes import DiskChanges
from curator_app.gui.documents import DocumentTabs, item_name, prompt_names, prompt_title, window_name
from curator_app.gui.editor_tools import EditorTools
from curator_app.gui.git.controller import GitController
from curator_app.gui.gone_items import GoneItems, missing
from curator_app.gui.library import LibraryPane
from curator_app.gui.main_window import CENTRE, LIBRARY, PREVIEW, MainWindow
from curator_app.gui.mainmenu import MainMenu
from curator_app.gui.panes import PANES, Panes
from curator_app.gui.recovery import Autosaver, RecoveryDialog
from curator_app.gui.save_diff import SaveDiffDialog
from curator_app.gui.session import DocumentSession
from curator_app.gui.settings import Settings

if TYPE_CHECKING:
    from curator_app.gui.preview.pane import PreviewPane
    from curator_app.gui.review.mode import ReviewMode

AutosaveSource = Callable[[], tuple[Path, bytes, str, bool]]


class Workbench(QObject):
    """Builds the panes of one main window, puts them in its slots and wires them together."""

    def __init__(self, window: MainWindow, settings: Settings, *, defer_preview: bool = False) -> None:
        """defer_preview: the app is starting. A placeholder holds the preview's place until
        start_preview(), and the folder's git status waits for start_git() (the app calls
        both once the window has painted: QtWebEngine and pygit2 are slow to load)."""
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.folder: Path | None = None
        self.review: ReviewMode | None = None  # made on first use: most sessions never review
        self.tabs = DocumentTabs()
        self.library = LibraryPane()
        self.preview = None if defer_preview else _make_preview()
        self._git_waits = defer_preview
        self.undo_group = QUndoGroup(self)
        self.menu = MainMenu(window, self.undo_group)
        self.git = GitController(parent=window)
        self.git.set_dialog_parent(window)
        self.recovery = RecoveryStore()
        self.autosaver = Autosaver(self.recovery, parent=self)
        self.gone = GoneItems(window, self.tabs, self.library.watcher, lambda: self.library.root,
                              lambda text: window.show_message(text, 10000))
        self.disk = DiskChanges(window, self.tabs, self.git, self.save, self.gone)
        self.tools = EditorTools(window, self.tabs, self.library, self.open_item)
        self.items, self.vcs, self.view = ItemActions(self), VcsActions(self), ViewActions(self)
        self._preview_doc: Document | None = None
        self._folder_note = ""  # a note about the folder just opened, for the status bar
        self._tabs_wait = False  # the folder's tabs wait for the window to show (start-up)
        self._autosave_sources: dict[DocumentSession, AutosaveSource] = {}
        window.set_pane(LIBRARY, self.library)
        # Kept here: the splitter's takeover of a widget is invisible to Python's ownership.
        self.centre = _stacked(self.tabs, self.tools.find_bar)
        window.set_pane(CENTRE, self.centre)
        if self.preview is not None:
            window.set_pane(PREVIEW, self.preview)
        elif defer_preview:
            from curator_app.gui.preview.placeholder import PreviewPlaceholder

            # Parented, so Qt owns it (the splitter does not take a Python temporary).
            window.set_pane(PREVIEW, PreviewPlaceholder(parent=window))
        window.close_guard = self.confirm_close_all
        self.panes = Panes(window, self.tabs, self.library, settings)
        self.panes.apply()
        self.panes.on_change = lambda name, shown: self.menu[f"show_{name}"].setChecked(shown)
        for name in PANES:
            self.menu[f"show_{name}"].setChecked(self.panes.shown[name])
        self.menu["confirm_diff"].setChecked(settings.bool_value("confirm_save_diff", False))
        self.menu["remote_images"].setChecked(settings.bool_value("remote_images", False))
        self.menu["spell_check"].setChecked(settings.bool_value("spell_check", True))
        self.menu["stamp_modified"].setChecked(settings.bool_value("stamp_modified", True))
        self.tools.set_spelling(self.menu["spell_check"].isChecked())
        self.view.set_remote_images(self.menu["remote_images"].isChecked())
        self._connect()
        self._update_actions()

    def _connect(self) -> None:
        m, w, tabs, lib, git = self.menu, self.window, self.tabs, self.library, self.git
        items, vcs, view = self.items, self.vcs, self.view

        def message(timeout_ms: int) -> Callable[[str], None]:
            return lambda text: w.show_message(text, timeout_ms)

        table: list[tuple[SignalInstance, Callable[..., object]]] = [
            # the menus
            (m["open_folder"].triggered, self.choose_folder),
            (m.recent_menu.aboutToShow, lambda: m.fill_recent(self.settings.recent_folders())),
            (m.sig_open_recent, self.open_folder),
            (m.sig_clear_recent, self.settings.clear_recent),
            (m.recent_files_menu.aboutToShow, lambda: m.fill_recent_files(self.settings.recent_files())),
            (m.sig_open_recent_file, self.open_item),
            (m.sig_clear_recent_files, self.settings.clear_recent_files),
            (w.sig_paths_dropped, self.open_dropped),
            (m["save"].triggered, self.save_current),
            (m["save_all"].triggered, self.save_all),
            (m["revert"].triggered, self.revert_current),
            (m["close_item"].triggered, self.close_current),
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
            (tabs.tabCloseRequested, self.close_tab),
            (tabs.sig_session_opened, self._on_session_opened),
            (tabs.sig_session_closing, self._on_session_closing),
            (tabs.sig_current_session, self._on_current_session),
            (tabs.sig_title_changed, self._update_title),
            # the library
            (lib.sig_item_activated, self.open_item),
            (lib.sig_editor_wanted, self.panes.focus_editor),
            (lib.sig_loaded, self._on_library_loaded),
            (lib.sig_failed, message(10000)),
            (lib.sig_progress, self._on_index_progress),
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
        for signal, slot in table:
            signal.connect(slot)

    def review_mode(self) -> ReviewMode:
        """Review mode's window, built and wired on first use: most sessions never review."""
        if self.review is None:
            from curator_app.gui.review.mode import ReviewMode

            self.review = ReviewMode()
            self.review.setParent(self.window, Qt.WindowType.Window)
            self.review.setWindowTitle("Review Changes")
            self.review.resize(1200, 760)
            self.review.sig_open_item.connect(self.open_item)
            self.review.sig_decided.connect(self.items.reload_review_banners)
        return self.review

    def _connect_session(self, session: DocumentSession) -> None:
        """The same map for one open item; its connections go with the session."""
        table: list[tuple[SignalInstance, Callable[..., object]]] = [
            (session.sig_saved, lambda _path: self._on_saved(session)),
            (session.sig_changed, lambda: self._on_session_changed(session)),
            (session.sig_external_change, lambda: self.disk.ask_external_change(session)),
        ]
        for signal, slot in table:
            signal.connect(slot)

    # --- folders and items --------------------------------------------------------------

    def choose_folder(self) -> None:
        chosen = alerts.choose_folder(self.window, "Open Content Folder", self.folder)
        if chosen is not None:
            self.open_folder(chosen)

    def open_folder(self, folder: Path, select: Path | None = None) -> bool:
        """List `folder` in the library and open the items it had open (and `select`, or the
        first item once listed). Leaving a folder with unsaved edits asks first; False when
        the curator cancelled (everything stays as it was)."""
        folder = folder.resolve()
        if self.folder is not None and folder != self.folder and not self._leave_folder(folder):
            return False
        first = self.folder != folder
        self.folder = folder
        self.settings.remember_folder(folder)
        self.window.show_folder(folder)
        self.tabs.content_root = items_root(folder)
        self.library.open_folder(folder)
        if not self._git_waits:
            self.git.set_folder(folder)
        if self.review is not None and self.review.isVisible():
            self.review.open_folder(folder)
        if select is not None:
            self.open_item(select.resolve())
        if first and self._git_waits:
            self._tabs_wait = True  # starting: the window shows first, its tabs follow (start_git)
        elif first:
            self._reopen_tabs()
        self._update_title(self.tabs.current_session())
        return True

    def _reopen_tabs(self, waited: bool = False) -> None:
        """Open the tabs the folder had open; an item asked for by name stays current."""
        self._tabs_wait = False
        if self.folder is None:
            return
        asked = self.tabs.current_session()
        gone = folder_tabs.restore(self.settings, self.folder, self.tabs)
        if asked is not None:
            self.tabs.setCurrentIndex(self.tabs.index_of(asked.path))
        # Shown again once the library has loaded: its progress messages replace this one.
        self._folder_note = f"Not reopened, no longer in the folder: {', '.join(gone)}" if gone else ""
        if gone:
            self.window.show_message(self._folder_note, 10000)
        if waited and not self.tabs.count() and (first := self.library.model.path_at(0)) is not None:
            self.open_item(first)  # the library loaded while the tabs waited

    def _leave_folder(self, folder: Path) -> bool:
        """Before another folder opens: deal with unsaved edits, remember and close the tabs."""
        dirty = self.tabs.dirty_sessions()
        if dirty and not self._confirm_discard(dirty, "switch-folder", f"before opening {folder.name}", "Save All"):
            return False
        if self.folder is not None:
            folder_tabs.remember(self.settings, self.folder, self.tabs)
        self.tabs.close_all()
        self._update_actions()
        return True

    def open_item(self, path: Path) -> DocumentSession | None:
        session = self.tabs.open_path(path)
        if session is not None:
            self.settings.remember_file(path)
        return session

    def open_dropped(self, paths: list[Path]) -> None:
        """Files dropped on the window open as items; a dropped folder opens as the folder."""
        folders = [p for p in paths if p.is_dir()]
        if folders:
            self.open_folder(folders[0])
        for path in paths:
            if path.is_file():
                self.open_item(path)

    def _on_library_loaded(self, count: int) -> None:
        self._feed_completions()
        if self._folder_note:
            self.window.show_message(self._folder_note, 10000)
            self._folder_note = ""
        if self.tabs.count() == 0 and count and not self._tabs_wait:
            first = self.library.model.path_at(0)
            if first is not None:
                self.open_item(first)

    def _on_index_progress(self, done: int, total: int) -> None:
        if total and done < total:
            self.window.show_message(f"Indexing {done:,} of {total:,} items…")
        elif self.window.statusBar().currentMessage().startswith("Indexing "):
            # Only its own message: "… was deleted on disk" must outlive the refresh it causes.
            self.window.statusBar().clearMessage()

    def _feed_completions(self) -> None:
        tags, cats = self.library.values_used("tags"), self.library.values_used("categories")
        for i in range(self.tabs.count()):
            editor = self.tabs.editor_at(i)
            if editor is not None:
                editor.set_completions(("tags",), tags)
                editor.set_completions(("categories",), cats)

    # --- open items ---------------------------------------------------------------------

    def _on_session_opened(self, session: DocumentSession) -> None:
        self.undo_group.addStack(session.undo_stack)

        def source(s: DocumentSession = session) -> tuple[Path, bytes, str, bool]:
            return s.path, s.document.to_bytes(), s.document.disk_hash, s.is_dirty()

        self._autosave_sources[session] = source
        self.autosaver.track(source)
        self.library.watcher.watch_file(session.path)
        editor = self.tabs.editor_at(self.tabs.index_of(session.path))
        if editor is not None:
            self.panes.apply_to_editor(editor)
        if editor is not None and self.library.root is not None:
            editor.set_completions(("tags",), self.library.values_used("tags"))
            editor.set_completions(("categories",), self.library.values_used("categories"))
        self._connect_session(session)

    def _on_session_closing(self, session: DocumentSession) -> None:
        self.undo_group.removeStack(session.undo_stack)
        self.library.watcher.unwatch_file(session.path)
        source = self._autosave_sources.pop(session, None)
        if source is not None:
            self.autosaver.untrack(source, path=session.path)
        if session is self.tabs.current_session() and self.preview is not None:
            self._preview_doc = None

    def _on_current_session(self, session: DocumentSession | None) -> None:
        self.tools.attach(session)
        if session is not None:
            self.undo_group.setActiveStack(session.undo_stack)
            self._feed_preview(session)
        self._update_title(session)
        self._update_actions()

    def _on_session_changed(self, session: DocumentSession) -> None:
        if session is self.tabs.current_session():
            self._feed_preview(session)
        self._update_actions()

    def _on_saved(self, session: DocumentSession) -> None:
        self.autosaver.notify_saved(session.path)
        self.library.watcher.watch_file(session.path)  # the save replaced the file's inode
        self.git.refresh_status()
        self.window.show_message(f"Saved {session.path.name}", 4000)

    def start_git(self) -> None:
        """Read the open folder's repository and reopen its tabs (deferred at start-up, see __init__)."""
        self._git_waits = False
        if self.folder is not None:
            self.git.set_folder(self.folder)
        if self._tabs_wait:
            self._reopen_tabs(waited=True)

    def start_preview(self) -> PreviewPane | None:
        """Create the preview in the placeholder's place and show the current item in it."""
        if self.preview is not None:
            return self.preview
        self.preview = _make_preview()
        if self.preview is None:
            from curator_app.gui.preview.placeholder import PreviewPlaceholder

            self.window.set_pane(
                PREVIEW, PreviewPlaceholder("No preview: QtWebEngine is not installed", parent=self.window))
            return None
        self.window.set_pane(PREVIEW, self.preview)
        self.preview.show()  # a child added to a window already on screen starts hidden
        self.panes.apply()  # unless the curator hid the preview
        self.preview.set_allow_remote_images(self.menu["remote_images"].isChecked())
        session = self.tabs.current_session()
        if session is not None:
            self._feed_preview(session)
        return self.preview

    def _feed_preview(self, session: DocumentSession) -> None:
        if self.preview is None:
            return
        if session.document is not self._preview_doc:
            self._preview_doc = session.document
            # The site's own images (static/, its base URL) are inside the site, not content/.
            site = find_site(session.path)
            inside = site is not None and session.path.resolve().is_relative_to(site.root.resolve())
            self.preview.set_document(session.document, site.root if inside and site else session.content_root)
        else:
            self.preview.document_changed()

    def _update_title(self, session: DocumentSession | None) -> None:
        if session is not None:
            self.window.show_title(window_name(session), dirty=session.is_dirty())
        else:
            self.window.show_title(None, dirty=False)

    def _update_actions(self) -> None:
        session = self.tabs.current_session()
        editable = session is not None and not session.read_only
        self.menu["save"].setEnabled(editable)
        self.menu["revert"].setEnabled(editable and session is not None and session.is_dirty())
        self.menu["close_item"].setEnabled(self.tabs.count() > 0)
        for name in ("duplicate_item", "rename_item", "move_item", "delete_item", "fix_all", "find", "replace",
                     "add_field", "remove_field", "move_field_up", "move_field_down", "next_problem",
                     "previous_problem", "apply_fix", "add_category", "add_tag"):
            self.menu[name].setEnabled(session is not None and (name == "find" or not session.read_only))
        self.menu["save_all"].setEnabled(bool(self.tabs.dirty_sessions()))

    # --- saving -------------------------------------------------------------------------

    def save_current(self) -> bool:
        session = self.tabs.current_session()
        return self.save(session) if session is not None else False

    def save_all(self) -> bool:
        return all(self.save(s) for s in self.tabs.dirty_sessions())

    def save(self, session: DocumentSession, force: bool = False) -> bool:
        if session.read_only:
            return False
        if self.menu["stamp_modified"].isChecked() and session.is_dirty():
            self.tools.stamp_modified(session)  # before the diff, so the diff shows it
        if self.menu["confirm_diff"].isChecked() and not force:
            old = session.path.read_bytes() if session.path.exists() else b""
            dialog = SaveDiffDialog(session.path, old, session.document.to_bytes(), self.window,
                                    title=item_name(session))
            if alerts.run(dialog) != QDialog.DialogCode.Accepted:
                return False
        try:
            if not missing(session.path):
                session.save(force=force)
            elif not self.gone.save_missing(session):
                return False
        except WriteConflictError:
            self.disk.ask_external_change(session, saving=True)
            return False
        except CuratorError as exc:
            # The edits stay in the editor; the file on disk is untouched (atomic writer).
            alerts.tell(self.window, "save-failed", "Could not save", str(exc), level=alerts.Level.WARNING)
            return False
        self._update_title(session)
        self._update_actions()
        return True

    def revert_current(self) -> None:
        session = self.tabs.current_session()
        if session is None or not session.is_dirty():
            return
        answer = alerts.ask(
            self.window,
            "revert",
            "Revert",
            f"Throw away the unsaved changes to {prompt_title(session)}?",
            ["Discard", alerts.CANCEL],
            default=alerts.CANCEL,  # Enter must never throw edits away
            detail=str(session.path),
        )
        if answer == "Discard":
            session.revert()

    # --- git ----------------------------------------------------------------------------

    # --- closing ------------------------------------------------------------------------

    def close_current(self) -> None:
        if self.tabs.count():
            self.close_tab(self.tabs.currentIndex())

    def close_tab(self, index: int) -> None:
        session = self.tabs.session_at(index)
        if session is not None and session.is_dirty() and not self._confirm_discard([session]):
            return
        self.tabs.close_index(index)
        self._update_actions()
        if not self.tabs.count():
            self._update_title(None)

    def confirm_close_all(self) -> bool:
        dirty = self.tabs.dirty_sessions()
        if dirty and not self._confirm_discard(dirty):
            return False
        if self.folder is not None:
            folder_tabs.remember(self.settings, self.folder, self.tabs)
        self.tabs.close_all()
        if self.preview is not None:
            self.preview.shutdown()
        self.autosaver.shutdown()
        self.recovery.close()
        self.library.shutdown()
        self.git.shutdown()
        return True

    def _confirm_discard(self, sessions: list[DocumentSession], name: str = "unsaved-changes",
                         why: str = "before closing", save: str = "Save") -> bool:
        """Ask Save / Discard / Cancel for unsaved edits; True when it is fine to close."""
        names, paths = prompt_names(sessions)
        answer = alerts.ask(
            self.window,
            name,
            "Unsaved changes",
            f"Save the changes to {names} {why}?",
            [save, "Discard", alerts.CANCEL],
            default=save,
            detail=paths,
            level=alerts.Level.WARNING,
        )
        if answer == save:
            return all(self.save(s) for s in sessions)
        return answer == "Discard"

    # --- crash recovery -----------------------------------------------------------------

    def offer_recovery(self) -> int:
        """At startup: offer the unsaved edits of a Curator that was killed; returns how many were restored."""
        restored = RecoveryDialog.offer(self.recovery, self.window)
        for doc in restored:
            if doc.path is None or not doc.path.exists():
                continue
            session = self.tabs.open_path(doc.path)
            if session is not None:
                state = doc.snapshot()

                def apply(d: Document, st: tuple[str, str] = state) -> None:
                    d.restore(st)

                session.edit("Recovered unsaved edits", apply)
        return len(restored)


def _stacked(top: QWidget, bottom: QWidget) -> QWidget:
    """The centre pane: the open items, with the find bar under them when it is open."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(top, 1)
    layout.addWidget(bottom)
    return box


def _make_preview() -> PreviewPane | None:
    try:
        from curator_app.gui.preview.pane import PreviewPane
    except ImportError:  # QtWebEngine missing: the editor still works
        return None
    return PreviewPane()
