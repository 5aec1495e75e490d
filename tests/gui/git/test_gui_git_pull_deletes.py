"""A pull that deletes an open item: the tab is marked deleted (no reload question, no crash
report); a clean tab offers Close / Keep Open, and unsaved edits can be saved back."""

from __future__ import annotations

import pytest
from support.git_repos import ITEM, Team
from support.workbench import close_workbench, open_workbench

from curator_app.core.git.commit import commit_items
from curator_app.core.git.remote import push
from curator_app.gui.wiring import Workbench


@pytest.fixture
def alice(qtbot, team: Team):
    bench = open_workbench(qtbot, team.a.root)
    qtbot.waitUntil(lambda: bench.git.repo is not None, timeout=5000)
    bench.menu["stamp_modified"].setChecked(False)
    yield bench
    close_workbench(bench)


def _bob_deletes(team: Team) -> None:
    bob_item = team.b.folder / ITEM
    bob_item.unlink()
    commit_items(team.b, [bob_item], "Bob: remove the item")
    push(team.b)


@pytest.mark.parametrize("dirty", [False, True])
def test_pull_that_deletes_an_open_item(qtbot, team: Team, alice: Workbench, answers, dirty: bool) -> None:
    item = team.a.folder / ITEM
    session = alice.open_item(item)
    assert session is not None
    if dirty:
        session.set_value(("mastHead",), "ALICE")
    else:
        answers.reply("Keep Open", to="item-gone")
    _bob_deletes(team)
    with qtbot.waitSignal(alice.git.sig_busy, timeout=20000, check_params_cb=lambda busy: not busy):
        alice.menu["pull"].trigger()
    qtbot.waitUntil(lambda: session.gone, timeout=5000)
    assert not item.exists()
    assert alice.tabs.tabText(alice.tabs.index_of(session.path)).endswith("(deleted)")
    assert session.is_dirty() == dirty
    assert "external-change" not in answers.names()
    assert ("item-gone" in answers.names()) is not dirty
    if dirty:
        answers.reply("Re-create", to="save-gone")
        assert alice.save(session)
        assert b"mastHead: ALICE\n" in item.read_bytes()
