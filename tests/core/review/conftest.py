"""Scripted histories for the review tests: the seed and a second item, a remote, clones."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.git_repos import Team, make_content_repo, make_team

from curator_app.core.git.repo import ContentRepo


@pytest.fixture
def content_repo(tmp_path: Path, seed_path: Path) -> ContentRepo:
    return make_content_repo(tmp_path, seed_path.read_bytes())


@pytest.fixture
def team(tmp_path: Path, content_repo: ContentRepo) -> Team:
    return make_team(tmp_path, content_repo)
