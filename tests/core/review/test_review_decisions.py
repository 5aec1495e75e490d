"""Decisions live in the repository: they travel by push/pull, survive a fresh clone,
never change an item's bytes, and flag an approved item that is edited again."""

from __future__ import annotations

import json

import pytest
from support.git_repos import ITEM, OTHER, Team, head_paths, save_edit

from curator_app.core.errors import CuratorError
from curator_app.core.git.commit import commit_items
from curator_app.core.git.remote import pull, push
from curator_app.core.git.status import folder_status
from curator_app.core.review.decisions import (
    APPROVED,
    CHANGES_REQUESTED,
    REVIEW_DIR,
    load_decisions,
    record_decisions,
    set_workflow_value,
)
from curator_app.core.review.queue import build_queue
from curator_app.core.review.workflow import workflow_of


def test_decisions_travel_between_clones_and_survive_a_fresh_clone(team: Team) -> None:
    a, b = team.a, team.b
    item = a.rel(a.folder / ITEM)
    before = (a.folder / ITEM).read_bytes()

    made, _commit = record_decisions(a, [(item, APPROVED, "")])
    assert (a.folder / ITEM).read_bytes() == before  # the item's bytes never change
    assert head_paths(a) == [made[0].source] and made[0].source.startswith(REVIEW_DIR)
    assert not folder_status(a)  # the decision is committed, nothing left behind

    # Bob reviews the other item at the same time, on his clone.
    other = b.rel(b.folder / OTHER)
    record_decisions(b, [(other, CHANGES_REQUESTED, "Needs a source link")])
    push(a)
    pull(b)  # a merge: two new files, never a conflict
    push(b)
    pull(a)
    for cr in (a, b, team.clone("carol")):
        log = load_decisions(cr)
        assert log.problems == []
        latest = log.latest()
        assert latest[item].verdict == APPROVED and latest[item].reviewer == "Alice"
        assert latest[other].verdict == CHANGES_REQUESTED
        assert latest[other].note == "Needs a source link" and latest[other].reviewer == "Bob"


def test_changed_since_approved_and_notes_for_curators(content_repo) -> None:
    cr = content_repo
    item = cr.rel(cr.folder / ITEM)
    save_edit(cr.folder / ITEM, title="Reviewed title")
    commit_items(cr, [cr.folder / ITEM], "Retitle")
    [entry] = build_queue(cr, since="HEAD~1").entries
    assert entry.state == "unreviewed"
    record_decisions(cr, [(item, CHANGES_REQUESTED, "Title too vague")])
    record_decisions(cr, [(item, APPROVED, "Fine now")])

    # The default base is now the last review: nothing changed since.
    queue = build_queue(cr)
    assert queue.base.how == "last-review" and queue.entries == []

    save_edit(cr.folder / ITEM, title="Edited after approval")
    [entry] = build_queue(cr).entries
    assert entry.state == "changed-since-approved"
    assert [(d.verdict, d.note) for d in entry.notes] == [(APPROVED, "Fine now"), (CHANGES_REQUESTED, "Title too vague")]


def test_changes_requested_needs_a_note_and_verdicts_are_checked(content_repo) -> None:
    cr = content_repo
    item = cr.rel(cr.folder / ITEM)
    with pytest.raises(CuratorError, match="needs a note"):
        record_decisions(cr, [(item, CHANGES_REQUESTED, "  ")])
    with pytest.raises(CuratorError, match="unknown verdict"):
        record_decisions(cr, [(item, "maybe", "")])
    assert not (cr.root / REVIEW_DIR).exists()


def test_a_broken_review_file_is_reported_with_its_location(content_repo) -> None:
    cr = content_repo
    item = cr.rel(cr.folder / ITEM)
    record_decisions(cr, [(item, APPROVED, "")])
    bad = cr.root / REVIEW_DIR / "zz-broken.json"
    bad.write_text('{"format": "curator-review/1",\n  "decisions": [,]}\n', encoding="utf-8")
    log = load_decisions(cr)
    assert log.latest()[item].verdict == APPROVED
    assert log.problems == [f"{bad}:2:17: Expecting value"]
    assert build_queue(cr, since="HEAD").problems == log.problems


def test_setting_the_workflow_key_is_a_one_line_change(content_repo) -> None:
    cr = content_repo
    workflow = workflow_of()
    assert workflow is not None and workflow.key == ("status",) and "review" in workflow.review
    path = cr.folder / ITEM
    before = path.read_bytes().splitlines()
    assert set_workflow_value([path], workflow.key, workflow.approve or "") == [path]
    after = path.read_bytes().splitlines()
    assert len(before) == len(after)
    assert [(x, y) for x, y in zip(before, after, strict=True) if x != y] == [(b"status: ''", b"status: approved")]
    assert set_workflow_value([path], workflow.key, workflow.approve or "") == []


def test_review_file_format(content_repo) -> None:
    cr = content_repo
    item = cr.rel(cr.folder / ITEM)
    made, _commit = record_decisions(cr, [(item, APPROVED, " ok ")])
    raw = json.loads((cr.root / made[0].source).read_text(encoding="utf-8"))
    assert raw["format"] == "curator-review/1"
    assert raw["reviewer"] == {"name": "Alice", "email": "alice@example.org"}
    assert raw["branch"] == "main" and raw["commit"] == str(cr.repo.head.peel().parents[0].id)
    assert raw["decisions"] == [{"path": item, "blob": made[0].blob, "verdict": "approved", "note": "ok"}]
    assert cr.repo.head.peel().message.startswith("Review: approve 1 item")
