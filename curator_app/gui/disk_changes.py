"""Changes to open items made outside this window: another program, or a pull.

Every notice comes from the window's one watcher (curator_app.gui.library.watcher) and
reaches the item's session once; the session compares the bytes on disk with the
version it has dealt with, so a repeated notice changes nothing. A clean item takes the
disk version; an item with unsaved edits asks to reload, keep mine or merge field by
field. While a pull runs the watcher holds its notices; the pull then arrives as one
event (`on_pulled`) that merges into unsaved edits with the pre-pull version as the base.
The disk is read once per decision: the version merged is the version adopted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.gui import alerts
from curator_app.gui.documents import DocumentTabs, prompt_title
from curator_app.gui.git.controller import GitController
from curator_app.gui.gone_items import GoneItems, missing
from curator_app.gui.session import DocumentSession

if TYPE_CHECKING:
    from curator_app.core.algebra.merge3 import MergeResult

RELOAD, KEEP_MINE, MERGE = "Reload", "Keep Mine", "Merge…"

SaveFn = Callable[[DocumentSession, bool], bool]


class DiskChanges(QObject):
    def __init__(
        self, window: QWidget, tabs: DocumentTabs, git: GitController, save: SaveFn, gone: GoneItems
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tabs = tabs
        self._git = git
        self._save = save
        self._gone = gone
        self._asking: set[DocumentSession] = set()  # sessions with an external-change question open

    def file_changed(self, path: Path) -> None:
        """The watcher's notice for one file: its session looks at the disk once."""
        session = self._tabs.session_at(self._tabs.index_of(path.resolve()))
        if session is None:
            return
        if missing(session.path):
            self._gone.file_missing(session)  # deleted or moved: never a reload question
        else:
            session.check_disk()

    def ask_external_change(self, session: DocumentSession, saving: bool = False) -> None:
        """The file changed on disk while there are unsaved edits: reload, keep mine or merge."""
        if session not in self._tabs.sessions() or session in self._asking:
            return
        disk = session.disk_version = session.disk_version or session.read_disk()
        if disk is None:
            return
        self._asking.add(session)
        try:
            answer = alerts.ask(
                self._window,
                "external-change",
                "File changed on disk",
                f"{prompt_title(session)} was changed by another program.",
                [RELOAD, KEEP_MINE, MERGE, alerts.CANCEL],
                default=MERGE,
                detail="Your unsaved edits are still here. Reload the version on disk, keep your "
                "version (saving will overwrite the disk), or merge the two field by field."
                f"\n{session.path}",
                level=alerts.Level.WARNING,
            )
            if answer == RELOAD:
                session.reload_from_disk()
            elif answer == KEEP_MINE:
                session.keep_mine()
                if saving:
                    self._save(session, True)
            elif answer == MERGE:
                original = session.document.original_bytes
                self._merge(session, original, disk, "Merge with the version on disk", pulled=False)
        finally:
            self._asking.discard(session)

    def on_pulled(self, paths: list[Path]) -> None:
        """One event per pull: clean items take the pulled version, unsaved edits merge into it."""
        changed = {p.resolve() for p in paths}
        for session in self._tabs.sessions():
            if session.path.resolve() not in changed:
                continue
            if missing(session.path):
                self._gone.file_missing(session)
                continue
            disk = session.read_disk()
            if disk is None or disk.disk_hash == session.document.disk_hash:
                continue
            if not session.is_dirty():
                session.take(disk)
                continue
            base = self._git.pre_pull_bytes(session.path) or session.document.original_bytes
            if not self._merge(session, base, disk, "Merge with the pulled version"):
                # Kept as it was: the next save asks about the pulled version.
                session.mark_seen(disk)
                session.disk_version = disk

    def _merge(
        self, session: DocumentSession, base: bytes, disk: Document, label: str, pulled: bool = True
    ) -> bool:
        """Merge `disk` (read once by the caller) with the session's unsaved edits.

        The result becomes one undoable, unsaved edit on top of `disk`; conflicts go to the
        merge dialog. False when it could not be merged or the curator cancelled (the
        session is then left as it was).
        """
        from curator_app.core.algebra.merge3 import merge_documents

        try:
            # Theirs as bytes: the merge edits a copy, and `disk` stays the version merged.
            result = merge_documents(base, disk.original_bytes, session.document)
        except CuratorError as exc:
            alerts.tell(self._window, "merge-failed", "Cannot merge", str(exc), level=alerts.Level.WARNING)
            return False
        merged = result.document if result.clean else _resolve_conflicts(result, self._window, pulled)
        if merged is None:
            return False
        session.adopt(disk, label, merged.snapshot())
        return True


def _resolve_conflicts(result: MergeResult, parent: QWidget, pulled: bool = True) -> Document | None:
    from curator_app.gui.git.merge_dialog import DISK, PULL, MergeDialog

    # An edit made in another program is no pull: the dialog says "on disk" for it.
    dialog = MergeDialog(result, parent, wording=PULL if pulled else DISK)
    if alerts.run(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.merged_document()
