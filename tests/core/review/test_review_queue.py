"""The review queue and before/after data on a scripted history of real commits."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.git_repos import ITEM, OTHER, save_edit

from curator_app.core.git.commit import commit_items
from curator_app.core.git.errors import GitError
from curator_app.core.git.repo import ContentRepo
from curator_app.core.review.compare import review_item
from curator_app.core.review.queue import build_queue, filter_entries, sort_entries


def _rel(cr: ContentRepo, name: str) -> str:
    return cr.rel(cr.folder / name)


def _commit_edit(cr: ContentRepo, name: str, message: str, **values: object) -> str:
    save_edit(cr.folder / name, **values)
    return commit_items(cr, [cr.folder / name], message)


def test_changed_since_a_ref_with_field_diff_and_lint_delta(content_repo: ContentRepo) -> None:
    cr = content_repo
    first = str(cr.repo.head.target)
    _commit_edit(cr, ITEM, "Retitle", title="Genomics plan for the UK", description="A shorter description.")
    _commit_edit(cr, OTHER, "Retitle other", title="Other news")

    queue = build_queue(cr, since=first)
    assert queue.base.commit == first and queue.base.how == "ref"
    assert [e.rel for e in queue.entries] == [_rel(cr, ITEM), _rel(cr, OTHER)]
    seed = queue.entries[0]
    assert seed.change == "modified" and seed.title == "Genomics plan for the UK"

    review = review_item(seed)
    changed = {c.key: (c.old, c.new) for c in review.fields}
    assert changed[("title",)] == ("UK Launch  Implementation Plan For Genomic Healthcare System",
                                   "Genomics plan for the UK")
    assert changed[("description",)][1] == "A shorter description."
    assert review.body is None

    assert review_item(queue.entries[1]).new_errors == 0
    assert any(f.code == "CC301" for f in review.lint_removed)  # the double space is gone


def test_new_lint_errors_are_counted(content_repo: ContentRepo) -> None:
    cr = content_repo
    save_edit(cr.folder / ITEM, title="")
    [entry] = build_queue(cr, since="HEAD").entries
    review = review_item(entry)
    assert review.new_errors == 1
    assert [(f.code, f.field) for f in review.lint_added if f.severity == "error"] == [("CC102", ("title",))]


def test_uncommitted_edits_and_body_word_diff(content_repo: ContentRepo) -> None:
    cr = content_repo
    path = cr.folder / ITEM
    text = path.read_bytes()
    assert b"annou" in text
    path.write_bytes(text.replace(b"Matt Hancock", b"Sajid Javid", 1))
    queue = build_queue(cr, since="HEAD")
    assert queue.base.label == "uncommitted edits"
    [entry] = queue.entries
    review = review_item(entry)
    changes = [(s.op, s.text) for s in review.body or [] if s.op != "="]
    if review.body is None:  # the name sits only in the front matter
        assert review.fields
    else:
        assert ("-", "Matt") in changes or ("-", "Matt Hancock") in changes


def test_added_and_deleted_items(content_repo: ContentRepo) -> None:
    cr = content_repo
    (cr.folder / "news" / "new.md").write_text("---\ntitle: Brand new\n---\nHello\n", encoding="utf-8")
    (cr.folder / OTHER).unlink()
    queue = build_queue(cr, since="HEAD")
    kinds = {e.rel.rsplit("/", 1)[1]: e.change for e in queue.entries}
    assert kinds == {"new.md": "added", "other.md": "deleted"}
    deleted = next(e for e in queue.entries if e.change == "deleted")
    assert deleted.title == "Another item"
    assert review_item(deleted).after.doc is None


def test_status_asking_for_review_is_queued_without_a_change(content_repo: ContentRepo) -> None:
    cr = content_repo
    _commit_edit(cr, OTHER, "Ask for review", status="review")
    queue = build_queue(cr, since="HEAD")
    [entry] = queue.entries
    assert entry.change is None and entry.asks_review and entry.reasons == ["status: review"]
    assert build_queue(cr, since="HEAD", include_status=False).entries == []


def test_sort_and_filter(content_repo: ContentRepo) -> None:
    cr = content_repo
    first = str(cr.repo.head.target)
    _commit_edit(cr, ITEM, "a", title="Zebra genomics")
    _commit_edit(cr, OTHER, "b", title="Apple news")
    entries = build_queue(cr, since=first).entries
    assert [e.title for e in sort_entries(entries, "title")] == ["Apple news", "Zebra genomics"]
    assert [e.title for e in sort_entries(entries, "title", descending=True)] == ["Zebra genomics", "Apple news"]
    assert [e.title for e in filter_entries(entries, "zeb")] == ["Zebra genomics"]
    assert filter_entries(entries, states=["approved"]) == []
    with pytest.raises(ValueError):
        sort_entries(entries, "colour")


def test_unknown_ref_is_a_clear_error(content_repo: ContentRepo) -> None:
    with pytest.raises(GitError, match="unknown revision 'no-such-tag'"):
        build_queue(content_repo, since="no-such-tag")


def test_default_base_is_upstream_then_head(tmp_path: Path, team) -> None:
    a = team.a
    assert build_queue(a).base.how == "head"
    _commit_edit(a, ITEM, "Local work", title="Local title")
    queue = build_queue(a)
    assert queue.base.how == "upstream" and "origin/main" in queue.base.label
    assert [e.rel for e in queue.entries] == [_rel(a, ITEM)]
