"""The editor for one document: front-matter form | body editor, with the problems list.

Public API for the main window: ``open_document(session)``, ``session()``, the signals
``sig_field_focused(tuple)`` and ``sig_problem_activated(object)`` (a lint Finding), and
``set_completions(key, values)`` for tag/category completion from the folder.
Undo/Redo/Save belong to the window's menus (the session's QUndoStack and save()).
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.algebra.keypath import KeyPath, format_key
from curator_app.core.lint.findings import Finding
from curator_app.core.site.config import find_site
from curator_app.core.spell.checker import language_of
from curator_app.gui.a11y import named
from curator_app.gui.body.editor import BodyEditor
from curator_app.gui.body.rich_edit import is_pass_through
from curator_app.gui.form.form import FormView
from curator_app.gui.form.icons import severity_icon
from curator_app.gui.review.banner import ReviewBanner
from curator_app.gui.session import DocumentSession
from curator_app.gui.spell.service import spell_service

FINDING_ROLE = Qt.ItemDataRole.UserRole
LINT_DELAY_MS = 400
LINT_POLL_MS = 20  # while the preview's worker lints the same revision


class _UndoPassThrough(QObject):
    """Text widgets keep Ctrl+Z for their own undo; here it belongs to the session's stack."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and is_pass_through(event, [])
        ):
            event.ignore()
            return True
        return False


class ProblemsList(QTreeWidget):
    sig_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsList")
        self.setHeaderLabels(["Field", "Problem"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        named(self, "Problems", "Lint findings of the item; Enter goes to the field")
        self.resume_row = -1
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def show_findings(self, findings: list[Finding]) -> None:
        # F8 after a fix goes on from where the fixed problem was, not back to the first.
        current = self.currentItem()
        self.resume_row = self.indexOfTopLevelItem(current) if current is not None else self.resume_row
        self.clear()
        for f in findings:
            item = QTreeWidgetItem([format_key(f.field) if f.field else "(file)", f.message])
            item.setIcon(0, severity_icon(f.severity))
            tip = f"{f.severity} {f.code}: {f.message}" + (f"\nFix: {f.fix.description}" if f.fix else "")
            item.setToolTip(0, tip)
            item.setToolTip(1, tip)
            item.setData(0, FINDING_ROLE, f)
            self.addTopLevelItem(item)
        self.resizeColumnToContents(0)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.sig_activated.emit(item.data(0, FINDING_ROLE))

    def current_finding(self) -> Finding | None:
        item = self.currentItem()
        value = item.data(0, FINDING_ROLE) if item is not None else None
        return value if isinstance(value, Finding) else None


NARROW_WIDTH = 900
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class EditorPane(QWidget):
    sig_field_focused = Signal(tuple)
    sig_problem_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorPane")
        self._session: DocumentSession | None = None
        self.findings: list[Finding] = []
        self.form = FormView()
        self.body = BodyEditor()
        self.problems = ProblemsList()
        self.problems_label = QLabel("Problems")
        self.read_only_label = QLabel()
        self.read_only_label.setWordWrap(True)
        self.read_only_label.hide()
        self.review_banner = ReviewBanner()
        self.form.sig_field_focused.connect(self.sig_field_focused)
        self.form.sig_focus_chain_changed.connect(self._order_focus)
        self.problems.sig_activated.connect(self._problem_activated)
        self._undo_filter = _UndoPassThrough(self)
        self.form.editor_filter = self._undo_filter

        bottom = QWidget()
        box = QVBoxLayout(bottom)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        head = QHBoxLayout()
        head.addWidget(self.problems_label, 1)
        self.fix_button = QPushButton("Apply Fix")
        self.fix_button.setObjectName("applyFix")
        self.fix_button.setToolTip("Apply the automatic fix of the selected problem (undoable)")
        named(self.fix_button, "Apply Fix", self.fix_button.toolTip())
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self.apply_selected_fix)
        head.addWidget(self.fix_button)
        box.addLayout(head)
        box.addWidget(self.problems, 1)
        self.problems.currentItemChanged.connect(self._update_fix_button)
        self.problems_box = bottom
        left = self._left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.form)
        left.addWidget(bottom)
        left.setStretchFactor(0, 4)
        left.setStretchFactor(1, 1)
        left.setSizes([700, 160])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.body)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.review_banner)
        layout.addWidget(self.splitter, 1)

        self._lint_timer = QTimer(self, singleShot=True, interval=LINT_DELAY_MS)
        self._lint_timer.timeout.connect(lambda: self.run_lint(wait=False))
        # Start-up: the first lint waits (release_lint) until the preview, which lints on its
        # worker thread, has painted; the GUI thread then reads the shared result.
        self.lint_held = False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # Form and body side by side when there is room, stacked when the pane is narrow.
        wanted = Qt.Orientation.Horizontal if event.size().width() >= NARROW_WIDTH else Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
        super().resizeEvent(event)

    # --- public API ---------------------------------------------------------------------

    def open_document(self, session: DocumentSession) -> None:
        if self._session is not None:
            self._session.sig_changed.disconnect(self._on_changed)
        self._session = session
        _open_spelling(session)
        self.form.open_session(session)
        self.body.open_session(session)
        reason = session.document.read_only_reason
        self.read_only_label.setText(f"Read-only: {reason}" if reason else "")
        self.read_only_label.setVisible(bool(reason))
        self.form.setEnabled(not reason)
        self.body.setEnabled(not reason)
        self.review_banner.show_item(session.path)
        session.sig_changed.connect(self._on_changed)
        self.body.source.installEventFilter(self._undo_filter)
        if not self.lint_held:
            self._lint_timer.start(0)  # after the first paint; lint is not needed to start typing

    def release_lint(self) -> None:
        if self.lint_held:
            self.lint_held = False
            if self._session is not None:
                self._lint_timer.start(0)

    def session(self) -> DocumentSession | None:
        return self._session

    def set_completions(self, key: KeyPath, values: list[str]) -> None:
        self.form.set_completions(key, values)

    def focus_field(self, key: KeyPath) -> bool:
        return self.form.focus_field(key)

    def set_part_shown(self, part: str, shown: bool) -> None:
        """Show or hide "form", "body" or "problems" (View menu); an emptied column goes too."""
        widget = {"form": self.form, "body": self.body, "problems": self.problems_box}[part]
        widget.setVisible(shown)
        self._left.setVisible(not (self.form.isHidden() and self.problems_box.isHidden()))

    def part_shown(self, part: str) -> bool:
        return not {"form": self.form, "body": self.body, "problems": self.problems_box}[part].isHidden()

    def step_problem(self, by: int) -> Finding | None:
        """Select the next (by=1) or previous (-1) problem, wrapping, and go to its field."""
        count = self.problems.topLevelItemCount()
        if count == 0:
            return None
        current = self.problems.currentItem()
        if current is not None:
            row = (self.problems.indexOfTopLevelItem(current) + by) % count
        elif self.problems.resume_row >= 0:
            row = (self.problems.resume_row - (by < 0)) % count
        else:
            row = 0 if by > 0 else count - 1
        item = self.problems.topLevelItem(row)
        if item is None:
            return None
        self.problems.setCurrentItem(item)
        self.problems.scrollToItem(item)
        finding = self.problems.current_finding()
        self._problem_activated(finding)
        return finding

    # --- internals ----------------------------------------------------------------------

    def _order_focus(self, last_in_form: QWidget) -> None:
        """After the form: the problems (Apply Fix sits above the list), then the body."""
        chain = [last_in_form, self.fix_button, self.problems, *self.body.tab_stops()]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _on_changed(self) -> None:
        self.form.refresh()
        self.body.refresh()
        self._lint_timer.start(LINT_DELAY_MS)

    def run_lint(self, wait: bool = True) -> None:
        """Show the current revision's findings. wait=False (the timer): when the preview's
        worker is linting this revision, look again shortly instead of waiting for it."""
        if self._session is None:
            return
        # The revision's analysis is shared with the preview, which has usually computed it
        # on its worker thread by now (lint/analysis.py).
        # The rules load with the first lint, after the window has shown (start-up time).
        from curator_app.core.lint.analysis import SHARED, analyse, revision_key

        session = self._session
        doc = session.document
        data = doc.to_bytes()
        self.review_banner.update_bytes(data)
        key = revision_key(data, doc.path, session.content_root)
        if not wait and SHARED.get(key) is None and not SHARED.failed(key):
            # Linted off this thread (by the preview's worker when it has taken this revision
            # up, else by the lint thread), from the bytes: the document may be edited
            # meanwhile. The result is shown when it is there; the spelling rule's
            # dictionary and suggestions alone can take 50-100 ms.
            from curator_app.core.document.document import Document

            path, root = doc.path, session.content_root
            SHARED.start(key, lambda: analyse(Document.from_bytes(data, path), root))
            self._lint_timer.start(LINT_POLL_MS)
            return
        analysis = SHARED.analysis(key, lambda: analyse(doc, session.content_root))
        self.findings = list(analysis.findings)
        if analysis.lint_error:  # a rule bug must not break editing; show it as a problem
            self.findings = [Finding("CC000", "error", (), None, None, f"lint failed: {analysis.lint_error}")]
        self.form.show_findings(self.findings)
        self.problems.show_findings(self.findings)
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        # Always errors, then warnings, then infos: the summary must not reshuffle as you type.
        order = sorted(counts, key=lambda s: SEVERITY_ORDER.get(s, len(SEVERITY_ORDER)))
        summary = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in order)
        self.problems_label.setText(f"Problems: {summary}" if summary else "Problems: none")

    def _update_fix_button(self, *_args: object) -> None:
        finding = self.problems.current_finding()
        self.fix_button.setEnabled(bool(finding and finding.fix and self._session and not self._session.read_only))
        self.fix_button.setToolTip(finding.fix.description if finding and finding.fix else "No automatic fix")

    def apply_selected_fix(self) -> bool:
        """Apply the selected finding's fix as one undoable edit (a minimal diff through the core)."""
        finding = self.problems.current_finding()
        if finding is None or finding.fix is None or self._session is None:
            return False
        fix = finding.fix
        applied = self._session.edit(f"Fix: {fix.description}", fix.apply)
        self.run_lint()
        return applied

    def _problem_activated(self, finding: Any) -> None:
        if isinstance(finding, Finding) and finding.field:
            self.form.focus_field(finding.field)
        self.sig_problem_activated.emit(finding)


def _open_spelling(session: DocumentSession) -> None:
    """Spell check the item in its own language (item keys, else the site's languageCode)."""
    site = find_site(session.path)
    data = session.document.data if isinstance(session.document.data, dict) else {}
    spell_service().open_item(session.path, language_of(data, site.language_code if site else None))
