"""The keyboard-only walk (tests/support/keyboard_walk.py) on a real X server: X11's own key
bindings, focus handed over by a window system, and the category box's completion popup."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from support.keyboard_walk import open_at_laptop_size, walk
from support.workbench import close_workbench


# The Vulkan and GPU probe messages of the first web view are allowed by conftest.py.
def test_keyboard_only_walk_on_x11(qtbot, git_sample_site: Path) -> None:
    bench = open_at_laptop_size(qtbot, git_sample_site)
    try:
        walk(qtbot, bench, git_sample_site)
    finally:
        close_workbench(bench)
