"""Opening things: the content folder (with the tabs it had open), items by path or by
drop, and what the library's loading means for the open tabs and the status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curator_app.core.site.tree import items_root
from curator_app.gui import alerts, folder_tabs
from curator_app.gui.actions import Actions
from curator_app.gui.session import DocumentSession

if TYPE_CHECKING:
    from curator_app.gui.wiring import Workbench


class FolderActions(Actions):
    def __init__(self, bench: Workbench, *, git_waits: bool) -> None:
        """git_waits: the app is starting; git and the folder's tabs wait for start_git()."""
        super().__init__(bench)
        self._git_waits = git_waits
        self._folder_note = ""  # a note about the folder just opened, for the status bar
        self._tabs_wait = False  # the folder's tabs wait for the window to show (start-up)

    def choose_folder(self) -> None:
        chosen = alerts.choose_folder(self.bench.window, "Open Content Folder", self.bench.folder)
        if chosen is not None:
            self.open_folder(chosen)

    def open_folder(self, folder: Path, select: Path | None = None) -> bool:
        """List `folder` in the library and open the items it had open (and `select`, or the
        first item once listed). Leaving a folder with unsaved edits asks first; False when
        the curator cancelled (everything stays as it was)."""
        bench = self.bench
        folder = folder.resolve()
        if bench.folder is not None and folder != bench.folder and not self._leave_folder(folder):
            return False
        first = bench.folder != folder
        bench.folder = folder
        bench.settings.remember_folder(folder)
        bench.window.show_folder(folder)
        bench.tabs.content_root = items_root(folder)
        bench.library.open_folder(folder)
        if not self._git_waits:
            bench.git.set_folder(folder)
        if bench.review is not None and bench.review.isVisible():
            bench.review.open_folder(folder)
        if select is not None:
            self.open_item(select.resolve())
        if first and self._git_waits:
            self._tabs_wait = True  # starting: the window shows first, its tabs follow (start_git)
        elif first:
            self._reopen_tabs()
        bench.sessions.update_title(bench.tabs.current_session())
        return True

    def start_git(self) -> None:
        """Read the open folder's repository and reopen its tabs (deferred at start-up)."""
        self._git_waits = False
        if self.bench.folder is not None:
            self.bench.git.set_folder(self.bench.folder)
        if self._tabs_wait:
            self._reopen_tabs(waited=True)

    def _reopen_tabs(self, waited: bool = False) -> None:
        """Open the tabs the folder had open; an item asked for by name stays current."""
        bench, tabs = self.bench, self.bench.tabs
        self._tabs_wait = False
        if bench.folder is None:
            return
        asked = tabs.current_session()
        gone = folder_tabs.restore(bench.settings, bench.folder, tabs)
        if asked is not None:
            tabs.setCurrentIndex(tabs.index_of(asked.path))
        # Shown again once the library has loaded: its progress messages replace this one.
        self._folder_note = f"Not reopened, no longer in the folder: {', '.join(gone)}" if gone else ""
        if gone:
            bench.window.show_message(self._folder_note, 10000)
        if waited and not tabs.count() and (first := bench.library.model.path_at(0)) is not None:
            self.open_item(first)  # the library loaded while the tabs waited

    def _leave_folder(self, folder: Path) -> bool:
        """Before another folder opens: deal with unsaved edits, remember and close the tabs."""
        bench = self.bench
        dirty = bench.tabs.dirty_sessions()
        if dirty and not bench.saving.confirm_discard(
                dirty, "switch-folder", f"before opening {folder.name}", "Save All"):
            return False
        if bench.folder is not None:
            folder_tabs.remember(bench.settings, bench.folder, bench.tabs)
        bench.tabs.close_all()
        bench.sessions.update_actions()
        return True

    def open_item(self, path: Path) -> DocumentSession | None:
        session = self.bench.tabs.open_path(path)
        if session is not None:
            self.bench.settings.remember_file(path)
        return session

    def open_dropped(self, paths: list[Path]) -> None:
        """Files dropped on the window open as items; a dropped folder opens as the folder."""
        folders = [p for p in paths if p.is_dir()]
        if folders:
            self.open_folder(folders[0])
        for path in paths:
            if path.is_file():
                self.open_item(path)

    def library_loaded(self, count: int) -> None:
        bench = self.bench
        self.feed_completions()
        if self._folder_note:
            bench.window.show_message(self._folder_note, 10000)
            self._folder_note = ""
        if bench.tabs.count() == 0 and count and not self._tabs_wait:
            first = bench.library.model.path_at(0)
            if first is not None:
                self.open_item(first)

    def index_progress(self, done: int, total: int) -> None:
        window = self.bench.window
        if total and done < total:
            window.show_message(f"Indexing {done:,} of {total:,} items…")
        elif window.statusBar().currentMessage().startswith("Indexing "):
            # Only its own message: "… was deleted on disk" must outlive the refresh it causes.
            window.statusBar().clearMessage()

    def feed_completions(self) -> None:
        """The tags and categories the library uses, offered by every open editor."""
        bench = self.bench
        tags, cats = bench.library.values_used("tags"), bench.library.values_used("categories")
        for i in range(bench.tabs.count()):
            editor = bench.tabs.editor_at(i)
            if editor is not None:
                editor.set_completions(("tags",), tags)
                editor.set_completions(("categories",), cats)
