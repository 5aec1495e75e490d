"""QtWebEngine is linked on a worker thread before Python imports it (a new process: the
test process has the web engine loaded already)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

_CHILD = """
import json, sys
import PySide6.QtWidgets
from curator_app.gui.preview.preload import preload_web_engine

def mapped():
    with open("/proc/self/maps") as maps:
        return "libQt6WebEngineCore" in maps.read()

before = mapped()
done = preload_web_engine()
assert done.wait(60)
linked = mapped()
imported_during = "PySide6.QtWebEngineCore" in sys.modules
import PySide6.QtWebEngineWidgets  # the libraries are already in: only the bindings start
print(json.dumps({"before": before, "linked": linked, "imported_during": imported_during,
                  "again_set": preload_web_engine().is_set()}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the preload is for Linux (dlopen)")
def test_web_engine_libraries_are_linked_off_the_gil_before_the_import() -> None:
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    proc = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[3])
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["before"] is False and result["linked"] is True
    assert result["imported_during"] is False
    assert result["again_set"] is True  # nothing left to link once imported
