"""Shared names for the git GUI tests (a uniquely named module, not conftest, so the
import cannot pick up another folder's conftest)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygit2

from curator_app.core.document import Document
from curator_app.core.git.repo import ContentRepo

ITEM = "news/genome-uk.md"
OTHER = "news/other.md"
OTHER_TEXT = b"---\ntitle: Another item\ntags:\n  - News\n---\n<p>Body of another item.</p>\n"
SEED_TITLE = "UK Launch  Implementation Plan For Genomic Healthcare System"


@dataclass
class Team:
    bare: Path
    a: ContentRepo  # Alice: the original repository
    b: ContentRepo  # Bob: a clone of the bare remote


def set_identity(path: Path, name: str) -> None:
    cfg = pygit2.Repository(str(path)).config
    cfg["user.name"] = name
    cfg["user.email"] = f"{name.lower()}@example.org"


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
