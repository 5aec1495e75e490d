"""Ask the curator for a user name and password (or token) when a remote wants a login.

remote.py calls its `ask_password` from the worker thread doing the pull or push, but
widgets may only be touched on the GUI thread. PasswordAsker is that bridge: called on
the worker, it posts the request to the GUI thread and waits on a threading.Event (which
releases the GIL, so the GUI keeps running and can show the dialog).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from curator_app.gui import alerts
from curator_app.gui.a11y import name_buttons, named

Answer = tuple[str, str] | None
Prompt = Callable[[str, str | None], Answer]


class CredentialDialog(QDialog):
    """User name + password for one remote URL; the password is never stored."""

    def __init__(self, url: str, username: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gitCredentialDialog")
        self.setWindowTitle("Sign in to the remote")
        parts = urlsplit(url)
        host = parts.hostname or url
        intro = QLabel(
            f"<b>{host}</b> asks for a login to reach<br><tt>{url}</tt><br>"
            "For GitHub, GitLab and similar hosts use a personal access token as the password."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.user_edit = QLineEdit(username or parts.username or "")
        self.user_edit.setObjectName("gitUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("gitPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        named(self.user_edit, "User name", f"Your user name on {host}")
        named(self.password_edit, "Password or token", f"Your password or access token for {host}; never stored")
        form = QFormLayout()
        form.addRow("User name:", self.user_edit)
        form.addRow("Password or token:", self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        name_buttons(self.buttons, {"Sign in": "Send the login to the remote"})
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.user_edit.textChanged.connect(self._update_ok)
        self.password_edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()
        self._update_ok()

    def _update_ok(self) -> None:
        ok = bool(self.user_edit.text().strip()) and bool(self.password_edit.text())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def answer(self) -> Answer:
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return self.user_edit.text().strip(), self.password_edit.text()

    @classmethod
    def ask(cls, url: str, username: str | None, parent: QWidget | None = None) -> Answer:
        dialog = cls(url, username, parent)
        try:
            alerts.run(dialog)
            return dialog.answer()
        finally:
            dialog.deleteLater()


class _Request:
    def __init__(self, url: str, username: str | None) -> None:
        self.url = url
        self.username = username
        self.answer: Answer = None
        self.done = threading.Event()


class PasswordAsker(QObject):
    """A thread-safe `ask_password` for remote.py; the prompt always runs on the GUI thread."""

    _sig_request = Signal(object)

    def __init__(self, prompt: Prompt | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog_parent: QWidget | None = None
        self._prompt = prompt
        self._closed = threading.Event()
        self._sig_request.connect(self._serve, Qt.ConnectionType.QueuedConnection)

    def set_prompt(self, prompt: Prompt | None) -> None:
        """Replace the dialog (e.g. with app-specific wording); None restores the default."""
        self._prompt = prompt

    def close(self) -> None:
        """Stop waiting: pending and future requests answer None (the app is closing)."""
        self._closed.set()

    def __call__(self, url: str, username: str | None) -> Answer:
        if self._closed.is_set():
            return None
        if QThread.currentThread() == self.thread():
            return self._run_prompt(url, username)
        request = _Request(url, username)
        self._sig_request.emit(request)
        # Poll so an app that quits mid-prompt does not leave the worker waiting forever.
        while not request.done.wait(0.2):
            if self._closed.is_set():
                return None
        return request.answer

    def _run_prompt(self, url: str, username: str | None) -> Answer:
        if self._prompt is not None:
            return self._prompt(url, username)
        return CredentialDialog.ask(url, username, self.dialog_parent)

    @Slot(object)
    def _serve(self, request: _Request) -> None:
        try:
            if not self._closed.is_set():
                request.answer = self._run_prompt(request.url, request.username)
        finally:
            request.done.set()
