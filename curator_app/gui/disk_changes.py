"""Changes to open items made outside this window: another program, or a pull.

A clean item takes the disk version; an item with unsaved edits asks the curator to
reload, keep theirs or merge field by field, and a pull merges into unsaved edits with
the pre-pull version as the base.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QWidget

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.gui import alerts
from curator_app.gui.documents import DocumentTabs
from curator_app.gui.git import GitController
from curator_app.gui.session import DocumentSession

if TYPE_CHECKING:
    from curator_app.core.algebra.merge3 import MergeResult

EXTERNAL_CHANGE_GRACE_MS = 400
RELOAD, KEEP_MINE, MERGE = "Reload", "Keep Mine", "Merge…"

SaveFn = Callable[[DocumentSession, bool], bool]


class DiskChanges(QObject):
    def __init__(self, window: QWidget, tabs: DocumentTabs, git: GitController, save: SaveFn) -> None:
        super().__init__(window)
        self._window = window
        self._tabs = tabs
        self._git = git
        self._save = save
        self._asking: set[DocumentSession] = set()  # sessions with an external-change question open

    def ask_external_change(self, session: DocumentSession, saving: bool = False) -> None:
        """The file changed on disk while there are unsaved edits: reload, keep mine or merge.

        Asked a moment later, and only if still true: a pull of that file is merged by
        on_pulled, which leaves nothing to ask.
        """
        if saving:
            self._ask(session, saving)
        else:
            QTimer.singleShot(EXTERNAL_CHANGE_GRACE_MS, lambda: self._ask(session, saving))

    def _ask(self, session: DocumentSession, saving: bool) -> None:
        if session not in self._tabs.sessions() or session in self._asking:
            return
        if not saving and not session.document.changed_on_disk():
            return
        self._asking.add(session)
        try:
            answer = alerts.ask(
                self._window,
                "external-change",
                "File changed on disk",
                f"{session.path.name} was changed by another program.",
                [RELOAD, KEEP_MINE, MERGE, alerts.CANCEL],
                default=MERGE,
                detail="Your unsaved edits are still here. Reload the version on disk, keep your "
                "version (saving will overwrite the disk), or merge the two field by field.",
                level=alerts.Level.WARNING,
            )
            if answer == RELOAD:
                session.reload_from_disk()
            elif answer == KEEP_MINE:
                session.keep_mine()
                if saving:
                    self._save(session, True)
            elif answer == MERGE:
                self.merge_with_disk(session)
        finally:
            self._asking.discard(session)

    def on_pulled(self, paths: list[Path]) -> None:
        """A pull changed files: clean items reload, items with unsaved edits merge field by field."""
        changed = {p.resolve() for p in paths}
        for session in self._tabs.sessions():
            if session.path.resolve() not in changed:
                continue
            if not session.is_dirty():
                session.reload_from_disk()
                continue
            base = self._git.pre_pull_bytes(session.path) or session.document.original_bytes
            self._merge_disk_into(session, base, "Merge with the pulled version")

    def merge_with_disk(self, session: DocumentSession) -> bool:
        """Three-way merge: base = bytes opened, theirs = disk, mine = unsaved edits."""
        return self._merge_disk_into(session, session.document.original_bytes, "Merge with the version on disk")

    def _merge_disk_into(self, session: DocumentSession, base: bytes, label: str) -> bool:
        """Merge the file on disk with the session's unsaved edits; conflicts go to the merge dialog.

        The result becomes one undoable, unsaved edit on top of the disk version; False when
        it could not be merged or the user cancelled (the session is then left as it was).
        """
        from curator_app.core.algebra.merge3 import merge_documents

        try:
            result = merge_documents(base, Document.load(session.path), session.document)
        except CuratorError as exc:
            alerts.tell(self._window, "merge-failed", "Cannot merge", str(exc), level=alerts.Level.WARNING)
            return False
        merged = result.document if result.clean else _resolve_conflicts(result, self._window)
        if merged is None:
            return False
        session.adopt(Document.load(session.path), label, merged.snapshot())
        return True


def _resolve_conflicts(result: MergeResult, parent: QWidget) -> Document | None:
    from curator_app.gui.git.merge_dialog import MergeDialog

    dialog = MergeDialog(result, parent)
    if alerts.run(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.merged_document()
