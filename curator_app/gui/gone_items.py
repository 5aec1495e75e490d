"""Open items whose file went away on disk: deleted, or moved by another program, `git mv`
or a pull.

A missing file is looked at again a moment later (some writers delete before they
write). If the same bytes now live elsewhere in the folder, the tab follows them and says
so. Otherwise the tab is marked deleted; a tab without edits offers Close / Keep Open, and
saving a deleted item asks where to: re-create it at the old path, Save As…, or Cancel.
Nothing here reloads from a file that is not there.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from curator_app.core.errors import CuratorError
from curator_app.core.site import tree
from curator_app.gui import alerts
from curator_app.gui.documents import DocumentTabs, prompt_title
from curator_app.gui.library.watcher import FolderWatcher
from curator_app.gui.session import DocumentSession

CLOSE, KEEP_OPEN = "Close", "Keep Open"
RECREATE, SAVE_AS = "Re-create", "Save As…"
SETTLE_MS = 150  # how long a missing file may take to come back before it counts as gone


class GoneItems(QObject):
    def __init__(
        self,
        window: QWidget,
        tabs: DocumentTabs,
        watcher: FolderWatcher,
        root: Callable[[], Path | None],
        message: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tabs = tabs
        self._watcher = watcher
        self._root = root  # the library's items root, where a moved item is looked for
        self._message = message
        self._pending: set[DocumentSession] = set()

    def file_missing(self, session: DocumentSession) -> None:
        """The session's file is not there: decide once it has had a moment to come back."""
        if session.gone or session in self._pending:
            return
        self._pending.add(session)
        QTimer.singleShot(SETTLE_MS, lambda: self._settle(session))

    def _settle(self, session: DocumentSession) -> None:
        self._pending.discard(session)
        if session not in self._tabs.sessions():
            return
        if session.path.exists():
            session.check_disk()  # rewritten, not removed
            return
        moved = self._find_moved(session)
        if moved is not None:
            self.follow(session, moved)
            return
        session.gone = True
        self._tabs.refresh_tab(session)
        self._message(f"{prompt_title(session)} was deleted on disk ({session.path})")
        if session.is_dirty():
            return  # the edits stay; saving asks where to put them
        answer = alerts.ask(
            self._window,
            "item-gone",
            "Item deleted",
            f"{prompt_title(session)} was deleted on disk.",
            [CLOSE, KEEP_OPEN],
            default=KEEP_OPEN,
            detail=f"{session.path}\nKeep it open to read it, or to save it again.",
            level=alerts.Level.WARNING,
        )
        if answer == CLOSE:
            self._tabs.close_index(self._tabs.index_of(session.path))

    def follow(self, session: DocumentSession, path: Path) -> None:
        """Point the tab at the item's new path (moved on disk, or saved elsewhere)."""
        old = session.path
        self._watcher.unwatch_file(old)
        session.relocate(path.resolve())
        self._watcher.watch_file(session.path)
        self._tabs.refresh_tab(session)
        root = self._root()
        where = session.path.relative_to(root) if root and session.path.is_relative_to(root) else session.path
        self._message(f"{prompt_title(session)} moved on disk to {where}: the tab follows it")

    def _find_moved(self, session: DocumentSession) -> Path | None:
        """A file under the items root with the bytes the session last knew; None if none is."""
        root = self._root()
        if root is None:
            return None
        hashes = session.known_hashes()
        size = len(session.document.original_bytes)
        for entry in tree.walk(root):
            try:
                if entry.stat().st_size != size:
                    continue
                with open(entry.path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                continue
            if digest in hashes and not self._tabs.index_of(Path(entry.path).resolve()) >= 0:
                return Path(entry.path)
        return None

    def save_missing(self, session: DocumentSession) -> bool:
        """Save an item whose file is gone: re-create it, Save As…, or Cancel (False)."""
        answer = alerts.ask(
            self._window,
            "save-gone",
            "Save deleted item",
            f"{prompt_title(session)} was deleted on disk. Where should it be saved?",
            [RECREATE, SAVE_AS, alerts.CANCEL],
            default=SAVE_AS,
            detail=f"Re-create puts it back at {session.path}.",
            level=alerts.Level.WARNING,
        )
        if answer == RECREATE:
            target = session.path
        elif answer == SAVE_AS:
            chosen = alerts.choose_save_file(self._window, "Save the item as", session.path)
            if chosen is None:
                return False
            target = chosen.resolve()
        else:
            return False
        if not target.parent.is_dir():
            raise CuratorError(f"{target.parent}: the folder no longer exists", target)
        old = session.path
        session.relocate(target)
        try:
            session.save(force=True)
        except CuratorError:
            session.relocate(old)
            session.gone = True
            raise
        if target != old:
            self._watcher.unwatch_file(old)
        self._tabs.refresh_tab(session)
        return True


def missing(path: Path) -> bool:
    """The file is not there (an unreadable file is there, and is not gone)."""
    return not os.path.lexists(path)
