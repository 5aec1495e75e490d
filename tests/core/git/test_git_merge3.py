"""A colleague's pushed change meets unsaved edits: pull, then merge field by field."""

from __future__ import annotations

import difflib

from support.git_repos import ITEM, Team

from curator_app.core.algebra.diff import BODY_KEY, MISSING
from curator_app.core.algebra.merge3 import merge_documents
from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items
from curator_app.core.git.remote import pull, push
from curator_app.core.git.status import folder_status

OLD_TITLE = "UK Launch  Implementation Plan For Genomic Healthcare System"
BOB_TITLE = "UK launches genomic healthcare implementation plan"
ALICE_TITLE = "Genomics plan launched in the UK"
ALICE_DESCRIPTION = "The UK plan widens the reach of genomics in diagnosis and treatment."


def _bob_sets(team: Team, key: tuple[str, ...], value: object) -> None:
    path = team.b.folder / ITEM
    doc = Document.load(path)
    doc.set(key, value)
    doc.save()
    commit_items(team.b, [path], "Bob's edit")
    push(team.b)


def test_pull_then_merge_keeps_both_changes(team: Team) -> None:
    path = team.a.folder / ITEM
    # Alice opens the item and edits without saving.
    base = path.read_bytes()
    mine = Document.load(path)
    mine.set(("description",), ALICE_DESCRIPTION)

    _bob_sets(team, ("title",), BOB_TITLE)
    result = pull(team.a)
    assert "content/news/genome-uk.md" in result.changed_paths

    merged = merge_documents(base, Document.load(path), mine)
    assert merged.clean
    assert [c.key for c in merged.applied] == [("description",)]
    assert [c.key for c in merged.pulled] == [("title",)]
    doc = merged.document
    assert doc.get(("title",)) == BOB_TITLE
    assert doc.get(("description",)) == ALICE_DESCRIPTION

    # The editor keeps saving after the pull, and the save changes only the description.
    pulled = path.read_bytes()
    doc.save()
    after = path.read_bytes()
    diff = [
        ln
        for ln in difflib.unified_diff(
            pulled.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
        )
        if ln[:1] in "+-" and not ln.startswith(("+++", "---"))
    ]
    assert diff[-1] == f"+description: {ALICE_DESCRIPTION}"
    assert diff[0] == "-description: >-"
    assert len(diff) == 5  # the 4 lines of the folded old value, the 1 new line
    assert folder_status(team.a) == {"content/news/genome-uk.md": "modified"}
    commit_items(team.a, [path], "Alice's description")
    push(team.a)
    assert pull(team.b).kind == "fast-forward"
    final = Document.load(team.b.folder / ITEM)
    assert (final.get(("title",)), final.get(("description",))) == (BOB_TITLE, ALICE_DESCRIPTION)


def test_both_change_title_is_a_conflict_with_three_values(team: Team) -> None:
    path = team.a.folder / ITEM
    base = path.read_bytes()
    mine = Document.load(path)
    mine.set(("title",), ALICE_TITLE)
    mine.set(("tags",), ["News", "Genomics"])

    _bob_sets(team, ("title",), BOB_TITLE)
    pull(team.a)
    merged = merge_documents(base, Document.load(path), mine)
    assert not merged.clean
    [conflict] = merged.conflicts
    assert conflict.key == ("title",)
    assert (conflict.base, conflict.mine, conflict.theirs) == (OLD_TITLE, ALICE_TITLE, BOB_TITLE)
    assert "you changed it to" in conflict.describe()
    # The non-conflicting edit merged; the conflict keeps their value until resolved.
    assert merged.document.get(("tags",)) == ["News", "Genomics"]
    assert merged.document.get(("title",)) == BOB_TITLE

    merged.take_mine(("title",))
    assert merged.clean
    assert merged.document.get(("title",)) == ALICE_TITLE
    merged.document.save()
    assert Document.load(path).get(("title",)) == ALICE_TITLE


def test_same_change_on_both_sides_is_not_a_conflict(team: Team) -> None:
    path = team.a.folder / ITEM
    base = path.read_bytes()
    mine = Document.load(path)
    mine.set(("title",), BOB_TITLE)
    _bob_sets(team, ("title",), BOB_TITLE)
    pull(team.a)
    merged = merge_documents(base, Document.load(path), mine)
    assert merged.clean and merged.applied == []
    assert merged.document.to_bytes() == path.read_bytes()


def test_nested_delete_against_edit_and_body_conflicts(seed_bytes: bytes) -> None:
    """No repository needed: the merge works on three versions of the seed."""
    theirs = Document.from_bytes(seed_bytes)
    theirs.delete(("featuredImage",))
    theirs.body = "<p>Their body</p>\n"
    theirs.set(("htmlMetaData", "ogsite_name"), "HITN")
    mine = Document.from_bytes(seed_bytes)
    mine.set(("featuredImage", "alt"), "Matt Hancock at a lectern")
    mine.body = "<p>My body</p>\n"
    mine.set(("htmlMetaData", "ogtype"), "news")
    mine.set(("newKey",), "mine only")
    base_doc = Document.from_bytes(seed_bytes)

    merged = merge_documents(seed_bytes, theirs.to_bytes(), mine)
    keys = {c.key: c for c in merged.conflicts}
    assert set(keys) == {("featuredImage",), BODY_KEY}
    image = keys[("featuredImage",)]
    assert image.theirs is MISSING
    assert image.base == base_doc.get(("featuredImage",))
    assert image.mine["alt"] == "Matt Hancock at a lectern"
    assert keys[BODY_KEY].mine == "<p>My body</p>\n"
    doc = merged.document
    assert doc.get(("htmlMetaData", "ogsite_name")) == "HITN"
    assert doc.get(("htmlMetaData", "ogtype")) == "news"
    assert doc.get(("newKey",)) == "mine only"
    assert not doc.has(("featuredImage",))

    merged.take_mine(("featuredImage",))
    merged.resolve(BODY_KEY, "<p>Their body</p>\n<p>My body</p>\n")
    assert merged.clean
    assert doc.get(("featuredImage", "alt")) == "Matt Hancock at a lectern"
    assert doc.body == "<p>Their body</p>\n<p>My body</p>\n"
    # Restored where it was, not at the end of the file.
    keys_in_order = list(doc.data)
    assert keys_in_order.index("featuredImage") == list(base_doc.data).index("featuredImage")
