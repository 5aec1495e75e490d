"""Real repositories for the git GUI tests: a content repo, a bare remote, two clones."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.git_repos import Team, make_content_repo, make_team

from curator_app.core.git.repo import ContentRepo
from curator_app.gui.git.controller import GitController


@pytest.fixture
def content_repo(tmp_path: Path, seed_path: Path) -> ContentRepo:
    """A site repo whose content folder holds the seed item and a small item, committed."""
    return make_content_repo(tmp_path, seed_path.read_bytes())


@pytest.fixture
def team(tmp_path: Path, content_repo: ContentRepo) -> Team:
    """content_repo published to a bare repository (a local path remote) and cloned as Bob."""
    return make_team(tmp_path, content_repo)


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
