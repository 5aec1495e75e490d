"""Fixtures for the document-core tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

CORE_TESTS = Path(__file__).resolve().parent
PROJECT = CORE_TESTS.parents[1]


@pytest.fixture
def run_cli():
    """Run `curator ARGS...` in a fresh interpreter, the way a user does."""

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "curator_app.cli", *args],
            capture_output=True,
            text=True,
            cwd=cwd or PROJECT,
            timeout=120,
        )

    return run


@pytest.fixture(autouse=True)
def _isolated_settings() -> Iterator[None]:
    """Core tests touch no Qt settings. This replaces tests/conftest.py's per-test
    QSettings.setPath, which in this PySide6 build drops a reference to None on every call
    and aborts the interpreter ("none_dealloc") after about a thousand tests."""
    yield None
