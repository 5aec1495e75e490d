"""Autosave of unsaved edits, and the dialog that offers them back after a crash.

The editor hands the Autosaver one callable per open document returning
``(path, bytes, base_hash, is_dirty)``. Every few seconds the Autosaver asks each one and
writes a recovery record for dirty documents whose bytes changed since the last write;
clean documents lose their record. Serialising happens on the GUI thread (the Document is
not thread-safe and it is fast); the write, with its fsyncs, runs on one worker thread so
a slow disk never blocks typing. One worker keeps writes and discards in call order.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.recovery import CHANGED, DELETED, RecoveryRecord, RecoveryStore
from curator_app.gui import alerts
from curator_app.gui.a11y import name_buttons, named
from curator_app.gui.diff_colours import DiffHighlighter
from curator_app.gui.documents import title_text

__all__ = ["DEFAULT_INTERVAL_MS", "Autosaver", "RecoveryDialog", "Source"]

DEFAULT_INTERVAL_MS = 5000

# (path, current bytes, sha256 of the bytes the edit started from, has unsaved edits)
Source = Callable[[], tuple[Path, bytes, str, bool]]


class Autosaver(QObject):
    """Keeps a recovery record for every dirty document it tracks."""

    sig_written = Signal(str)  # path whose record was written
    sig_discarded = Signal(str)  # path whose record was removed
    sig_error = Signal(str)  # a record could not be written (disk full...): a user-facing message

    def __init__(
        self, store: RecoveryStore, interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._sources: list[Source] = []
        self._written: dict[Path, str] = {}  # path -> sha256 of the bytes last recorded
        self._paths: dict[Source, Path] = {}  # where each source was last seen (files get renamed)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="curator-autosave")
        self._futures: set[Future[None]] = set()
        self._last_error: str | None = None  # report a failing disk once, not every tick
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_now)
        self._timer.start()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    # --- what to watch ------------------------------------------------------------------

    def track(self, source: Source) -> None:
        if source not in self._sources:
            self._sources.append(source)

    def untrack(self, source: Source, path: Path | None = None, discard: bool = True) -> None:
        """Stop watching a document that is closing; its record goes unless discard=False.

        Pass ``path`` when the source can no longer be asked (its document is gone).
        """
        if source in self._sources:
            self._sources.remove(source)
        last = self._paths.pop(source, None)
        if not discard:
            return
        if path is None:
            with contextlib.suppress(Exception):
                path = source()[0]
        for where in {Path(p) for p in (path, last) if p is not None}:
            self.notify_saved(where)

    def notify_saved(self, path: Path) -> None:
        """The document at ``path`` was saved (or its edits thrown away): drop its record now."""
        path = Path(path)
        self._written.pop(path, None)
        self._submit(self._discard, path)

    # --- the work -----------------------------------------------------------------------

    def save_now(self) -> None:
        """Record every dirty document whose bytes changed since the last record."""
        for source in list(self._sources):
            try:
                path, data, base_hash, dirty = source()
            except Exception as exc:  # a closing document must not stop the others' autosave
                self.sig_error.emit(f"autosave skipped a document: {exc}")
                continue
            path = Path(path)
            previous = self._paths.get(source)
            self._paths[source] = path
            if previous is not None and previous != path and previous in self._written:
                self.notify_saved(previous)  # renamed while open: the old name's record is stale
            if not dirty:
                if path in self._written:
                    self.notify_saved(path)
                continue
            digest = hashlib.sha256(data).hexdigest()
            if self._written.get(path) == digest:
                continue
            self._written[path] = digest
            self._submit(self._write, path, data, base_hash, digest)

    def flush(self, timeout: float | None = 10.0) -> None:
        """Wait until every queued write and discard is on disk."""
        wait_futures(list(self._futures), timeout=timeout)

    def shutdown(self) -> None:
        """Stop the timer and finish queued work (call before the store is closed)."""
        self._timer.stop()
        self._pool.shutdown(wait=True)

    def _submit(self, fn: Callable[..., None], *args: object) -> None:
        future = self._pool.submit(fn, *args)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)

    # Worker thread from here: signals emitted here reach GUI-thread slots queued.

    def _write(self, path: Path, data: bytes, base_hash: str, digest: str) -> None:
        try:
            self.store.save(path, data, base_hash)
        except (CuratorError, OSError) as exc:
            # Forget the digest so the next tick tries again (space may have been freed).
            if self._written.get(path) == digest:
                self._written.pop(path, None)
            message = f"could not keep a recovery copy of {path.name}: {exc}"
            if message != self._last_error:
                self._last_error = message
                self.sig_error.emit(message)
            return
        self._last_error = None
        self.sig_written.emit(str(path))

    def _discard(self, path: Path) -> None:
        try:
            self.store.discard(path)
        except OSError as exc:
            self.sig_error.emit(f"could not remove the recovery copy of {path.name}: {exc}")
            return
        self.sig_discarded.emit(str(path))


class RecoveryDialog(QDialog):
    """Lists edits left by a Curator that did not exit cleanly; each is restored or discarded.

    Restored items come back as Documents with the edit unsaved (``restored``), for the
    editor to open and the user to review and save. Items left undecided stay in the
    recovery folder and are offered again at the next start.
    """

    def __init__(
        self,
        store: RecoveryStore,
        records: list[RecoveryRecord] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.restored: list[Document] = []
        self.setWindowTitle("Recover unsaved edits")
        self.resize(900, 560)

        intro = QLabel(
            "Curator closed before these edits were saved. Restore an edit to open it with "
            "its changes unsaved, so you can review and save it; discard it to throw it away."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_current)
        named(self.list, "Unsaved edits", "The items with edits left by a Curator that closed before saving")
        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.diff_view = QPlainTextEdit()
        self.diff_view.setReadOnly(True)
        self.diff_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.diff_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        named(self.diff_view, "Recovered changes", "The selected edit against the file on disk, as a unified diff")
        self._highlighter = DiffHighlighter(self.diff_view)

        self.restore_button = QPushButton("Restore")
        self.discard_button = QPushButton("Discard")
        self.export_button = QPushButton("Save a Copy…")
        named(self.restore_button, "Restore", "Open the item with this edit, unsaved, to review and save")
        named(self.discard_button, "Discard", "Throw this edit away")
        named(self.export_button, "Save a Copy", "Write the edited item to a file of your choice")
        self.restore_button.clicked.connect(self.restore_current)
        self.discard_button.clicked.connect(self.discard_current)
        self.export_button.clicked.connect(self._export_current)
        actions = QHBoxLayout()
        actions.addWidget(self.restore_button)
        actions.addWidget(self.discard_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.path_label)
        detail_layout.addWidget(self.state_label)
        detail_layout.addWidget(self.diff_view, 1)
        detail_layout.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 3)

        later = QDialogButtonBox()
        later.addButton("Decide Later", QDialogButtonBox.ButtonRole.RejectRole)
        name_buttons(later, {"Decide Later": "Keep the remaining edits and offer them again at the next start"})
        later.rejected.connect(self._finish)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(later)

        for record in records if records is not None else store.pending():
            item = QListWidgetItem(f"{_record_title(record)} — {record.disk_state()}")
            item.setData(Qt.ItemDataRole.UserRole, record)
            item.setToolTip(str(record.path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self._show_current(self.list.currentRow())

    @classmethod
    def offer(cls, store: RecoveryStore, parent: QWidget | None = None) -> list[Document]:
        """At startup: show the dialog only when there is something to recover."""
        records = store.pending()
        if not records:
            return []
        dialog = cls(store, records, parent)
        alerts.run(dialog)
        return dialog.restored

    def current_record(self) -> RecoveryRecord | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def restore_current(self) -> Document | None:
        record = self.current_record()
        if record is None:
            return None
        try:
            doc = self.store.restore(record)
        except (CuratorError, OSError) as exc:
            self.state_label.setText(f"Cannot restore: {exc}. Use Save a Copy… to keep the edit.")
            return None
        self.restored.append(doc)
        self._remove_current()
        return doc

    def discard_current(self) -> None:
        record = self.current_record()
        if record is None:
            return
        try:
            self.store.discard_record(record)
        except OSError as exc:
            self.state_label.setText(f"Cannot discard: {exc}")
            return
        self._remove_current()

    def _export_current(self) -> None:
        record = self.current_record()
        if record is None:
            return
        suggested = record.path.with_name(f"{record.path.stem}.recovered{record.path.suffix}")
        name = alerts.choose_save_file(self, "Save the recovered edit as", suggested)
        if name is None:
            return
        try:
            self.store.export(record, name)
        except CuratorError as exc:
            self.state_label.setText(str(exc))
            return
        self.state_label.setText(f"Saved a copy to {name}. Discard the item when you are done with it.")

    def _remove_current(self) -> None:
        self.list.takeItem(self.list.currentRow())
        if self.list.count() == 0:
            self.accept()
        else:
            self._show_current(self.list.currentRow())

    def _show_current(self, _row: int) -> None:
        record = self.current_record()
        for button in (self.restore_button, self.discard_button, self.export_button):
            button.setEnabled(record is not None)
        if record is None:
            self.path_label.clear()
            self.state_label.clear()
            self.diff_view.clear()
            return
        self.path_label.setText(str(record.path))
        saved = record.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        state = record.disk_state()
        notes = {
            CHANGED: " The file changed on disk after the edit began: restoring also replaces "
            "those changes, which the diff shows.",
            DELETED: " The file has been deleted; restoring and saving creates it again.",
        }
        self.state_label.setText(f"Edited {saved}. File on disk: {state}.{notes.get(state, '')}")
        self.diff_view.setPlainText(record.diff() or "(no differences)")

    def _finish(self) -> None:
        if self.restored:
            self.accept()
        else:
            self.reject()


def _record_title(record: RecoveryRecord) -> str:
    """The recovered edit's own title (file names are often UUIDs); the path is the tooltip."""
    try:
        data = Document.from_bytes(record.data, record.path).data
    except CuratorError:
        data = None
    return title_text(data, record.path.name, 80)
