"""Open items whose file went away on disk: deleted, or moved by another program, `git mv`
or a pull.

A missing file is looked at again a moment later (some writers delete before they
write). The item is then looked for elsewhere in the folder: first by its front matter's
`id` (a `git mv` followed by an edit, or a pull that renames and changes it, keeps that),
then by the bytes the tab last knew. Found once, the tab follows it and says so; if the
bytes there differ, the ordinary disk-change path decides (a clean tab reloads, unsaved
edits ask). Two files claiming the same id are not guessed between. Otherwise the tab is marked deleted; a tab without edits offers Close / Keep Open, and
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
from curator_app.core.library.scan import read_front_values
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
        moved, clash = self._find_moved(session)
        if moved is not None:
            self.follow(session, moved)
            session.check_disk()  # moved and edited: reload if clean, ask if not
            return
        session.gone = True
        self._tabs.refresh_tab(session)
        self._message(f"{prompt_title(session)} was deleted on disk ({session.path}){clash}")
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

    def _find_moved(self, session: DocumentSession) -> tuple[Path | None, str]:
        """Where the item went: the one other file under the items root with its `id`, else
        one with the bytes the session last knew. (None, why not) when there is no such
        single file; `why` is empty unless several files claim the id."""
        root = self._root()
        if root is None:
            return None, ""
        item_id = _id_of(session.document.data)
        hashes = session.known_hashes()
        size = len(session.document.original_bytes)
        same_id: list[Path] = []
        same_bytes: Path | None = None
        for entry in tree.walk(root):
            path = Path(entry.path)
            if self._tabs.index_of(path.resolve()) >= 0:
                continue  # open in a tab of its own: that item is not this one
            try:
                if not item_id and entry.stat().st_size != size:
                    continue  # only the same bytes can be it, and these are not
                with open(entry.path, "rb") as f:
                    raw = f.read()
            except OSError:
                continue
            if item_id and item_id.encode() in raw and _has_id(raw, item_id):
                same_id.append(path)
            if same_bytes is None and len(raw) == size and hashlib.sha256(raw).hexdigest() in hashes:
                same_bytes = path
        if len(same_id) == 1:
            return same_id[0], ""
        if len(same_id) > 1:
            names = ", ".join(str(p.relative_to(root)) for p in sorted(same_id))
            return None, f"; not followed: {len(same_id)} files have its id {item_id} ({names})"
        return same_bytes, ""

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


def _id_of(data: object) -> str:
    """The front matter's `id` as text ('' when there is none to go by)."""
    value = data.get("id") if isinstance(data, dict) else None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return ""
    return str(value).strip()


def _has_id(raw: bytes, item_id: str) -> bool:
    """The file's front matter holds this id (only files that contain its text are parsed)."""
    try:
        values, _body, _fmt = read_front_values(raw)
    except CuratorError:
        return False
    return _id_of(values) == item_id


def missing(path: Path) -> bool:
    """The file is not there (an unreadable file is there, and is not gone)."""
    return not os.path.lexists(path)
