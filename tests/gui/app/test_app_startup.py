"""Start-up as `curator ITEM` runs it (a new process): the window shows before the slow
parts load, and they arrive afterwards without the user doing anything: the preview first,
then the folder's git status."""

from __future__ import annotations

import os
from pathlib import Path

from support.startup import start_app

SLOW_TO_IMPORT = ["pygit2", "tomlkit", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
                  # the lint rules (first lint) and the library's dialogs (first use)
                  "curator_app.core.lint.engine", "curator_app.gui.library.dialogs",
                  "curator_app.gui.library.new_item", "curator_app.core.library.bulk",
                  "nh3"]  # the paste cleaner's (the first paste) and the preview's


def test_window_shows_before_git_and_web_engine_load_then_the_preview_paints_then_git(seed_path: Path,
                                                                                     tmp_path: Path) -> None:
    users = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "") + " --lang=en-GB"
    result = start_app(seed_path, tmp_path, flags=users)
    assert result["code"] == 0
    # The window, then the preview painted with the item, and only then git status.
    marks = result["marks"]
    assert marks.index("window-shown") < marks.index("preview-painted")
    assert result["painted_before_git"] is True
    # The library's worker thread waits while the window starts the preview and reopens tabs.
    assert result["indexing_held_until_git"] is True
    assert "main" in result["branch"]
    loaded_early = [m for m in SLOW_TO_IMPORT if m in result["at_show"]]
    assert loaded_early == [], f"imported before the window showed: {loaded_early}"
    # The item's dictionary loads once the window has painted, and then it is there.
    assert result["dictionary_at_show"] is False
    assert result["dictionary_later"] == "en_US"  # the seed names none, nor does its folder
    # No cycle collection until the preview has painted; then it is on again, leaving out
    # what start-up built.
    assert result["collecting_at_show"] is False
    assert result["collecting_later"] is True and result["frozen_later"] > 10_000
    # The user's own Chromium flags are kept, ours added after them.
    assert result["flags"].startswith(users.strip())
    if os.geteuid() == 0:
        assert "--no-sandbox" in result["flags"].split() and "--no-zygote" in result["flags"].split()
