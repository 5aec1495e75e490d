"""Slow modules load on worker threads before the GUI thread needs them: QtWebEngine and
the OpenGL driver are linked, pygit2 imported (a new process: the test process has both loaded already)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

_CHILD = """
import json, sys
import PySide6.QtWidgets
from curator_app.gui.preload import mesa_glx_libraries, preload_module, preload_web_engine

def mapped(name="libQt6WebEngineCore"):
    with open("/proc/self/maps") as maps:
        return name in maps.read()

gl = [path.rsplit("/", 1)[-1] for path in mesa_glx_libraries()]
before = mapped()
gl_before = any(mapped(name) for name in gl)
done = preload_web_engine(gl=True)
assert done.wait(60)
linked = mapped()
gl_linked = all(mapped(name) for name in gl)
imported_during = "PySide6.QtWebEngineCore" in sys.modules
import PySide6.QtWebEngineWidgets  # the libraries are already in: only the bindings start
git_before = "pygit2" in sys.modules
assert preload_module("pygit2").wait(60)
print(json.dumps({"before": before, "linked": linked, "gl": gl, "gl_before": gl_before, "gl_linked": gl_linked, "imported_during": imported_during,
                  "again_set": preload_web_engine().is_set(),
                  "git_before": git_before, "git_after": "pygit2" in sys.modules}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the preload is for Linux (dlopen)")
def test_web_engine_is_linked_and_pygit2_imported_on_worker_threads() -> None:
    pytest.importorskip("PySide6.QtWebEngineWidgets")
    proc = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[3])
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["before"] is False and result["linked"] is True
    # Mesa's GLX driver, which the first web profile's GL contexts load, when Mesa is here.
    assert result["gl_before"] is False and result["gl_linked"] is True
    assert result["imported_during"] is False
    assert result["again_set"] is True  # nothing left to link once imported
    assert result["git_before"] is False and result["git_after"] is True
