"""Real git repositories for tests: a content repo with the seed, a bare remote, clones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pygit2

from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items
from curator_app.core.git.remote import push
from curator_app.core.git.repo import ContentRepo, init_repository, open_repository

ITEM = "news/genome-uk.md"
OTHER = "news/other.md"
OTHER_TEXT = b"---\ntitle: Another item\ntags:\n  - News\n---\n<p>Body of another item.</p>\n"
SEED_TITLE = "UK Launch  Implementation Plan For Genomic Healthcare System"


@dataclass
class Team:
    bare: Path
    a: ContentRepo  # Alice: the original repository
    b: ContentRepo  # Bob: a clone of the bare remote
    clone: Callable[[str], ContentRepo] = field(repr=False, default=lambda name: _no_clone(name))


def _no_clone(name: str) -> ContentRepo:
    raise RuntimeError(f"no clone factory for {name}")


def set_identity(path: Path, name: str) -> None:
    cfg = pygit2.Repository(str(path)).config
    cfg["user.name"] = name
    cfg["user.email"] = f"{name.lower()}@example.org"


def make_content_repo(tmp_path: Path, seed_bytes: bytes) -> ContentRepo:
    """A site repo whose content folder holds the seed item and a small second item, committed."""
    folder = tmp_path / "site" / "content"
    cr = init_repository(tmp_path / "site")
    set_identity(tmp_path / "site", "Alice")
    (folder / "news").mkdir(parents=True)
    (folder / ITEM).write_bytes(seed_bytes)
    (folder / OTHER).write_bytes(OTHER_TEXT)
    commit_items(cr, [folder / ITEM, folder / OTHER], "Add items")
    return open_repository(folder)


def make_team(tmp_path: Path, content_repo: ContentRepo) -> Team:
    """content_repo published to a bare repo (a local path remote) and cloned as Bob."""
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


def save_edit(path: Path, **values: object) -> Document:
    """Set top-level fields in the file and save it, as the editor would."""
    doc = Document.load(path)
    for key, value in values.items():
        doc.set((key,), value)
    doc.save()
    return doc


def head_paths(cr: ContentRepo) -> list[str]:
    """Files the HEAD commit changed relative to its first parent."""
    head = cr.repo.head.peel(pygit2.Commit)
    diff = cr.repo.diff(head.parents[0], head)
    return sorted(d.new_file.path for d in diff.deltas)
