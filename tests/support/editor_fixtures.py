"""Fixtures for the editor tests (editor, find): a writable copy of the seed and an EditorPane on it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# A plugin of the whole suite: the GUI is imported only by the tests that use these.
if TYPE_CHECKING:
    from curator_app.gui.editor_pane import EditorPane
    from curator_app.gui.session import DocumentSession


def type_at_end_of_title(qtbot, pane: EditorPane, text: str) -> None:
    """Type `text` at the end of the form's title field, as a curator would."""
    from curator_app.gui.form.fields_basic import TextEditor

    title = pane.form.editor("title")
    assert isinstance(title, TextEditor)
    title.edit.setFocus()
    title.edit.end(False)
    qtbot.keyClicks(title.edit, text)


@pytest.fixture
def seed_copy(seed_path: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "item" / "index.md"
    dest.parent.mkdir()
    shutil.copyfile(seed_path, dest)
    return dest


@pytest.fixture
def open_pane(qtbot):
    """Open a file in a shown EditorPane; returns (pane, session)."""

    from curator_app.gui.editor_pane import EditorPane
    from curator_app.gui.session import DocumentSession

    def _open(path: Path) -> tuple[EditorPane, DocumentSession]:
        pane = EditorPane()
        qtbot.addWidget(pane)
        pane.resize(1300, 900)
        # The pane owns the session, so its file watcher dies with the pane, on this thread;
        # a session left to the garbage collector could be freed on the library's worker thread.
        session = DocumentSession(path, parent=pane)
        pane.open_document(session)
        pane.show()
        qtbot.waitExposed(pane)
        pane.activateWindow()
        qtbot.waitUntil(pane.isActiveWindow, timeout=2000)
        return pane, session

    return _open


@pytest.fixture
def git_sample_site(tmp_content: Path, seed_path: Path) -> Path:
    """The sample site with the seed among its news items, all committed to a fresh git repository."""
    shutil.copyfile(seed_path, tmp_content / "content" / "news" / "genome-uk.md")
    for args in (["init", "-q"], ["config", "user.name", "Curator Tests"], ["config", "user.email", "tests@example.org"],
                 ["add", "-A"], ["commit", "-q", "-m", "Sample content"]):
        subprocess.run(["git", *args], cwd=tmp_content, check=True)
    return tmp_content
