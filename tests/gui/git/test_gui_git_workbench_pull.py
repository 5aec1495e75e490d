"""The whole window: Alice edits an item, Bob's pushed change to the same item arrives by a
pull, the two merge field by field, and Alice's save writes both (real repositories)."""

from __future__ import annotations

import pytest
from support.git_repos import ITEM, Team, save_edit
from support.workbench import close_workbench, open_workbench

from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items
from curator_app.core.git.remote import push
from curator_app.gui.library.model import COL_STATUS
from curator_app.gui.wiring import Workbench


@pytest.fixture
def alice(qtbot, team: Team):
    bench = open_workbench(qtbot, team.a.root)
    qtbot.waitUntil(lambda: bench.git.repo is not None, timeout=5000)
    yield bench
    close_workbench(bench)


def test_pull_merges_a_colleagues_change_into_unsaved_edits(
    qtbot, team: Team, alice: Workbench, answers
) -> None:
    item = team.a.folder / ITEM
    session = alice.open_item(item)
    assert session is not None
    session.set_value(("description",), "Alice rewrote the description.")
    assert session.is_dirty()

    # Bob changes another field of the same item and pushes.
    bob_item = team.b.folder / ITEM
    save_edit(bob_item, sub="feature")
    commit_items(team.b, [bob_item], "Bob: mark as feature")
    push(team.b)

    with qtbot.waitSignal(alice.git.sig_busy, timeout=20000, check_params_cb=lambda busy: not busy):
        alice.menu["pull"].trigger()
    # One event for the pull: merged when it ended, with no disk question held back for later
    # (the scripted answers fail the test if one is asked, now or before it ends).
    assert session.document.get(("sub",)) == "feature"
    assert session.document.get(("description",)) == "Alice rewrote the description."
    assert session.is_dirty()  # the merge is an unsaved, undoable edit
    assert not session.document.changed_on_disk()
    assert "external-change" not in answers.names()

    assert alice.save(session)
    saved = Document.load(item)
    assert saved.get(("sub",)) == "feature"
    assert saved.get(("description",)) == "Alice rewrote the description."
    # Bob's other fields came through untouched; besides the last-modified stamps of the
    # save, only the edited key differs from his file.
    bob = Document.load(bob_item)
    stamps = {"lastMod", "htmlMetaData", "openGraphMetaData"}
    assert {k for k in bob.data if bob.data[k] != saved.data.get(k)} - stamps == {"description"}
    assert saved.data["htmlMetaData"]["description"] == bob.data["htmlMetaData"]["description"]


def test_library_shows_git_status_after_a_save(qtbot, team: Team, alice: Workbench) -> None:
    item = team.a.folder / ITEM
    session = alice.open_item(item)
    assert session is not None
    model = alice.library.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10000)

    def status_text() -> str:
        row = next(r for r in range(model.rowCount()) if model.path_at(r) == item.resolve())
        return str(model.data(model.index(row, COL_STATUS)))

    assert "modified" not in status_text()
    session.set_value(("sub",), "feature")
    assert alice.save(session)
    qtbot.waitUntil(lambda: "modified" in status_text(), timeout=5000)
    assert "modified" in alice.window.branch_label.text() or "changed" in alice.window.branch_label.text()


def test_a_pull_reloads_a_clean_open_item_once(qtbot, team: Team, alice: Workbench, answers) -> None:
    item = team.a.folder / ITEM
    session = alice.open_item(item)
    assert session is not None and not session.is_dirty()
    seen: list[object] = []
    session.sig_reloaded.connect(lambda: seen.append(session.document.get(("sub",))))
    bob_item = team.b.folder / ITEM
    save_edit(bob_item, sub="feature")
    commit_items(team.b, [bob_item], "Bob: mark as feature")
    push(team.b)

    with qtbot.waitSignal(alice.git.sig_busy, timeout=20000, check_params_cb=lambda busy: not busy):
        alice.menu["pull"].trigger()
    assert seen == ["feature"]
    # A later change is the next reload: any late notice of the pull would have come first.
    save_edit(item, sub="opinion")
    qtbot.waitUntil(lambda: session.document.get(("sub",)) == "opinion", timeout=5000)
    assert seen == ["feature", "opinion"]
    assert answers.names() == []
