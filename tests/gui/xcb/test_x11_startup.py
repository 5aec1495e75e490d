"""Start-up on a real X server: the GL driver is linked ahead on a worker thread, the
zygote is skipped where the sandbox is off, the web view's scene graph is in software, and
the preview still paints the item before git status is read."""

from __future__ import annotations

import os
from pathlib import Path

from support.startup import start_app


def test_the_preview_paints_on_x11_with_the_apps_chromium_flags(seed_path: Path, tmp_path: Path) -> None:
    assert os.environ["QT_QPA_PLATFORM"] == "xcb"
    # No --disable-gpu here: the preview composites with the X server's GL, as a user's does.
    result = start_app(seed_path, tmp_path, flags="")
    assert result["code"] == 0
    assert result["marks"].index("window-shown") < result["marks"].index("preview-painted")
    assert result["painted_before_git"] is True
    assert result["quick"] == "software"
    if os.geteuid() == 0:
        assert result["flags"] == "--no-sandbox --no-zygote"
