"""Typing while the library lints: keystroke → preview painted in the window of a
10,000-item folder during its lint pass, and again once the pass has ended.

    python -m benchmarks.bench_typing_lint [--quick]

Each run is a child process with the whole window (offscreen) on a generated folder and a
fresh cache: the folder is indexed, its first item opens, and once the library's lint pass
is under way a keystroke every TYPING_MS goes into the title field (QTest, through the form
and the session as a user's would), each timed from the key to the first preview frame that
shows it. The same typing again after the pass ends is the baseline. Runs alternate between
one lint worker process and two (gui/library/worker.py LINT_WORKERS), so both meet the same
machine load; each reports its typing figures and how long the pass took.

Targets (issue 20): typing during the pass keeps the preview's median ≤ 50 ms and p95
≤ 100 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._child import ROOT, app_env
from benchmarks._typing import TYPING_MS, p95, steady_typing
from benchmarks.generate import generate


def run(quick: bool = False) -> dict[str, Any]:
    count = 1000 if quick else 10000
    rounds = 1 if quick else 2
    keys = 30 if quick else 60
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory(prefix="curator-typing-lint-") as t:
        tmp = Path(t)
        content = generate(tmp / "site", count)
        for n in range(rounds):
            for workers in (1, 2):
                home = tmp / f"run-{n}-{workers}"
                home.mkdir()
                env = dict(app_env(home), PYTHONPATH=str(ROOT), BENCH_LINT_WORKERS=str(workers),
                           BENCH_KEYS=str(keys))
                proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_typing_lint", "--child", str(content)],
                                      cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
                if proc.returncode != 0:
                    raise RuntimeError(f"bench_typing_lint failed:\n{proc.stderr[-2000:]}")
                runs[workers].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    out: dict[str, Any] = {"items": count, "keys": keys, "typing_interval_ms": TYPING_MS}
    for workers, results in runs.items():
        during = [ms for r in results for ms in r["during_ms"]]
        after = [ms for r in results for ms in r["after_ms"]]
        out[f"workers_{workers}"] = {
            "during_median_ms": round(statistics.median(during), 1),
            "during_p95_ms": round(p95(during), 1),
            "after_median_ms": round(statistics.median(after), 1),
            "after_p95_ms": round(p95(after), 1),
            "lint_pass_s": [round(r["lint_pass_s"], 2) for r in results],
            "typed_while_linting": all(r["typed_while_linting"] for r in results),
        }
    current = _current_workers()
    out["app_lint_workers"] = current
    out["during_median_ms"] = out[f"workers_{current}"]["during_median_ms"]
    out["during_p95_ms"] = out[f"workers_{current}"]["during_p95_ms"]
    out["targets"] = {"during_median_ms": [50, "<"], "during_p95_ms": [100, "<"]}
    return out


def _current_workers() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from curator_app.gui.library.worker import LINT_WORKERS

    return LINT_WORKERS


def _child(content: Path) -> dict[str, Any]:
    import curator_app.gui.library.worker as worker

    worker.LINT_WORKERS = int(os.environ["BENCH_LINT_WORKERS"])
    from PySide6.QtWidgets import QApplication

    from curator_app.gui.app import create_application
    from curator_app.gui.main_window import MainWindow
    from curator_app.gui.settings import Settings
    from curator_app.gui.wiring import Workbench

    app = create_application()
    settings = Settings()
    window = MainWindow(settings)
    bench = Workbench(window, settings)
    window.resize(1600, 1000)
    window.show()
    lint: dict[str, float] = {}

    def progress(done: int, total: int) -> None:
        lint.setdefault("started", time.perf_counter())
        if done >= total:
            lint["done"] = time.perf_counter()

    bench.library.sig_lint_progress.connect(progress)
    bench.open_folder(content)
    _wait(app, lambda: "started" in lint and bench.tabs.current_session() is not None, 300)
    editor = bench.tabs.current_editor()
    preview = bench.preview
    if editor is None or preview is None or not editor.focus_field(("title",)):
        raise RuntimeError("no title field to type into")
    field = QApplication.focusWidget()
    keys = int(os.environ.get("BENCH_KEYS", "60"))
    during = _typing(preview, field, keys)
    typed_while_linting = "done" not in lint
    _wait(app, lambda: "done" in lint, 900)
    after = _typing(preview, field, keys)
    session = bench.tabs.current_session()
    if session is not None:
        session.undo_stack.setClean()
    window.close_guard = None
    window.close()
    return {"during_ms": during, "after_ms": after, "lint_pass_s": lint["done"] - lint["started"],
            "typed_while_linting": typed_while_linting}


def _wait(app: Any, ready: Any, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out waiting for the window")
        app.processEvents()
        time.sleep(0.005)


def _typing(preview: Any, field: Any, count: int) -> list[float]:
    """Steady typing into `field`, each key timed to the preview's paint showing it. Keys
    alternate between a letter and Backspace, so the title keeps its length."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def press(k: int) -> None:
        QTest.keyClick(field, Qt.Key.Key_Backspace if k % 2 else Qt.Key.Key_X)

    return [round(ms, 2) for ms in steady_typing(preview, count, press)]


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(_child(Path(sys.argv[-1]))), flush=True)
        os._exit(0)  # as bench_preview: skip a teardown that PySide6 6.12 can abort in
    print(json.dumps(run("--quick" in sys.argv), indent=2))
