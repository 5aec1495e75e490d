"""The packaging tests share one bundle built from this tree (building takes minutes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dist folder: curator/ (the bundle) and, on Linux, the .tar.gz.

    CURATOR_TEST_DIST=dist reuses a bundle built earlier from this same tree (when working
    on the packaging tests themselves); CI always builds."""
    if os.environ.get("CURATOR_TEST_DIST"):
        return Path(os.environ["CURATOR_TEST_DIST"]).resolve()
    out = tmp_path_factory.mktemp("frozen")
    env = {
        **os.environ,
        "DIST_DIR": str(out / "dist"),
        "WORK_DIR": str(out / "work"),
        "PYTHON_BIN": sys.executable,
    }
    proc = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")], env=env, capture_output=True, text=True, timeout=1500
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    return out / "dist"
