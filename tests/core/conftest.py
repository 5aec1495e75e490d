"""Fixtures for the document-core tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import paths

PROJECT = paths.PROJECT


@pytest.fixture
def run_cli_process():
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


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """Run `curator ARGS...` in this process (fast); an exception escaping main() fails
    the test, which is how a traceback would reach a user."""
    from curator_app.cli import main

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["curator", *args], code, out, err)

    return run


@pytest.fixture(autouse=True)
def _isolated_settings() -> Iterator[None]:
    """Core tests touch no Qt settings. This replaces tests/conftest.py's per-test
    QSettings.setPath, which in this PySide6 build drops a reference to None on every call
    and aborts the interpreter ("none_dealloc") after about a thousand tests."""
    yield None
