"""Real repositories for the git tests: a content repo, a bare remote, two clones."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.git_repos import Team, make_content_repo, make_team

from curator_app.core.git.repo import ContentRepo


@pytest.fixture
def seed_bytes(seed_path: Path) -> bytes:
    return seed_path.read_bytes()


@pytest.fixture
def content_repo(tmp_path: Path, seed_bytes: bytes) -> ContentRepo:
    """A repo whose content folder holds the seed item and a small second item, committed."""
    return make_content_repo(tmp_path, seed_bytes)


@pytest.fixture
def team(tmp_path: Path, content_repo: ContentRepo) -> Team:
    """content_repo published to a bare repo (file path remote) and cloned as B."""
    return make_team(tmp_path, content_repo)
