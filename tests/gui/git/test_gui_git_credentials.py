"""The login prompt of a pull runs on the GUI thread, and its answer reaches the server."""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from support.alerts import ScriptedAnswers
from support.http_git import refusing_git_server

from curator_app.core.git.repo import ContentRepo
from curator_app.gui.git.controller import GitController
from curator_app.gui.git.credentials_dialog import CredentialDialog, PasswordAsker


@pytest.fixture
def auth_remote(content_repo: ContentRepo, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str | None]]:
    for var in ("GIT_ASKPASS", "SSH_ASKPASS"):
        monkeypatch.delenv(var, raising=False)
    # An empty helper resets any helper from the user's own git config.
    content_repo.repo.config["credential.helper"] = ""
    with refusing_git_server() as (url, seen):
        content_repo.repo.remotes.create("origin", url)
        yield seen


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_pull_asks_with_the_real_dialog_on_the_gui_thread(
    qtbot: QtBot,
    content_repo: ContentRepo,
    auth_remote: list[str | None],
    make_controller: Callable[[Path], GitController],
    answers: ScriptedAnswers,
) -> None:
    git = make_controller(content_repo.folder)
    shown: list[tuple[str, bool]] = []

    def answer_dialog(dialog: CredentialDialog) -> None:
        shown.append((dialog.windowTitle(), threading.current_thread() is threading.main_thread()))
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # nothing typed yet
        dialog.user_edit.setText("curator")
        dialog.password_edit.setText("typed-token")
        ok.click()

    answers.reply(answer_dialog, to="gitCredentialDialog")
    with qtbot.waitSignal(git.sig_error, timeout=20000) as error:
        git.pull()
    assert shown == [("Sign in to the remote", True)]
    assert _basic("curator", "typed-token") in auth_remote
    assert "refused" in error.args[0] and "\n" not in error.args[0]


def test_cancelled_prompt_is_an_auth_error(
    qtbot: QtBot,
    content_repo: ContentRepo,
    auth_remote: list[str | None],
    make_controller: Callable[[Path], GitController],
) -> None:
    git = make_controller(content_repo.folder)
    threads: list[bool] = []

    def refuse(url: str, username: str | None) -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        return None

    git.set_credential_prompt(refuse)
    with qtbot.waitSignal(git.sig_error, timeout=20000) as error:
        git.push()
    assert threads == [True]
    assert "refused" in error.args[0]
    assert not any(h and h.startswith("Basic ") for h in auth_remote)


def test_asker_answers_none_once_closed(qtbot: QtBot) -> None:
    asker = PasswordAsker(prompt=lambda url, user: ("u", "p"))
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(asker("http://h/r.git", None)))
    asker.close()
    worker.start()
    worker.join(5)
    assert result == [None]
    assert asker("http://h/r.git", None) is None
