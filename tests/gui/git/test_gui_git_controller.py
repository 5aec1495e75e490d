"""GitController on real repositories: status signals, init, commit, push and pull."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pygit2
from pytestqt.qtbot import QtBot
from support.git_repos import ITEM, OTHER, SEED_TITLE, Team, save_edit

from curator_app.core.document.document import Document
from curator_app.core.git.repo import ContentRepo
from curator_app.gui.git.controller import GitController

MakeController = Callable[[Path], GitController]


def real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def test_status_signal_after_editing_a_file(
    qtbot: QtBot, content_repo: ContentRepo, make_controller: MakeController
) -> None:
    git = make_controller(content_repo.folder)
    assert git.has_repository and git.statuses == {}
    path = content_repo.folder / ITEM
    save_edit(path, title="Edited title")
    (content_repo.folder / "news" / "fresh.md").write_text("---\ntitle: Fresh\n---\nHi\n")

    with (
        qtbot.waitSignal(git.sig_status_changed) as status,
        qtbot.waitSignal(git.sig_branch_changed) as branch,
    ):
        git.refresh_status()
    assert status.args == [
        {real(path): "modified", real(content_repo.folder / "news" / "fresh.md"): "new"}
    ]
    assert branch.args == ["main (not published) · 2 changed"]
    assert git.status_of(path) == "modified"
    assert git.status_of(content_repo.folder / OTHER) == "unchanged"


def test_folder_without_repository_offers_initialize(
    qtbot: QtBot, tmp_path: Path, make_controller: MakeController
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "item.md").write_text("---\ntitle: Plain\n---\nBody\n")
    git = GitController()
    try:
        with qtbot.waitSignal(git.sig_repository_changed) as changed:
            git.set_folder(folder)
        assert changed.args == [False]
        assert not git.has_repository and git.can_initialize
        assert git.refresh_status() == {}
        errors: list[str] = []
        git.sig_error.connect(errors.append)
        assert git.pull() is False
        assert errors == ["cannot pull: this folder is not a git repository"]

        with qtbot.waitSignal(git.sig_repository_changed) as changed:
            assert git.init_repository() is True
        assert changed.args == [True]
        assert (folder / ".git").is_dir() and not git.can_initialize
        assert git.statuses == {real(folder / "item.md"): "new"}
    finally:
        git.deleteLater()


def test_commit_reports_and_refreshes(
    qtbot: QtBot, content_repo: ContentRepo, make_controller: MakeController
) -> None:
    git = make_controller(content_repo.folder)
    path = content_repo.folder / ITEM
    save_edit(path, title="Committed title")
    with qtbot.waitSignal(git.sig_committed) as committed:
        oid = git.commit([path], "Retitle", ("Carol", "carol@example.org"))
    assert oid is not None and committed.args == [oid]
    commit = content_repo.repo[oid]
    assert isinstance(commit, pygit2.Commit)
    assert commit.author.name == "Carol"
    assert git.statuses == {}

    errors: list[str] = []
    git.sig_error.connect(errors.append)
    assert git.commit([path], "Again") is None
    assert errors == ["the chosen items have no changes to commit"]


def test_push_then_pull_in_second_clone(qtbot: QtBot, team: Team, make_controller: MakeController) -> None:
    alice = make_controller(team.a.folder)
    bob = make_controller(team.b.folder)
    path = team.a.folder / ITEM
    save_edit(path, title="Alice's new title")
    assert alice.commit([path], "Alice retitles") is not None
    assert alice.refresh_status() == {}

    progress: list[tuple[str, int, int]] = []
    busy: list[bool] = []
    alice.sig_progress.connect(lambda text, done, total: progress.append((text, done, total)))
    alice.sig_busy.connect(busy.append)
    with (
        qtbot.waitSignal(alice.sig_pushed, timeout=20000) as pushed,
        qtbot.waitSignal(alice.sig_branch_changed) as branch,
    ):
        assert alice.push() is True
        assert alice.busy
        assert alice.push() is False  # one transfer at a time
    assert pushed.args == ["origin/main"]
    assert branch.args == ["main"]  # published, nothing ahead
    assert busy == [True, False] and not alice.busy
    assert progress[0][0] == "Push: contacting the remote…"
    assert any(text == "Push: sending changes" for text, _d, _t in progress)
    bare = pygit2.Repository(str(team.bare))
    assert bare.references["refs/heads/main"].target == team.a.repo.head.target

    bob_path = team.b.folder / ITEM
    messages: list[str] = []
    bob.sig_message.connect(messages.append)
    with qtbot.waitSignal(bob.sig_pulled, timeout=20000) as pulled:
        bob.pull()
    assert pulled.args == [[real(bob_path)]]
    assert Document.load(bob_path).get(("title",)) == "Alice's new title"
    assert messages == ["Pulled changes to 1 file"]
    assert bob.last_pull.kind == "fast-forward"
    # The version Bob had before the pull is the merge base for an open document.
    base = bob.pre_pull_bytes(bob_path)
    assert base is not None and Document.from_bytes(base).get(("title",)) == SEED_TITLE

    with qtbot.waitSignal(bob.sig_pulled, timeout=20000) as pulled:
        bob.pull()
    assert pulled.args == [[]]
    assert messages[-1] == "Already up to date"


def test_diverged_push_and_missing_remote_are_one_line_errors(
    qtbot: QtBot, team: Team, content_repo: ContentRepo, make_controller: MakeController
) -> None:
    bob = make_controller(team.b.folder)
    save_edit(team.b.folder / OTHER, title="Bob's other")
    assert bob.commit([team.b.folder / OTHER], "Bob") is not None
    with qtbot.waitSignal(bob.sig_pushed, timeout=20000):
        bob.push()

    alice = make_controller(team.a.folder)
    save_edit(team.a.folder / ITEM, title="Alice's")
    assert alice.commit([team.a.folder / ITEM], "Alice") is not None
    with qtbot.waitSignal(alice.sig_error, timeout=20000) as error:
        alice.push()
    text = error.args[0]
    assert "pull first" in text and "\n" not in text and "Traceback" not in text

    # A pull then merges Bob's commit (different items) and the push goes through.
    with qtbot.waitSignal(alice.sig_pulled, timeout=20000) as pulled:
        alice.pull()
    assert pulled.args == [[real(team.a.folder / OTHER)]]
    with qtbot.waitSignal(alice.sig_pushed, timeout=20000):
        alice.push()

    team.a.repo.remotes.delete("origin")
    with qtbot.waitSignal(alice.sig_error, timeout=20000) as error:
        alice.fetch()
    assert error.args[0].startswith("this repository has no remote")
