"""Replace in Folder (Ctrl+Shift+F): search the items the library shows, review every hit
grouped by item and field, look at any item's diff, then apply all as one undoable step.

The search and the apply run on a worker thread (core.find uses worker processes for
large folders); progress shows in the dialog, and Stop ends a search early.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.errors import CuratorError
from curator_app.core.find.folder import ItemHits, ReplacePlan, apply_plan, plan_replace, prepare
from curator_app.core.find.query import Query
from curator_app.core.library.bulk import UndoRecord
from curator_app.gui.a11y import name_buttons


class _Relay(QObject):
    """Carries a worker thread's results to the GUI thread (queued signals)."""

    progress = Signal(int, int)
    searched = Signal(object)  # ReplacePlan
    applied = Signal(object)  # UndoRecord
    failed = Signal(str)


class ReplaceInFolderDialog(QDialog):
    sig_applied = Signal(object)  # UndoRecord, for the library's Undo

    def __init__(self, paths: Callable[[], list[Path]], scope: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replaceInFolderDialog")
        self.setWindowTitle("Replace in Folder")
        self.resize(980, 640)
        self._paths = paths
        self.plan: ReplacePlan | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.searched.connect(self._on_searched)
        self._relay.applied.connect(self._on_applied)
        self._relay.failed.connect(self._on_failed)

        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.case = QCheckBox("Match case")
        self.word = QCheckBox("Whole words")
        self.regex = QCheckBox("Regular expression")
        self.field_edit = QLineEdit()
        self.field_edit.setPlaceholderText("all fields and the body (or a key such as title, body)")
        self.scope_label = QLabel(scope)
        self.search_button = QPushButton("Search")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QLabel("")
        self.results = QTreeWidget()
        self.results.setHeaderLabels(["Item / field", "Match in context"])
        self.results.setColumnWidth(0, 300)
        self.diff = QPlainTextEdit()
        self.diff.setReadOnly(True)
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton("Replace All", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        named: tuple[tuple[QWidget, str, str], ...] = (
            (self.find_edit, "folderFind", "Find"),
            (self.replace_edit, "folderReplace", "Replace with"),
            (self.case, "folderCase", "Match case"),
            (self.word, "folderWord", "Whole words"),
            (self.regex, "folderRegex", "Regular expression"),
            (self.field_edit, "folderField", "Only this field"),
            (self.search_button, "folderSearch", "Search the folder"),
            (self.stop_button, "folderStop", "Stop searching"),
            (self.progress, "folderProgress", "Progress"),
            (self.results, "folderResults", "Matches grouped by item and field"),
            (self.diff, "folderDiff", "What the selected item's file would become"),
            (self.apply_button, "folderApply", "Replace in every listed item"),
        )
        for w, name, text in named:
            w.setObjectName(name)
            w.setAccessibleName(text)
            w.setAccessibleDescription(text)
        name_buttons(self.buttons)

        grid = QGridLayout()
        grid.addWidget(QLabel("Find:"), 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(QLabel("Replace with:"), 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(QLabel("Field:"), 2, 0)
        grid.addWidget(self.field_edit, 2, 1)
        options = QWidget()
        row = QGridLayout(options)
        row.setContentsMargins(0, 0, 0, 0)
        for i, w in enumerate((self.case, self.word, self.regex, self.search_button, self.stop_button)):
            row.addWidget(w, 0, i)
        grid.addWidget(options, 3, 1)
        grid.addWidget(QLabel("In:"), 4, 0)
        grid.addWidget(self.scope_label, 4, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.results)
        split.addWidget(self.diff)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.progress)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.search_button.clicked.connect(self.search)
        self.find_edit.returnPressed.connect(self.search)
        self.stop_button.clicked.connect(self._stop.set)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.results.currentItemChanged.connect(self._show_diff)

    # --- search -------------------------------------------------------------------------

    def query(self) -> Query:
        return Query(
            self.find_edit.text(), self.replace_edit.text(),
            case_sensitive=self.case.isChecked(), whole_word=self.word.isChecked(), regex=self.regex.isChecked(),
        )

    def _fields(self) -> list[KeyPath] | None:
        from curator_app.core.algebra.diff import BODY_KEY
        from curator_app.core.algebra.keypath import parse_dotted

        text = self.field_edit.text().strip()
        if not text:
            return None
        return [BODY_KEY if name.strip() == "body" else parse_dotted(name.strip()) for name in text.split(",")]

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def search(self) -> None:
        if self.busy():
            return
        try:
            query = self.query()
            query.compiled  # noqa: B018 - report a bad pattern before starting
            fields = self._fields()
        except (CuratorError, ValueError) as exc:
            self.status.setText(str(exc.message if isinstance(exc, CuratorError) else exc))
            return
        paths = self._paths()
        self.plan = None
        self.results.clear()
        self.diff.clear()
        self.apply_button.setEnabled(False)
        self._stop.clear()
        self._set_busy(True, f"Searching {len(paths)} items…")
        self.progress.setRange(0, max(len(paths), 1))
        self.progress.setValue(0)

        def work() -> None:
            try:
                plan = plan_replace(paths, query, fields, progress=self._report)
            except CuratorError as exc:
                self._relay.failed.emit(str(exc))
                return
            self._relay.searched.emit(plan)

        self._start(work)

    def _report(self, done: int, total: int) -> bool:
        self._relay.progress.emit(done, total)
        return not self._stop.is_set()

    def _start(self, work: Callable[[], None]) -> None:
        self._thread = threading.Thread(target=work, name="curator-replace", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the worker (tests, closing); True when it has finished."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.busy()

    def _set_busy(self, busy: bool, text: str) -> None:
        self.search_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.status.setText(text)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_searched(self, plan: ReplacePlan) -> None:
        self.plan = plan
        self.results.clear()
        for item in plan.items:
            top = QTreeWidgetItem([f"{item.path.name} ({len(item.hits)})", str(item.path.parent)])
            top.setData(0, Qt.ItemDataRole.UserRole, item)
            top.setToolTip(0, str(item.path))
            for hit in item.hits:
                child = QTreeWidgetItem([hit.label, item.context(hit)])
                child.setData(0, Qt.ItemDataRole.UserRole, item)
                top.addChild(child)
            self.results.addTopLevelItem(top)
        stopped = " (stopped early)" if plan.stopped else ""
        notes = [f"{len(plan.errors)} unreadable"] if plan.errors else []
        notes += [f"{len(plan.read_only)} read-only"] if plan.read_only else []
        self._set_busy(
            False,
            f"{plan.hit_count} matches in {len(plan.items)} items of {plan.scanned} searched{stopped}"
            + (f"; {', '.join(notes)} left as they are" if notes else ""),
        )
        self.apply_button.setEnabled(bool(plan.items) and not plan.stopped)
        first = self.results.topLevelItem(0)
        if first is not None:
            self.results.setCurrentItem(first)

    def _show_diff(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        item = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        if not isinstance(item, ItemHits) or self.plan is None:
            self.diff.clear()
            return
        try:
            prepare(self.plan, [item])
        except CuratorError as exc:
            self.diff.setPlainText(str(exc))
            return
        self.diff.setPlainText(item.change.diff(context=2) if item.change else "No change to the file.")

    # --- apply --------------------------------------------------------------------------

    def apply(self) -> None:
        plan = self.plan
        if plan is None or self.busy():
            return
        self.apply_button.setEnabled(False)
        self._set_busy(True, f"Replacing in {len(plan.items)} items…")

        def work() -> None:
            try:
                record = apply_plan(plan, progress=self._report)
            except CuratorError as exc:
                self._relay.failed.emit(str(exc))
                return
            self._relay.applied.emit(record)

        self._start(work)

    def _on_applied(self, record: UndoRecord) -> None:
        self._set_busy(False, f"Replaced in {len(record.files)} items. Undo with Edit ▸ Undo Bulk Edit.")
        self.plan = None
        self.sig_applied.emit(record)

    def _on_failed(self, message: str) -> None:
        self._set_busy(False, message)
        self.apply_button.setEnabled(False)
