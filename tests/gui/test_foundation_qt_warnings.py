"""The suite's contract: a Qt warning fails the test; only listed offscreen noise is let through."""

from __future__ import annotations

from pathlib import Path

import pytest

_INNER = """
from PySide6.QtCore import qWarning

def test_warns(qtbot):
    qWarning("something is wrong")

def test_known_noise(qtbot):
    qWarning("This plugin does not support propagateSizeHints()")

def test_quiet(qtbot):
    pass
"""


def test_qt_warning_fails_a_test(pytester: pytest.Pytester, project_root: Path) -> None:
    pytester.makepyfile(test_inner=_INNER)
    result = pytester.runpytest_subprocess(
        "-c",
        str(project_root / "pyproject.toml"),
        "--rootdir",
        str(pytester.path),
        "-p",
        "no:cacheprovider",
        "test_inner.py",
    )
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["*Failure: Qt messages with level WARNING or above emitted*", "FAILED test_inner.py::test_warns*"]
    )
