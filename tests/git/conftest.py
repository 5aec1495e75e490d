"""Real repositories for the git tests: a content repo, a bare remote, two clones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pygit2
import pytest

from curator_app.core.git.commit import commit_items
from curator_app.core.git.remote import push
from curator_app.core.git.repo import ContentRepo, init_repository, open_repository

ITEM = "news/genome-uk.md"
OTHER = "news/other.md"

OTHER_TEXT = b"---\ntitle: Another item\ntags:\n  - News\n---\n<p>Body of another item.</p>\n"


def set_identity(path: Path, name: str) -> None:
    cfg = pygit2.Repository(str(path)).config
    cfg["user.name"] = name
    cfg["user.email"] = f"{name.lower()}@example.org"


@pytest.fixture
def seed_bytes(seed_path: Path) -> bytes:
    return seed_path.read_bytes()


@pytest.fixture
def content_repo(tmp_path: Path, seed_bytes: bytes) -> ContentRepo:
    """A repo whose content folder holds the seed item and a small second item, committed."""
    folder = tmp_path / "site" / "content"
    cr = init_repository(tmp_path / "site")
    set_identity(tmp_path / "site", "Alice")
    (folder / "news").mkdir(parents=True)
    (folder / ITEM).write_bytes(seed_bytes)
    (folder / OTHER).write_bytes(OTHER_TEXT)
    commit_items(cr, [folder / ITEM, folder / OTHER], "Add items")
    return open_repository(folder)


@dataclass
class Team:
    bare: Path
    a: ContentRepo
    b: ContentRepo
    clone: Callable[[str], ContentRepo]


@pytest.fixture
def team(tmp_path: Path, content_repo: ContentRepo) -> Team:
    """content_repo published to a bare repo (file path remote) and cloned as B."""
    bare = tmp_path / "remote.git"
    pygit2.init_repository(str(bare), bare=True, initial_head="main")
    content_repo.repo.remotes.create("origin", str(bare))
    push(content_repo)

    def clone(name: str) -> ContentRepo:
        dest = tmp_path / name
        pygit2.clone_repository(str(bare), str(dest))
        set_identity(dest, name.capitalize())
        return open_repository(dest / "content")

    return Team(bare=bare, a=content_repo, b=clone("bob"), clone=clone)
