"""Review mode: the queue, one item's before/after, and Approve / Request changes.

A self-contained widget: give it a content folder (`open_folder`) and it builds the queue
from git. J/K (and the arrow keys) step through the queue; decisions are recorded in the
repository (core/review/decisions.py) for the selected item or for every item shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.errors import CuratorError
from curator_app.core.git.repo import ContentRepo, open_repository
from curator_app.core.review.compare import review_item
from curator_app.core.review.decisions import (
    APPROVED,
    CHANGES_REQUESTED,
    record_decisions,
    set_workflow_value,
)
from curator_app.core.review.queue import Queue, QueueEntry, build_queue, filter_entries, sort_entries
from curator_app.core.review.report import ReportItem, detail_html, item_facts
from curator_app.gui.a11y import named
from curator_app.gui.git.common import error_text

STATE_LABELS = {
    "unreviewed": "Not reviewed",
    "approved": "Approved",
    "changes-requested": "Changes requested",
    "changed-since-approved": "Changed since approved",
    "changed-since-review": "Changed since review",
}
ALL_STATES = "All states"


class ReviewMode(QWidget):
    sig_decided = Signal(list)  # repository-relative paths that got a decision
    sig_open_item = Signal(Path)  # the curator wants to edit this item

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cr: ContentRepo | None = None
        self.queue: Queue | None = None
        self.shown: list[QueueEntry] = []

        self.since = QLineEdit(placeholderText="since your last review (or a commit, tag, origin/main, HEAD)")
        self.reload_button = QPushButton("Refresh")
        self.filter = QLineEdit(placeholderText="Filter by title or path")
        self.state_filter = QComboBox()
        self.state_filter.addItems([ALL_STATES, *STATE_LABELS.values()])
        self.sort = QComboBox()
        self.sort.addItems(["path", "title", "change", "state"])
        self.base_label = QLabel()
        self.list = QListWidget()
        self.list.setObjectName("reviewQueue")
        self.detail = QTextBrowser()
        self.detail.setObjectName("reviewDetail")
        self.detail.setOpenLinks(False)
        self.note = QPlainTextEdit(placeholderText="Note for the curator (needed to request changes)")
        self.note.setMaximumHeight(4 * self.note.fontMetrics().lineSpacing() + 12)
        self.note.setTabChangesFocus(True)  # Tab goes on to the decision buttons
        self.set_status = QCheckBox("Also set the workflow status")
        self.approve_button = QPushButton("Approve")
        self.request_button = QPushButton("Request changes")
        self.approve_all_button = QPushButton("Approve all shown")
        self.request_all_button = QPushButton("Request changes on all shown")
        self.open_button = QPushButton("Open in editor")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._describe()

        top = QHBoxLayout()
        top.addWidget(QLabel("Changes"))
        top.addWidget(self.since, 2)
        top.addWidget(self.reload_button)
        top.addWidget(self.filter, 1)
        top.addWidget(self.state_filter)
        top.addWidget(QLabel("Sort"))
        top.addWidget(self.sort)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.base_label)
        left_box.addWidget(self.list)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.detail, 1)
        right_box.addWidget(self.note)
        buttons = QHBoxLayout()
        for w in (self.set_status, self.approve_button, self.request_button, self.open_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.approve_all_button)
        buttons.addWidget(self.request_all_button)
        right_box.addLayout(buttons)
        right_box.addWidget(self.message)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([320, 680])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.reload_button.clicked.connect(lambda: self.reload())
        self.since.returnPressed.connect(lambda: self.reload())
        self.filter.textChanged.connect(self._refill)
        self.state_filter.currentIndexChanged.connect(self._refill)
        self.sort.currentIndexChanged.connect(self._refill)
        self.list.currentRowChanged.connect(self._show_row)
        self.approve_button.clicked.connect(lambda: self.decide(APPROVED, all_shown=False))
        self.request_button.clicked.connect(lambda: self.decide(CHANGES_REQUESTED, all_shown=False))
        self.approve_all_button.clicked.connect(lambda: self.decide(APPROVED, all_shown=True))
        self.request_all_button.clicked.connect(lambda: self.decide(CHANGES_REQUESTED, all_shown=True))
        self.open_button.clicked.connect(self._open_current)
        # J/K step like the arrows while the queue has focus (not while typing a note):
        # an event filter, because the list would otherwise jump to titles starting with J.
        self.list.installEventFilter(self)
        self._update_buttons()

    def _describe(self) -> None:
        for widget, name, description in (
            (self.since, "Changes since", "A commit, tag or branch to compare with; empty: since your last review"),
            (self.reload_button, "Refresh", "Rebuild the review queue"),
            (self.filter, "Filter", "Show only items whose title or path contains this"),
            (self.state_filter, "Review state", "Show only items in this review state"),
            (self.sort, "Sort by", "Order of the review queue"),
            (self.list, "Review queue", "Changed items to review; J and K step through them"),
            (self.detail, "Item changes", "What changed in the selected item, with its cards"),
            (self.note, "Note", "A note for the curator (needed to request changes)"),
            (self.set_status, "Also set the workflow status", "Write the decision into the item's status field too"),
            (self.approve_button, "Approve", "Approve the selected item"),
            (self.request_button, "Request changes", "Ask for changes to the selected item, with the note"),
            (self.approve_all_button, "Approve all shown", "Approve every item the queue shows"),
            (self.request_all_button, "Request changes on all shown", "Ask for changes to every item shown"),
            (self.open_button, "Open in editor", "Open the selected item in the main window"),
        ):
            named(widget, name, description)

    # --- loading -------------------------------------------------------------------------

    def open_folder(self, folder: str | Path) -> bool:
        try:
            self.cr = open_repository(folder)
        except CuratorError as exc:
            self.cr = None
            self._say(error_text(exc))
            return False
        return self.reload()

    def reload(self, keep_base: bool = False) -> bool:
        """Build the queue again; keep_base keeps the same "before" commit (after a decision,
        "your last review" would otherwise jump to now and hide the items still to do)."""
        if self.cr is None:
            return False
        entry = self.current_entry()
        keep = entry.rel if entry else None
        since = self.since.text().strip() or None
        if keep_base and self.queue is not None and self.queue.base.commit and since is None:
            since = self.queue.base.commit
        try:
            previous = self.queue.base if keep_base and self.queue else None
            self.queue = build_queue(self.cr, since=since)
            if previous is not None and since == previous.commit:
                self.queue.base = previous
        except CuratorError as exc:
            self._say(error_text(exc))
            return False
        wf = self.queue.workflow
        self.set_status.setVisible(bool(wf and (wf.approve or wf.request_changes)))
        self.base_label.setText(f"{len(self.queue.entries)} items, changes {self.queue.base.label}")
        self._say("; ".join(self.queue.problems))
        self._refill(keep=keep)
        return True

    def _refill(self, *_args: object, keep: str | None = None) -> None:
        if keep is None and self.current_entry() is not None:
            keep = self.current_entry().rel  # type: ignore[union-attr]
        entries = self.queue.entries if self.queue else []
        label = self.state_filter.currentText()
        states = None if label == ALL_STATES else [k for k, v in STATE_LABELS.items() if v == label]
        shown = filter_entries(entries, self.filter.text(), states)
        self.shown = sort_entries(shown, self.sort.currentText())
        self.list.blockSignals(True)
        self.list.clear()
        for e in self.shown:
            item = QListWidgetItem(f"{e.title}\n{', '.join(e.reasons)} · {STATE_LABELS.get(e.state, e.state)}")
            item.setToolTip(e.rel)
            item.setData(Qt.ItemDataRole.UserRole, e.rel)
            self.list.addItem(item)
        self.list.blockSignals(False)
        rows = [i for i, e in enumerate(self.shown) if e.rel == keep]
        self.list.setCurrentRow(rows[0] if rows else (0 if self.shown else -1))
        self._show_row(self.list.currentRow())

    # --- navigation ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            steps = {Qt.Key.Key_J: 1, Qt.Key.Key_K: -1}
            if event.key() in steps and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.step(steps[Qt.Key(event.key())])
                return True
        return super().eventFilter(watched, event)

    def current_entry(self) -> QueueEntry | None:
        row = self.list.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def step(self, by: int) -> None:
        if not self.shown:
            return
        row = max(0, min(len(self.shown) - 1, self.list.currentRow() + by))
        self.list.setCurrentRow(row)

    def _show_row(self, row: int) -> None:
        entry = self.shown[row] if 0 <= row < len(self.shown) else None
        if entry is None:
            self.detail.setHtml("<p>Nothing to review.</p>" if self.queue else "")
        else:
            self.detail.setHtml(detail_html(item_facts(ReportItem(review_item(entry)))))
        self._update_buttons()

    # --- decisions -----------------------------------------------------------------------

    def decide(self, verdict: str, all_shown: bool) -> bool:
        if self.cr is None:
            return False
        entries = list(self.shown) if all_shown else [e for e in [self.current_entry()] if e]
        if not entries:
            return False
        note = self.note.toPlainText().strip()
        try:
            if self.set_status.isChecked() and self.queue and self.queue.workflow:
                wf = self.queue.workflow
                value = wf.approve if verdict == APPROVED else wf.request_changes
                if value is not None:
                    set_workflow_value([e.path for e in entries if e.new is not None], wf.key, value)
            record_decisions(self.cr, [(e.rel, verdict, note) for e in entries])
        except CuratorError as exc:
            self._say(error_text(exc))
            return False
        self.note.clear()
        done = [e.rel for e in entries]
        word = "Approved" if verdict == APPROVED else "Requested changes on"
        self.reload(keep_base=True)
        self._say(f"{word} {len(done)} item{'s' if len(done) != 1 else ''}.")
        if not all_shown:
            self.step(1)
        self.sig_decided.emit(done)
        return True

    def _open_current(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.new is not None:
            self.sig_open_item.emit(entry.path)

    def _update_buttons(self) -> None:
        has = self.current_entry() is not None
        for b in (self.approve_button, self.request_button, self.open_button):
            b.setEnabled(has)
        for b in (self.approve_all_button, self.request_all_button):
            b.setEnabled(bool(self.shown))

    def _say(self, text: str) -> None:
        self.message.setText(text)
