"""One open document: its undo stack, dirty state, saving, reverting, and what it makes of
the file on disk changing (the window's one watcher calls `check_disk`).

Every form or body edit is a QUndoCommand holding Document.snapshot() before and after,
so undo/redo restore whole states and never replay edits. Consecutive edits with the
same merge key (typing in one field) merge into one step until ``end_merge``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from curator_app.core.algebra.keypath import format_key
from curator_app.core.document.document import Document, KeyPath
from curator_app.core.errors import CuratorError

State = tuple[str, str]


class EditCommand(QUndoCommand):
    def __init__(self, session: DocumentSession, text: str, before: State, after: State, merge_id: int) -> None:
        super().__init__(text)
        self._session = session
        self.before = before
        self.after = after
        self._merge_id = merge_id
        self._first = True  # the edit is already applied when the command is pushed

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.id() != self._merge_id or self._merge_id < 0:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._session._apply_state(self.after)

    def undo(self) -> None:
        self._session._apply_state(self.before)


class DocumentSession(QObject):
    """The editing state of one file; widgets edit through it, never the Document directly."""

    sig_changed = Signal()  # the document's content changed (edit, undo, redo, reload)
    sig_dirty_changed = Signal(bool)
    sig_saved = Signal(Path)
    sig_external_change = Signal()  # the file changed on disk while there are unsaved edits: ask
    sig_reloaded = Signal()  # the document is now the version on disk (clean item, or Reload)

    def __init__(self, path: str | Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.document = Document.load(self.path, sweep_in_background=True)  # the window's turn goes on
        self.content_root: Path = self.path.parent
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._merge_ids: dict[str, int] = {}
        self._merge_epoch = itertools.count(1)
        # The newest version on disk this session has dealt with (taken, merged or asked
        # about): a repeated notice of the same bytes is not a new change.
        self._seen_hash = self.document.disk_hash
        self.disk_version: Document | None = None  # read once, awaiting the curator's answer
        self.gone = False  # the file was deleted on disk (or moved where it was not found)

    # --- editing ------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.document.read_only_reason)

    def edit(self, text: str, change: Callable[[Document], Any], merge_key: str | None = None) -> bool:
        """Apply ``change`` to the document as one undoable step; False if nothing changed."""
        doc = self.document
        before = doc.snapshot()
        merge_id = self._merge_id(merge_key) if merge_key else -1
        # Typing merges into the open step; the core writes each value from the value itself
        # (quotes a trailing space needed do not stick), so no replay from the step's start.
        change(doc)
        after = doc.snapshot()
        if after == before:
            return False
        self.undo_stack.push(EditCommand(self, text, before, after, merge_id))
        self.sig_changed.emit()
        return True

    def set_value(self, key: KeyPath, value: Any, merge: bool = True) -> bool:
        label = format_key(key)
        return self.edit(f"Edit {label}", lambda d: d.set(key, value), f"field:{label}" if merge else None)

    def delete_value(self, key: KeyPath) -> bool:
        return self.edit(f"Remove {format_key(key)}", lambda d: d.delete(key))

    def set_body(self, text: str, merge: bool = True, label: str = "Edit body") -> bool:
        if text == self.document.body:
            return False

        def change(d: Document) -> None:
            d.body = text

        return self.edit(label, change, "body" if merge else None)

    def adopt(self, document: Document, text: str, state: State) -> None:
        """Replace the document (e.g. with the disk version) and apply ``state`` as one undoable edit.

        Used by the merge with an external change: ``document`` is what is on disk now,
        so a later save does not count as overwriting someone else's change.
        """
        self.document = document
        self.undo_stack.clear()
        self._merge_ids.clear()
        self.mark_seen(document)
        self.edit(text, lambda d: d.restore(state))

    def end_merge(self, key: str | None = None) -> None:
        """The next edit starts a new undo step (focus left the field, a format was applied)."""
        if key is None:
            self._merge_ids.clear()
        else:
            self._merge_ids.pop(key, None)

    def _merge_id(self, key: str) -> int:
        if key not in self._merge_ids:
            self._merge_ids[key] = next(self._merge_epoch)
        return self._merge_ids[key]

    def _apply_state(self, state: State) -> None:
        self.document.restore(state)
        self._merge_ids.clear()
        self.sig_changed.emit()

    def _on_clean_changed(self, clean: bool) -> None:
        self.sig_dirty_changed.emit(not clean)

    # --- state --------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def save(self, force: bool = False) -> None:
        """Write through the core's atomic writer; WriteConflictError if the file changed on disk."""
        self.document.save(force=force)
        self.mark_seen(self.document)
        self.undo_stack.setClean()
        self._merge_ids.clear()
        self.sig_saved.emit(self.path)

    def revert(self) -> None:
        """Throw away unsaved edits and read the file again (or, when it is gone, go back to
        the version last read: there is nothing on disk to read)."""
        if self.gone or not self.path.exists():
            self.take(Document.from_bytes(self.document.original_bytes, self.path))
        else:
            self.take(Document.load(self.path))

    def relocate(self, path: Path) -> None:
        """The file now lives at `path` (moved on disk, or saved under a new name)."""
        self.path = path
        self.document.path = path
        self.gone = False

    def known_hashes(self) -> set[str]:
        """Hashes of the versions of the file this session knows: a moved copy has one of them."""
        return {self.document.disk_hash, self._seen_hash}

    def reload_from_disk(self) -> None:
        """Answer to sig_external_change: take the version on disk (the one asked about)."""
        self.take(self.disk_version or Document.load(self.path))

    def keep_mine(self) -> None:
        """Answer to sig_external_change: keep the edits; the next save must be forced."""
        self.disk_version = None

    def take(self, document: Document) -> None:
        """Show `document` (a version of this file just read) with a fresh undo history."""
        self.document = document
        self.undo_stack.clear()  # old states belong to the old file
        self._merge_ids.clear()
        self.mark_seen(document)
        self.sig_changed.emit()
        self.sig_dirty_changed.emit(False)
        self.sig_reloaded.emit()

    def mark_seen(self, document: Document) -> None:
        """This version of the file has been dealt with; notices about it change nothing."""
        self._seen_hash = document.disk_hash
        self.disk_version = None

    # --- the file on disk ---------------------------------------------------------------

    def read_disk(self) -> Document | None:
        """The file as it is now, read once; None while it cannot be read (being written, gone)."""
        try:
            disk = Document.load(self.path)
        except CuratorError:
            return None
        # Writers truncate before they write: an empty item is a write in progress.
        return disk if disk.original_bytes else None

    def check_disk(self) -> None:
        """Act once on the file's current bytes: a clean item takes them, a dirty one asks."""
        disk = self.read_disk()
        if disk is None or disk.disk_hash in (self.document.disk_hash, self._seen_hash):
            return
        if not self.is_dirty():
            self.take(disk)
            return
        self._seen_hash = disk.disk_hash
        self.disk_version = disk
        self.sig_external_change.emit()
