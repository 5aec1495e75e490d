"""Tests that need a real X11 platform: shortcuts (X11 key bindings differ from offscreen's),
focus and popups. The ordinary run collects only test_xcb_runner.py, which starts a private
Xvfb and runs this folder again under it with QT_QPA_PLATFORM=xcb."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

if os.environ.get("CURATOR_TEST_QPA") == "xcb":
    collect_ignore = ["test_xcb_runner.py"]
else:
    collect_ignore_glob = ["test_x11_*.py"]


# QtWebEngine on X11 probes for Vulkan and the GPU once a process; Xvfb has neither, and
# pages render in software all the same. Whichever test of the folder starts the first web
# view meets the messages (which one depends on what the run skips), so all may see them.
XCB_PROBE_MESSAGES = (r"^Failed to load vulkan", r"^initInstance: No Vulkan library available$",
                      r"^Failed to create platform Vulkan instance$", r"^Unable to detect GPU vendor")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.qt_log_ignore(*XCB_PROBE_MESSAGES))


# seed_copy comes from tests/support/editor_fixtures.py (a plugin of the whole suite).


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
