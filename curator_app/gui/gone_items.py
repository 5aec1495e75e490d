"""Open items whose file went away on disk: deleted, or moved by another program, `git mv`
or a pull.

A missing file is looked at again a moment later (some writers delete before they
write). The item is then looked for elsewhere in the folder, on a worker thread (reading
a 10,000-item folder takes a second or two; the window stays responsive): first by its front matter's
`id` (a `git mv` followed by an edit, or a pull that renames and changes it, keeps that),
then by the bytes the tab last knew. Found once, the tab follows it and says so; if the
bytes there differ, the ordinary disk-change path decides (a clean tab reloads, unsaved
edits ask). Two files claiming the same id are not guessed between. Otherwise the tab is marked deleted; a tab without edits offers Close / Keep Open, and
saving a deleted item asks where to: re-create it at the old path, Save As…, or Cancel.
Nothing here reloads from a file that is not there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
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


_SEARCH = ThreadPoolExecutor(max_workers=1, thread_name_prefix="curator-moved-item")


class GoneItems(QObject):
    _sig_searched = Signal(object, object, object)  # session, root, find_moved's result

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
        self._sig_searched.connect(self._searched)  # queued: emitted on the worker thread

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
        root = self._root()
        if root is None:
            self._mark_gone(session, "")
            return
        self._pending.add(session)  # until the search answers: more notices change nothing
        item_id = _id_of(session.document.data)
        hashes, size = session.known_hashes(), len(session.document.original_bytes)
        open_paths = {s.path for s in self._tabs.sessions()}

        def search() -> None:
            try:
                found = find_moved(root, item_id, hashes, size, open_paths)
            except (OSError, CuratorError):
                found = ([], None)  # the folder could not be read: the item counts as deleted
            with contextlib.suppress(RuntimeError):  # the window closed while the folder was read
                self._sig_searched.emit(session, root, found)

        _SEARCH.submit(search)

    def _searched(self, session: DocumentSession, root: Path,
                  found: tuple[list[Path], Path | None]) -> None:
        """Where the item went: the one other file with its `id`, else one with the bytes
        the session last knew; two files claiming the id are not guessed between."""
        self._pending.discard(session)
        if session not in self._tabs.sessions():
            return
        if session.path.exists():
            session.check_disk()  # came back while the folder was read
            return
        same_id, same_bytes = found
        moved = same_id[0] if len(same_id) == 1 else same_bytes if not same_id else None
        if moved is not None and moved.exists():
            self.follow(session, moved)
            session.check_disk()  # moved and edited: reload if clean, ask if not
            return
        clash = ""
        if len(same_id) > 1:
            names = ", ".join(str(p.relative_to(root)) for p in sorted(same_id))
            clash = f"; not followed: {len(same_id)} files have its id {_id_of(session.document.data)} ({names})"
        self._mark_gone(session, clash)

    def _mark_gone(self, session: DocumentSession, clash: str) -> None:
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


def find_moved(root: Path, item_id: str, hashes: set[str], size: int,
               open_paths: set[Path]) -> tuple[list[Path], Path | None]:
    """One walk of the items root: the files whose front matter has `item_id` (none looked
    for when it is ''), and the first with one of `hashes` (`size` bytes long). Files open
    in a tab (resolved paths) are other items, never candidates."""
    same_id: list[Path] = []
    same_bytes: Path | None = None
    # Only a file with a line giving this id (YAML `id: 5683`, TOML `id = 5683`, JSON
    # `"id": 5683`) is parsed to make sure: the id's digits alone turn up in dates and URLs.
    digits = item_id.encode()
    needle = re.compile(rb'(?m)^[ \t]*"?id"?[ \t]*[:=][ \t]*["\']?' + re.escape(digits) + rb'["\']?[ \t]*,?[ \t]*\r?$')
    for entry in tree.walk(root):
        try:
            if not item_id and entry.stat().st_size != size:
                continue  # only the same bytes can be it, and these are not
            with open(entry.path, "rb") as f:
                raw = f.read()
        except OSError:
            continue
        by_id = bool(item_id) and digits in raw and needle.search(raw) is not None and _has_id(raw, item_id)
        by_bytes = same_bytes is None and len(raw) == size and hashlib.sha256(raw).hexdigest() in hashes
        if (by_id or by_bytes) and Path(entry.path).resolve() not in open_paths:
            if by_id:
                same_id.append(Path(entry.path))
            if by_bytes:
                same_bytes = Path(entry.path)
    return same_id, same_bytes


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
