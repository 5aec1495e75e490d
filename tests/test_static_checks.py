"""Lint and type checks are part of the suite, so CI fails on them like on any test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / name
    if not exe.is_file():
        pytest.fail(f"{exe} missing: install the dev extras (`bash scripts/dev.sh test`)")
    return str(exe)


def test_ruff_check_passes(project_root: Path) -> None:
    result = subprocess.run(
        [_tool("ruff"), "check", "--no-cache", "."],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=project_root,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_passes(project_root: Path) -> None:
    # Settings (packages, strictness) come from [tool.mypy] in pyproject.toml.
    result = subprocess.run(
        [_tool("mypy")], capture_output=True, text=True, timeout=600, cwd=project_root
    )
    assert result.returncode == 0, result.stdout + result.stderr
