"""Item management on disk and in git: duplicate, rename, move, delete, and undoing them."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.git_repos import ITEM, OTHER, make_content_repo

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.git.repo import ContentRepo
from curator_app.core.library.items import (
    delete_item,
    duplicate_item,
    move_item,
    rename_item,
    slug_file_stem,
    undo_move,
)


@pytest.fixture
def repo(tmp_path: Path, seed_path: Path) -> ContentRepo:
    return make_content_repo(tmp_path, seed_path.read_bytes())


def content(cr: ContentRepo) -> Path:
    return cr.abspath("content")


def staged(cr: ContentRepo) -> dict[str, int]:
    return {path: flags for path, flags in cr.repo.status().items() if flags & 0x1F}


def test_duplicate_gets_new_name_id_title_date_and_no_aliases(tmp_path: Path, seed_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    original = folder / "5f1c2b52-3c5e-4f0e-9a57-0d1f5a8c2e11.md"
    original.write_bytes(seed_path.read_bytes())
    (folder / "older.md").write_text("---\nid: 9000\ntitle: x\n---\n")
    copy = duplicate_item(original, now=datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    assert copy.parent == folder and copy != original and len(copy.stem) == 36
    doc, old = Document.load(copy), Document.load(original)
    assert doc.get("title") == old.get("title") + " (copy)"
    assert doc.get(("twitterMetaData", "twittertitle")) == old.get(("twitterMetaData", "twittertitle"))  # differed: kept
    assert doc.get("slug") == old.get("slug") + "-copy"
    assert doc.get("id") == 9001 and doc.get("date") == "2026-11-30" and not doc.has("aliases")
    assert original.read_bytes() == seed_path.read_bytes()


def test_rename_from_title_slug_is_staged_like_git_mv(repo: ContentRepo) -> None:
    item = content(repo) / ITEM
    companion = item.with_name(item.stem + "-featuredImage.jpeg")
    companion.write_bytes(b"jpeg")
    stem = slug_file_stem(Document.load(item))
    assert stem == "uk-launch-implementation-plan-for-genomic-healthcare-system"
    moved = rename_item(item, stem)
    assert moved.item == item.with_name(stem + ".md") and moved.item.is_file() and not item.exists()
    assert item.with_name(stem + "-featuredImage.jpeg").read_bytes() == b"jpeg"
    status = staged(repo)
    rel_new = repo.rel(moved.item)
    assert status[rel_new] & 0x1 and status[repo.rel(item)] & 0x4  # added new, deleted old, in the index
    undo_move(moved)
    assert item.is_file() and companion.is_file()


def test_move_to_another_section_and_refuse_overwrite(repo: ContentRepo) -> None:
    item = content(repo) / ITEM
    section = item.parent.parent / "features"
    moved = move_item(item, section)
    assert (section / item.name).is_file()
    (item.parent / item.name).write_text("---\ntitle: new one\n---\n")
    with pytest.raises(CuratorError, match="already exists"):
        undo_move(moved)
    assert (section / item.name).is_file()  # nothing moved by the refused undo


def test_delete_goes_to_the_trash_and_is_staged(repo: ContentRepo, tmp_path: Path) -> None:
    item = content(repo) / OTHER
    result = delete_item(item)
    assert result.trashed and not item.exists()
    trash = Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"
    assert any(p.name == item.name for p in trash.iterdir())
    assert staged(repo)[repo.rel(item)] & 0x4
