"""The installed `curator` command starts and reports the package version."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path


def _curator() -> Path:
    # The console script installed next to this interpreter (.venv/bin/curator in a checkout).
    exe = Path(sys.executable).parent / "curator"
    assert exe.is_file(), f"{exe} is missing: run `bash scripts/dev.sh test` to install the package"
    return exe


def test_version_flag_prints_package_version() -> None:
    result = subprocess.run(
        [str(_curator()), "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"curator {version('curator-app')}"
    assert result.stderr == ""


def test_missing_path_is_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = subprocess.run(
        [str(_curator()), str(missing)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"curator: {missing}: no such file or folder"
    assert "Traceback" not in result.stderr
