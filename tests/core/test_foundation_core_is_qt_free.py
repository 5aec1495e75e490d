"""curator_app.core must be importable without Qt (the CLI and tests rely on it)."""

from __future__ import annotations

import json
import subprocess
import sys

# Runs in a fresh interpreter so nothing the test session imported (Qt) can hide a leak.
_PROBE = """
import importlib, json, pkgutil, sys
import curator_app.core as core
names = [core.__name__]
for info in pkgutil.walk_packages(core.__path__, prefix=core.__name__ + "."):
    importlib.import_module(info.name)
    names.append(info.name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "qtawesome", "qtpy"})
print(json.dumps({"imported": names, "qt": qt}))
"""


def test_core_imports_no_qt_module(project_root) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=project_root,
    )
    assert result.returncode == 0, f"importing curator_app.core failed:\n{result.stderr}"
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["imported"][0] == "curator_app.core"
    assert report["qt"] == [], f"core pulled in Qt: {report['qt']}"


def test_probe_detects_qt(project_root) -> None:
    # The check above must be able to fail: a module that imports Qt is caught.
    leaky = _PROBE.replace(
        "import curator_app.core as core", "import curator_app.core as core\nimport PySide6.QtCore"
    )
    result = subprocess.run(
        [sys.executable, "-c", leaky], capture_output=True, text=True, timeout=120, cwd=project_root
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "PySide6.QtCore" in report["qt"]
