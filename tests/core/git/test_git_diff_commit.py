from __future__ import annotations

from pathlib import Path

import pygit2
import pytest
from support.git_repos import ITEM, OTHER

from curator_app.core.algebra.diff import BODY_KEY, MISSING, field_changes, save_diff
from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items, default_author, suggest_message
from curator_app.core.git.diff import field_changes_vs_head, text_diff_vs_head
from curator_app.core.git.errors import IdentityMissing, NothingToCommit
from curator_app.core.git.repo import ContentRepo
from curator_app.core.git.status import ItemStatus, folder_status, item_status

OLD_TITLE = "UK Launch  Implementation Plan For Genomic Healthcare System"
NEW_TITLE = "UK launches implementation plan for genomic healthcare"


def _edit_title_and_tag(path: Path) -> None:
    doc = Document.load(path)
    doc.set(("title",), NEW_TITLE)
    doc.set(("tags",), ["News", "Genomics"])
    doc.save()


def test_field_diff_of_seed_copy(content_repo: ContentRepo) -> None:
    item = content_repo.folder / ITEM
    _edit_title_and_tag(item)

    changes = field_changes_vs_head(content_repo, item)
    by_key = {c.key: c for c in changes}
    assert set(by_key) == {("title",), ("tags",)}
    assert by_key[("title",)].old == OLD_TITLE
    assert by_key[("title",)].new == NEW_TITLE
    assert by_key[("title",)].describe() == f'title changed from "{OLD_TITLE}" to "{NEW_TITLE}"'
    assert by_key[("tags",)].describe() == 'tags: added "Genomics"'

    text = text_diff_vs_head(content_repo, item)
    assert f"-title: {OLD_TITLE}\n" in text
    assert f"+title: {NEW_TITLE}\n" in text
    assert "+  - Genomics\n" in text
    assert text.startswith("--- a/content/news/genome-uk.md\n+++ b/content/news/genome-uk.md\n")
    # Only those lines changed: 2 removed lines (title), 2 added (title, tag).
    body = [ln for ln in text.splitlines()[2:] if ln[:1] in "+-"]
    assert len(body) == 3


def test_field_diff_nested_added_removed_and_body(seed_bytes: bytes) -> None:
    old = Document.from_bytes(seed_bytes)
    new = Document.from_bytes(seed_bytes)
    new.set(("htmlMetaData", "msvalidate.01"), "NEWCODE")
    new.delete(("institution",))
    new.set(("featuredImage", "caption"), "Matt Hancock")
    new.body = new.body + "<p>More.</p>\n"
    changes = {c.key: c for c in field_changes(old, new)}
    assert changes[("htmlMetaData", "msvalidate.01")].kind == "changed"
    assert (
        changes[("htmlMetaData", "msvalidate.01")]
        .describe()
        .startswith("htmlMetaData.msvalidate\\.01 changed from")
    )
    assert changes[("institution",)].kind == "removed"
    assert changes[("institution",)].new is MISSING
    assert changes[("institution",)].describe() == "institution removed (was null)"
    assert changes[("featuredImage", "caption")].describe() == ('featuredImage.caption added: "Matt Hancock"')
    assert changes[BODY_KEY].describe() == "body changed"
    assert len(changes) == 4


def test_save_diff_shows_what_a_save_writes(content_repo: ContentRepo) -> None:
    doc = Document.load(content_repo.folder / ITEM)
    assert save_diff(doc) == ""
    doc.set(("title",), NEW_TITLE)
    diff = save_diff(doc)
    assert f"-title: {OLD_TITLE}\n+title: {NEW_TITLE}\n" in diff
    assert diff.count("\n-") == 1 and diff.count("\n+") == 2  # "+++" header + the line


def test_commit_with_prefilled_message(content_repo: ContentRepo) -> None:
    cr = content_repo
    item = cr.folder / ITEM
    other = cr.folder / OTHER
    _edit_title_and_tag(item)
    other.write_bytes(other.read_bytes().replace(b"Body of", b"Body of the"))

    message = suggest_message(cr, [item])
    assert message.splitlines()[0] == f"Update tags, title of {NEW_TITLE}"
    assert f'- title changed from "{OLD_TITLE}" to "{NEW_TITLE}"' in message
    assert '- tags: added "Genomics"' in message

    oid = commit_items(cr, [item], message)
    commit = cr.repo[oid]
    assert isinstance(commit, pygit2.Commit)
    assert commit.message == message + "\n"
    assert commit.author.name == "Alice"
    assert commit.author.email == "alice@example.org"
    # Only the chosen item went in; the other stays modified.
    assert item_status(cr, item) is ItemStatus.UNCHANGED
    assert folder_status(cr) == {"content/news/other.md": ItemStatus.MODIFIED}
    assert commit.tree["content/news/genome-uk.md"].id == pygit2.hash(item.read_bytes())

    with pytest.raises(NothingToCommit):
        commit_items(cr, [item], "again")


def test_commit_new_and_deleted_items_with_given_author(content_repo: ContentRepo) -> None:
    cr = content_repo
    fresh = cr.folder / "news" / "fresh.md"
    fresh.write_text("---\ntitle: Fresh item\n---\n<p>x</p>\n")
    (cr.folder / OTHER).unlink()
    message = suggest_message(cr, [fresh, OTHER])
    assert message.splitlines()[0] == "Update 2 items"
    assert "- Add Fresh item" in message
    assert "- Remove Another item" in message
    oid = commit_items(cr, [fresh, OTHER], message, author=("Carol", "carol@example.org"))
    commit = cr.repo[oid]
    assert isinstance(commit, pygit2.Commit)
    assert commit.author.name == "Carol"
    assert "content/news/fresh.md" in commit.tree
    assert "content/news/other.md" not in commit.tree
    assert folder_status(cr) == {}


def test_missing_identity_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pygit2.enums import ConfigLevel

    from curator_app.core.git.repo import init_repository

    # Hide the machine's global/system config so no identity can be found.
    saved = {
        lvl: pygit2.settings.search_path[lvl]
        for lvl in (ConfigLevel.GLOBAL, ConfigLevel.SYSTEM, ConfigLevel.XDG)
    }
    try:
        for lvl in saved:
            pygit2.settings.search_path[lvl] = str(tmp_path / "noconfig")
        cr = init_repository(tmp_path / "r")
        (cr.root / "a.md").write_text("---\ntitle: A\n---\n")
        with pytest.raises(IdentityMissing) as info:
            default_author(cr)
        assert "set your name and e-mail" in str(info.value)
        with pytest.raises(IdentityMissing):
            commit_items(cr, ["a.md"], "Add a")
    finally:
        for lvl, value in saved.items():
            pygit2.settings.search_path[lvl] = value
