from __future__ import annotations

import base64
import socket
from collections.abc import Iterator
from pathlib import Path

import pygit2
import pytest
from support.git_repos import ITEM, OTHER, Team
from support.http_git import refusing_git_server

from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items
from curator_app.core.git.errors import (
    AuthError,
    DivergedError,
    LocalChangesError,
    MergeConflictError,
    NoRemoteError,
    RemoteUnreachable,
)
from curator_app.core.git.remote import Progress, pull, push
from curator_app.core.git.repo import ContentRepo
from curator_app.core.git.status import branch_info


def _edit(cr: ContentRepo, rel: str, key: str, value: object, message: str) -> str:
    path = cr.folder / rel
    doc = Document.load(path)
    doc.set((key,), value)
    doc.save()
    return commit_items(cr, [path], message)


def test_push_to_bare_remote_with_progress(team: Team) -> None:
    a = team.a
    oid = _edit(a, ITEM, "title", "Pushed title", "Retitle")
    events: list[Progress] = []
    result = push(a, progress=events.append)
    assert (result.remote, result.branch, result.commits) == ("origin", "main", 1)
    bare = pygit2.Repository(str(team.bare))
    assert str(bare.references["refs/heads/main"].target) == oid
    assert branch_info(a).ahead == 0
    assert any(e.phase == "sending" for e in events)


def test_pull_fast_forward_reports_changed_items(team: Team) -> None:
    a, b = team.a, team.b
    oid = _edit(a, ITEM, "title", "From Alice", "Retitle")
    push(a)
    events: list[Progress] = []
    result = pull(b, progress=events.append)
    assert result.kind == "fast-forward"
    assert result.new_head == oid
    assert result.changed_paths == ["content/news/genome-uk.md"]
    assert Document.load(b.folder / ITEM).get(("title",)) == "From Alice"
    assert str(b.repo.head.target) == oid
    assert b.repo.status() == {}
    assert any(e.phase == "receiving" for e in events)
    assert pull(b).kind == "up-to-date"


def test_pull_merges_when_both_sides_committed_different_items(team: Team) -> None:
    a, b = team.a, team.b
    _edit(b, OTHER, "title", "From Bob", "Bob retitles other")
    push(b)
    mine = _edit(a, ITEM, "title", "From Alice", "Alice retitles genome")
    with pytest.raises(DivergedError) as info:
        push(a)
    assert "pull first" in str(info.value)

    result = pull(a)
    assert result.kind == "merged"
    assert result.changed_paths == ["content/news/other.md"]
    assert result.new_head is not None
    merge = a.repo[result.new_head]
    assert isinstance(merge, pygit2.Commit)
    assert str(merge.parents[0].id) == mine
    assert len(merge.parents) == 2
    assert Document.load(a.folder / OTHER).get(("title",)) == "From Bob"
    assert Document.load(a.folder / ITEM).get(("title",)) == "From Alice"
    assert a.repo.status() == {}
    push(a)
    assert branch_info(a).ahead == 0


def test_pull_with_conflicting_commits_leaves_the_tree_untouched(team: Team) -> None:
    a, b = team.a, team.b
    _edit(b, ITEM, "title", "Bob's title", "Bob")
    push(b)
    mine = _edit(a, ITEM, "title", "Alice's title", "Alice")
    before = (a.folder / ITEM).read_bytes()
    with pytest.raises(MergeConflictError) as info:
        pull(a)
    assert info.value.paths == ["content/news/genome-uk.md"]
    assert "content/news/genome-uk.md" in str(info.value)
    assert str(a.repo.head.target) == mine
    assert (a.folder / ITEM).read_bytes() == before
    assert a.repo.status() == {}


def test_pull_refuses_to_overwrite_saved_uncommitted_changes(team: Team) -> None:
    a, b = team.a, team.b
    _edit(b, ITEM, "title", "Bob's title", "Bob")
    push(b)
    doc = Document.load(a.folder / ITEM)
    doc.set(("description",), "Saved locally, not committed")
    doc.save()
    saved = (a.folder / ITEM).read_bytes()
    head = a.repo.head.target
    with pytest.raises(LocalChangesError) as info:
        pull(a)
    assert info.value.paths == ["content/news/genome-uk.md"]
    assert "Commit them first" in str(info.value)
    assert (a.folder / ITEM).read_bytes() == saved
    assert a.repo.head.target == head


def test_no_remote_is_a_clear_error(content_repo: ContentRepo) -> None:
    for action in (pull, push):
        with pytest.raises(NoRemoteError) as info:
            action(content_repo)
        assert "has no remote" in str(info.value)


def test_unreachable_file_remote_is_a_clear_error(content_repo: ContentRepo, tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "remote.git"
    content_repo.repo.remotes.create("origin", f"file://{missing}")
    for action in (pull, push):
        with pytest.raises(RemoteUnreachable) as info:
            action(content_repo)
        text = str(info.value)
        assert "cannot be reached" in text and str(missing) in text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_refused_connection_is_unreachable(content_repo: ContentRepo) -> None:
    content_repo.repo.remotes.create("origin", f"http://127.0.0.1:{_free_port()}/repo.git")
    with pytest.raises(RemoteUnreachable) as info:
        pull(content_repo)
    assert "are you offline?" in str(info.value)


@pytest.fixture
def auth_server() -> Iterator[tuple[str, list[str | None]]]:
    """An HTTP git endpoint that refuses every login."""
    with refusing_git_server() as (url, seen):
        yield url, seen


def test_auth_failure_uses_credential_helper_then_prompt(
    content_repo: ContentRepo,
    auth_server: tuple[str, list[str | None]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, seen = auth_server
    for var in ("GIT_ASKPASS", "SSH_ASKPASS"):
        monkeypatch.delenv(var, raising=False)
    cfg = content_repo.repo.config
    cfg["credential.helper"] = "!f() { echo username=curator; echo password=from-helper; }; f"
    content_repo.repo.remotes.create("origin", url)
    asked: list[str] = []

    def ask(u: str, user: str | None) -> tuple[str, str]:
        asked.append(u)
        return "curator", "typed"

    with pytest.raises(AuthError) as info:
        pull(content_repo, ask_password=ask)
    assert "refused" in str(info.value)
    assert asked == [url]

    def basic(user: str, password: str) -> str:
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    assert basic("curator", "from-helper") in seen
    assert basic("curator", "typed") in seen


def test_pull_into_a_fresh_repository_checks_out_the_remote(team: Team, tmp_path: Path) -> None:
    from curator_app.core.git.repo import init_repository

    cr = init_repository(tmp_path / "fresh")
    cr.repo.remotes.create("origin", str(team.bare))
    result = pull(cr)
    assert result.kind == "fast-forward" and result.old_head is None
    assert "content/news/genome-uk.md" in result.changed_paths
    assert (cr.root / "content" / ITEM).read_bytes() == (team.a.folder / ITEM).read_bytes()
    info = branch_info(cr)
    assert (info.branch, info.upstream, info.ahead, info.behind) == ("main", "origin/main", 0, 0)


class _Cancelled(Exception):
    pass


def test_progress_callback_can_cancel_a_pull(team: Team) -> None:
    _edit(team.a, ITEM, "title", "From Alice", "Retitle")
    push(team.a)
    head = team.b.repo.head.target

    def cancel(event: Progress) -> None:
        raise _Cancelled

    with pytest.raises(_Cancelled):
        pull(team.b, progress=cancel)
    assert team.b.repo.head.target == head
    assert pull(team.b).kind == "fast-forward"
