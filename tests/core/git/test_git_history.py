from __future__ import annotations

import difflib

from support.git_repos import ITEM, OTHER

from curator_app.core.algebra.diff import MISSING
from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items
from curator_app.core.git.errors import GitError
from curator_app.core.git.history import item_history, restore_field, restore_item, version_bytes
from curator_app.core.git.repo import ContentRepo

OLD_TITLE = "UK Launch  Implementation Plan For Genomic Healthcare System"
NEW_TITLE = "UK launches a genomics plan"


def _three_commits(cr: ContentRepo) -> tuple[str, str, str]:
    item = cr.folder / ITEM
    first = str(cr.repo.head.target)
    doc = Document.load(item)
    doc.set(("title",), NEW_TITLE)
    doc.save()
    second = commit_items(cr, [item], "Retitle")
    other = cr.folder / OTHER
    other.write_bytes(other.read_bytes() + b"<p>more</p>\n")
    commit_items(cr, [other], "Touch the other item only")
    doc = Document.load(item)
    doc.set(("tags",), ["News", "Genomics"])
    doc.delete(("via",))
    doc.save()
    third = commit_items(cr, [item], "Tag it")
    return first, second, third


def test_history_lists_commits_touching_the_item_with_field_diffs(
    content_repo: ContentRepo,
) -> None:
    first, second, third = _three_commits(content_repo)
    history = item_history(content_repo, ITEM)
    assert [h.commit for h in history] == [third, second, first]
    assert [h.summary for h in history] == ["Tag it", "Retitle", "Add items"]
    assert [h.kind for h in history] == ["modified", "modified", "added"]
    assert history[0].author == "Alice"
    assert [c.describe() for c in history[0].changes] == [
        'tags: added "Genomics"',
        'via removed (was " ")',
    ]
    assert [c.describe() for c in history[1].changes] == [
        f'title changed from "{OLD_TITLE}" to "{NEW_TITLE}"'
    ]
    # The first version lists every key as added.
    assert all(c.kind == "added" for c in history[2].changes)
    assert item_history(content_repo, ITEM, limit=1)[0].commit == third
    assert [h.summary for h in item_history(content_repo, OTHER)] == [
        "Touch the other item only",
        "Add items",
    ]


def test_restore_one_field_changes_only_its_lines(content_repo: ContentRepo, seed_bytes: bytes) -> None:
    first, _second, _third = _three_commits(content_repo)
    item = content_repo.folder / ITEM
    before = item.read_bytes()
    doc = Document.load(item)
    change = restore_field(doc, content_repo, first, ("title",))
    assert change is not None and change.old == NEW_TITLE and change.new == OLD_TITLE
    assert restore_field(doc, content_repo, first, ("title",)) is None  # already equal
    doc.save()
    after = item.read_bytes()
    diff = [
        ln
        for ln in difflib.unified_diff(
            before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
        )
        if ln[:1] in "+-" and not ln.startswith(("+++", "---"))
    ]
    assert diff == [f"-title: {NEW_TITLE}", f"+title: {OLD_TITLE}"]

    # A key that was deleted since comes back where it was.
    restore_field(doc, content_repo, first, ("via",))
    assert doc.get(("via",)) == " "
    keys = list(doc.data)
    assert keys.index("via") == keys.index("title") + 1


def test_restore_whole_item_gives_back_the_old_bytes(content_repo: ContentRepo, seed_bytes: bytes) -> None:
    first, _second, third = _three_commits(content_repo)
    item = content_repo.folder / ITEM
    doc = Document.load(item)
    changes = restore_item(doc, content_repo, first)
    assert {c.key for c in changes} == {("title",), ("tags",), ("via",)}
    assert next(c for c in changes if c.key == ("via",)).old is MISSING
    doc.save()
    assert item.read_bytes() == seed_bytes
    assert version_bytes(content_repo, ITEM, first) == seed_bytes
    assert version_bytes(content_repo, "news/none.md", third) is None


def test_unknown_version_is_a_clear_error(content_repo: ContentRepo) -> None:
    try:
        version_bytes(content_repo, ITEM, "no-such-rev")
    except GitError as exc:
        assert "unknown version 'no-such-rev'" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected GitError")
