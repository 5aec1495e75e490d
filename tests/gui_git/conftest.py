"""Real repositories for the git GUI tests: a content repo, a bare remote, two clones."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pygit2
import pytest
from gui_git_support import ITEM, OTHER, OTHER_TEXT, Team, set_identity

from curator_app.core.git.commit import commit_items
from curator_app.core.git.remote import push
from curator_app.core.git.repo import ContentRepo, init_repository, open_repository
from curator_app.gui.git.controller import GitController


@pytest.fixture
def content_repo(tmp_path: Path, seed_path: Path) -> ContentRepo:
    """A site repo whose content folder holds the seed item and a small item, committed."""
    folder = tmp_path / "site" / "content"
    cr = init_repository(tmp_path / "site")
    set_identity(tmp_path / "site", "Alice")
    (folder / "news").mkdir(parents=True)
    (folder / ITEM).write_bytes(seed_path.read_bytes())
    (folder / OTHER).write_bytes(OTHER_TEXT)
    commit_items(cr, [folder / ITEM, folder / OTHER], "Add items")
    return open_repository(folder)


@pytest.fixture
def team(tmp_path: Path, content_repo: ContentRepo) -> Team:
    """content_repo published to a bare repository (a local path remote) and cloned as Bob."""
    bare = tmp_path / "remote.git"
    pygit2.init_repository(str(bare), bare=True, initial_head="main")
    content_repo.repo.remotes.create("origin", str(bare))
    push(content_repo)
    dest = tmp_path / "bob"
    pygit2.clone_repository(str(bare), str(dest))
    set_identity(dest, "Bob")
    return Team(bare=bare, a=content_repo, b=open_repository(dest / "content"))


@pytest.fixture
def make_controller(qtbot: object) -> Iterator[Callable[[Path], GitController]]:
    """Controllers made in a test are shut down after it (no thread outlives its test)."""
    made: list[GitController] = []

    def make(folder: Path) -> GitController:
        controller = GitController()
        made.append(controller)
        controller.set_folder(folder)
        return controller

    yield make
    for controller in made:
        controller.shutdown()
        controller.deleteLater()
