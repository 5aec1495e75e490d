"""Tests that need a real X11 platform: shortcuts (X11 key bindings differ from offscreen's),
focus and popups. The ordinary run collects only test_xcb_runner.py, which starts a private
Xvfb and runs this folder again under it with QT_QPA_PLATFORM=xcb."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

if os.environ.get("CURATOR_TEST_QPA") == "xcb":
    collect_ignore = ["test_xcb_runner.py"]
else:
    collect_ignore_glob = ["test_x11_*.py"]


@pytest.fixture
def seed_copy(seed_path: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "item" / "index.md"
    dest.parent.mkdir()
    shutil.copyfile(seed_path, dest)
    return dest


@pytest.fixture
def open_pane(qtbot):
    """Open a file in a shown, active EditorPane; returns (pane, session)."""
    from curator_app.gui.editor_pane import EditorPane
    from curator_app.gui.session import DocumentSession

    def _open(path: Path):
        pane = EditorPane()
        qtbot.addWidget(pane)
        pane.resize(1200, 760)
        session = DocumentSession(path)
        pane.open_document(session)
        pane.show()
        qtbot.waitExposed(pane)
        pane.activateWindow()
        qtbot.waitUntil(pane.isActiveWindow, timeout=5000)
        return pane, session

    return _open
