from __future__ import annotations

from pathlib import Path

import pytest
from support.git_repos import ITEM, OTHER, Team

from curator_app.core.git.commit import commit_items
from curator_app.core.git.errors import GitUnavailable
from curator_app.core.git.repo import ContentRepo, init_repository, is_repository, open_repository
from curator_app.core.git.status import ItemStatus, branch_info, folder_status, item_status


def test_plain_folder_is_not_a_repository_and_can_be_initialized(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: A\n---\n")
    assert not is_repository(folder)
    with pytest.raises(GitUnavailable) as info:
        open_repository(folder)
    assert "not a git repository" in str(info.value)
    assert str(folder) in str(info.value)

    cr = init_repository(folder)
    assert is_repository(folder)
    assert (folder / ".git").is_dir()
    assert cr.root == folder.resolve()
    assert item_status(cr, folder / "a.md") is ItemStatus.NEW
    info_ = branch_info(cr)
    assert info_.unborn and info_.branch == "main"
    assert "no commits yet" in info_.describe()


def test_status_after_edits(content_repo: ContentRepo) -> None:
    cr = content_repo
    folder = cr.folder
    assert folder_status(cr) == {}
    assert item_status(cr, ITEM) is ItemStatus.UNCHANGED

    item = folder / ITEM
    item.write_bytes(item.read_bytes().replace(b"title: UK Launch", b"title: UK launches"))
    (folder / OTHER).unlink()
    (folder / "news" / "fresh.md").write_text("---\ntitle: Fresh\n---\n")
    (cr.root / "README.md").write_text("outside the content folder\n")

    assert item_status(cr, ITEM) is ItemStatus.MODIFIED
    assert item_status(cr, OTHER) is ItemStatus.DELETED
    assert item_status(cr, "news/fresh.md") is ItemStatus.NEW
    assert folder_status(cr) == {
        "content/news/genome-uk.md": ItemStatus.MODIFIED,
        "content/news/other.md": ItemStatus.DELETED,
        "content/news/fresh.md": ItemStatus.NEW,
    }
    # Files outside the content folder are not items.
    assert "README.md" not in folder_status(cr)
    assert folder_status(cr, suffixes=(".txt",)) == {}

    # Reverting the bytes makes the item unchanged again.
    commit_items(cr, [ITEM], "Edit title")
    assert item_status(cr, ITEM) is ItemStatus.UNCHANGED
    assert set(folder_status(cr)) == {"content/news/other.md", "content/news/fresh.md"}


def test_branch_info_counts_ahead_and_behind(team: Team) -> None:
    a = team.a
    info = branch_info(a)
    assert (info.branch, info.upstream, info.ahead, info.behind) == ("main", "origin/main", 0, 0)
    assert info.describe() == "main"

    item = a.folder / OTHER
    item.write_bytes(item.read_bytes().replace(b"Another item", b"Another item, edited"))
    commit_items(a, [item], "Edit other")
    info = branch_info(a)
    assert (info.ahead, info.behind) == (1, 0)
    assert info.describe() == "main ↑1"
