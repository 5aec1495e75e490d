"""Commit the items the curator ticks, with a message written from what changed."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.errors import CuratorError
from curator_app.core.git.commit import commit_items, default_author, suggest_message
from curator_app.core.git.errors import IdentityMissing
from curator_app.core.git.repo import ContentRepo
from curator_app.gui import alerts
from curator_app.gui.a11y import name_buttons, named
from curator_app.gui.git.common import error_label, error_text, item_title, sentence, show_error

_TITLE_LIMIT = 300  # beyond this many changed files, list names only (titles need a parse)
_STATUS_ORDER = {"conflicted": 0, "modified": 1, "new": 2, "deleted": 3}


def _real(path: str | Path) -> Path:
    return Path(os.path.realpath(path))


class CommitDialog(QDialog):
    """Checkable changed items, a suggested message, the author, and a Commit button.

    `statuses` maps absolute paths to a status (GitController.statuses / sig_status_changed);
    `checked` limits the initially ticked items (default: all).
    """

    sig_committed = Signal(str)  # the new commit's id

    def __init__(
        self,
        cr: ContentRepo,
        statuses: Mapping[Path, str],
        checked: Iterable[str | Path] | None = None,
        author: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("gitCommitDialog")
        self.setWindowTitle("Commit changes")
        self.cr = cr
        self.commit_id: str | None = None
        self.committed_paths: list[Path] = []
        self._user_typed = False
        self._setting_message = False
        wanted = {_real(p) for p in checked} if checked is not None else None

        self.items = QTreeWidget()
        self.items.setObjectName("gitCommitItems")
        self.items.setHeaderLabels(["Item", "Status", "File"])
        self.items.setRootIsDecorated(False)
        self.items.setUniformRowHeights(True)
        header = self.items.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        rows = sorted(statuses.items(), key=lambda kv: (_STATUS_ORDER.get(kv[1], 9), str(kv[0])))
        for path, status in rows:
            path = _real(path)
            title = item_title(path) if len(rows) <= _TITLE_LIMIT and path.exists() else None
            try:
                shown = cr.rel(path)
            except CuratorError:
                shown = str(path)
            row = QTreeWidgetItem([title or path.name, status, shown])
            row.setData(0, Qt.ItemDataRole.UserRole, path)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = wanted is None or path in wanted
            row.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            row.setToolTip(0, shown)
            self.items.addTopLevelItem(row)
        self.items.setColumnWidth(2, 260)
        self.items.itemChanged.connect(self._on_item_changed)
        named(self.items, "Changed items", "Tick the items to commit (Space ticks the current one)")

        all_button = QPushButton("Select all")
        none_button = QPushButton("Select none")
        self.review_button = QPushButton("Review changes…")
        self.review_button.setObjectName("gitReviewChanges")
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))
        self.review_button.clicked.connect(self._review)
        named(all_button, "Select all", "Tick every changed item")
        named(none_button, "Select none", "Untick every changed item")
        named(self.review_button, "Review changes", "Show the diff of the ticked items")
        for button in (all_button, none_button, self.review_button):
            # Enter in the dialog means Commit, never "Select all".
            button.setAutoDefault(False)
        pick_bar = QHBoxLayout()
        pick_bar.addWidget(all_button)
        pick_bar.addWidget(none_button)
        pick_bar.addStretch(1)
        pick_bar.addWidget(self.review_button)

        self.message = QPlainTextEdit()
        self.message.setObjectName("gitCommitMessage")
        self.message.setPlaceholderText("What changed and why")
        self.message.setTabChangesFocus(True)  # a commit message has no use for tab characters
        self.message.textChanged.connect(self._on_message_edited)
        named(self.message, "Commit message", "What changed and why; suggested from the changes")

        self.author_name = QLineEdit()
        self.author_name.setObjectName("gitAuthorName")
        self.author_email = QLineEdit()
        self.author_email.setObjectName("gitAuthorEmail")
        name, email = author if author is not None else self._configured_author()
        self.author_name.setText(name)
        self.author_email.setText(email)
        self.author_name.setPlaceholderText("Your name (required)")
        self.author_email.setPlaceholderText("you@example.org (required)")
        named(self.author_name, "Author name", "The name recorded with the commit")
        named(self.author_email, "Author e-mail", "The e-mail address recorded with the commit")
        author_form = QFormLayout()
        author_form.addRow("Author:", self.author_name)
        author_form.addRow("E-mail:", self.author_email)

        self.error = error_label()
        self.error.setObjectName("gitCommitError")
        self.buttons = QDialogButtonBox()
        self.commit_button = self.buttons.addButton("Commit", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.commit_button.setObjectName("gitCommitButton")
        self.commit_button.setDefault(True)
        name_buttons(self.buttons, {"Commit": "Commit the ticked items with this message"})
        self.buttons.accepted.connect(self.do_commit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Items to commit</b>"))
        layout.addWidget(self.items, 2)
        layout.addLayout(pick_bar)
        layout.addWidget(QLabel("<b>Message</b> (first line is the summary)"))
        layout.addWidget(self.message, 3)
        layout.addLayout(author_form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(760, 620)
        if not rows:
            show_error(self.error, "There are no changes to commit.")
        self._suggest()
        self.message.setFocus()

    # --- state ----------------------------------------------------------------------------

    def _configured_author(self) -> tuple[str, str]:
        try:
            sig = default_author(self.cr)
        except IdentityMissing:
            return "", ""
        return sig.name, sig.email

    def _rows(self) -> list[QTreeWidgetItem]:
        rows = (self.items.topLevelItem(i) for i in range(self.items.topLevelItemCount()))
        return [r for r in rows if r is not None]

    def checked_paths(self) -> list[Path]:
        return [r.data(0, Qt.ItemDataRole.UserRole) for r in self._rows() if r.checkState(0) == Qt.CheckState.Checked]

    def set_checked(self, path: str | Path, on: bool) -> None:
        real = _real(path)
        for row in self._rows():
            if row.data(0, Qt.ItemDataRole.UserRole) == real:
                row.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return
        raise KeyError(path)

    def _check_all(self, on: bool) -> None:
        self.items.blockSignals(True)
        for row in self._rows():
            row.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.items.blockSignals(False)
        self._suggest()

    @property
    def user_typed(self) -> bool:
        return self._user_typed

    def _on_item_changed(self, _row: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self._suggest()

    def _on_message_edited(self) -> None:
        if self._setting_message:
            return
        # Clearing the box hands it back to the suggestion.
        self._user_typed = bool(self.message.toPlainText().strip())

    def _suggest(self) -> None:
        if self._user_typed:
            return
        try:
            text = suggest_message(self.cr, self.checked_paths())
        except CuratorError:
            text = ""
        self._setting_message = True
        try:
            self.message.setPlainText(text)
        finally:
            self._setting_message = False

    def _review(self) -> None:
        from curator_app.gui.git.diff_view import DiffDialog

        row = self.items.currentItem() or (self._rows()[0] if self._rows() else None)
        if row is None:
            return
        dialog = DiffDialog(self.cr, row.data(0, Qt.ItemDataRole.UserRole), parent=self)
        alerts.run(dialog)
        dialog.deleteLater()

    # --- committing -----------------------------------------------------------------------

    def do_commit(self) -> bool:
        """Commit the ticked items; on failure the reason shows in the dialog."""
        paths = self.checked_paths()
        if not paths:
            show_error(self.error, "Tick at least one item to commit.")
            return False
        message = self.message.toPlainText()
        if not message.strip():
            show_error(self.error, "Write a commit message (its first line is the summary).")
            return False
        author = (self.author_name.text().strip(), self.author_email.text().strip())
        if not author[0] or not author[1]:
            show_error(self.error, "Enter the author's name and e-mail; git needs both for a commit.")
            (self.author_name if not author[0] else self.author_email).setFocus()
            return False
        try:
            oid = commit_items(self.cr, paths, message, author)
        except CuratorError as exc:
            show_error(self.error, sentence(error_text(exc)))
            return False
        self.commit_id = oid
        self.committed_paths = paths
        show_error(self.error, None)
        self.sig_committed.emit(oid)
        self.accept()
        return True

    def author(self) -> tuple[str, str]:
        """The identity used, for the caller to remember in app settings."""
        return self.author_name.text().strip(), self.author_email.text().strip()
