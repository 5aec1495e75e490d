"""Opening the content folder (with the tabs it had open) or what was dropped on the
window, and what the library's loading means for the open tabs and the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer

from curator_app.core.site.tree import items_root
from curator_app.gui import alerts, folder_tabs
from curator_app.gui.actions import Actions
from curator_app.gui.actions.saving import SaveActions
from curator_app.gui.actions.sessions import SessionActions
from curator_app.gui.parts import WindowParts


class FolderActions(Actions):
    def __init__(self, parts: WindowParts, sessions: SessionActions, saving: SaveActions, *, git_waits: bool) -> None:
        """git_waits: the app is starting; git and the folder's tabs wait for start_git()."""
        super().__init__(parts)
        self._sessions, self._saving = sessions, saving
        self._git_waits = git_waits
        # Reading an item's review notes loads git, and its first lint is best taken from the
        # preview's worker: at start-up both wait for start_git too.
        parts.tabs.held = git_waits
        self._folder_note = ""  # a note about the folder just opened, for the status bar
        self._tabs_wait = False  # the folder's tabs wait for the window to show (start-up)
        self._lint_waits = False  # the library's lint pass waits for the first item's preview

    def choose_folder(self) -> None:
        chosen = alerts.choose_folder(self.parts.window, "Open Content Folder", self.parts.folder)
        if chosen is not None:
            self.open_folder(chosen)

    def open_folder(self, folder: Path, select: Path | None = None) -> bool:
        """List `folder` in the library and open the items it had open (and `select`, or the
        first item once listed). Leaving a folder with unsaved edits asks first; False when
        the curator cancelled (everything stays as it was)."""
        parts = self.parts
        folder = folder.resolve()
        if parts.folder is not None and folder != parts.folder and not self._leave_folder(folder):
            return False
        first = parts.folder != folder
        parts.folder = folder
        parts.settings.remember_folder(folder)
        parts.window.show_folder(folder)
        parts.tabs.content_root = items_root(folder)
        parts.library.open_folder(folder)
        if not self._git_waits:
            parts.git.set_folder(folder)
        if parts.review is not None and parts.review.isVisible():
            parts.review.open_folder(folder)
        if select is not None:
            parts.open_item(select.resolve())
        if first and self._git_waits:
            self._tabs_wait = True  # starting: the window shows first, its tabs follow (start_git)
        elif first:
            self._reopen_tabs()
        self._sessions.update_title(parts.tabs.current_session())
        return True

    def reopen_waiting_tabs(self) -> None:
        """At start-up, before the preview's engine starts: reopen the folder's tabs. Their
        review notes and first lint still wait for start_git (tabs.held); the preview then
        starts with the item to show (see gui/app.py run_gui)."""
        if self._tabs_wait:
            self._reopen_tabs(waited=True)

    def start_git(self) -> None:
        """Read the open folder's repository and reopen its tabs (deferred at start-up)."""
        self._git_waits = False
        if self.parts.folder is not None:
            self.parts.git.set_folder(self.parts.folder)
        self.parts.tabs.release()
        if self._tabs_wait:
            self._reopen_tabs(waited=True)

    def _reopen_tabs(self, waited: bool = False) -> None:
        """Open the tabs the folder had open; an item asked for by name stays current."""
        parts, tabs = self.parts, self.parts.tabs
        self._tabs_wait = False
        if parts.folder is None:
            return
        asked = tabs.current_session()
        gone = folder_tabs.restore(parts.settings, parts.folder, tabs)
        if asked is not None:
            tabs.setCurrentIndex(tabs.index_of(asked.path))
        # Shown again once the library has loaded: its progress messages replace this one.
        self._folder_note = f"Not reopened, no longer in the folder: {', '.join(gone)}" if gone else ""
        if gone:
            parts.window.show_message(self._folder_note, 10000)
        if waited and not tabs.count() and (first := parts.library.model.path_at(0)) is not None:
            self.parts.open_item(first)  # the library loaded while the tabs waited

    def _leave_folder(self, folder: Path) -> bool:
        """Before another folder opens: deal with unsaved edits, remember and close the tabs."""
        parts = self.parts
        dirty = parts.tabs.dirty_sessions()
        if dirty and not self._saving.confirm_discard(
                dirty, "switch-folder", f"before opening {folder.name}", "Save All"):
            return False
        if parts.folder is not None:
            folder_tabs.remember(parts.settings, parts.folder, parts.tabs)
        parts.tabs.close_all()
        self._sessions.update_actions()
        return True

    def open_dropped(self, paths: list[Path]) -> None:
        """Files dropped on the window open as items; a dropped folder opens as the folder."""
        folders = [p for p in paths if p.is_dir()]
        if folders:
            self.open_folder(folders[0])
        for path in paths:
            if path.is_file():
                self.parts.open_item(path)

    def library_loaded(self, count: int) -> None:
        parts = self.parts
        self.feed_completions()
        if self._folder_note:
            parts.window.show_message(self._folder_note, 10000)
            self._folder_note = ""
        if parts.tabs.count() == 0 and count and not self._tabs_wait:
            # In a turn of its own: this one has filled the list, and both together froze
            # the window for up to 0.2 s on a freshly indexed 10,000-item folder.
            parts.library.hold_lint()
            QTimer.singleShot(0, self._open_first)

    def _open_first(self) -> None:
        """Open the list's first item; the library's lint pass waits until its preview has
        painted (it competed with the item's first render for the two cores)."""
        parts = self.parts
        first = parts.library.model.path_at(0)
        if parts.tabs.count() or first is None:
            parts.library.release_lint()
            return
        parts.open_item(first)
        if parts.preview is None:
            parts.library.release_lint()
        else:
            self._lint_waits = True

    def preview_painted(self) -> None:
        """The preview has shown a render (or failed to): a held lint pass may start."""
        if self._lint_waits:
            self._lint_waits = False
            self.parts.library.release_lint()

    def index_progress(self, done: int, total: int) -> None:
        window = self.parts.window
        if total and done < total:
            window.show_message(f"Indexing {done:,} of {total:,} items…")
        elif window.statusBar().currentMessage().startswith("Indexing "):
            # Only its own message: "… was deleted on disk" must outlive the refresh it causes.
            window.statusBar().clearMessage()

    def feed_completions(self) -> None:
        """The tags and categories the library uses, offered by every open editor."""
        parts = self.parts
        tags, cats = parts.library.values_used("tags"), parts.library.values_used("categories")
        for i in range(parts.tabs.count()):
            editor = parts.tabs.editor_at(i)
            if editor is not None:
                editor.set_completions(("tags",), tags)
                editor.set_completions(("categories",), cats)
