"""Runs tests/gui/xcb/test_x11_*.py on a private virtual X server with the xcb platform."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parents[2]


def test_x11_suite_passes_under_xvfb(tmp_path: Path) -> None:
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed (scripts/dev.sh installs it)")
    env = dict(os.environ, CURATOR_TEST_QPA="xcb")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    command = [
        "xvfb-run", "-a", "-s", "-screen 0 1280x800x24 -nolisten tcp",
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow",
        "--basetemp", str(tmp_path / "x11"), str(HERE),
    ]
    proc = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                          timeout=900, check=False)
    summary = (proc.stdout[-6000:] + "\n" + proc.stderr[-3000:]).strip()
    assert proc.returncode == 0, summary
    assert " passed" in proc.stdout, summary
