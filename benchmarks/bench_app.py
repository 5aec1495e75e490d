"""Whole-app numbers: startup to window and to first preview, save latency, memory.

- startup: process start to main window shown, and to the first preview painted
  (offscreen, median of N launches of `curator <sample content>`);
- save: one-field edit of the seed to bytes on disk (Document.set + atomic save);
- memory: peak RSS of the app with a 10,000-item library open and the seed in the
  preview; the main process and the QtWebEngine helper processes separately.

Run: python -m benchmarks.bench_app [--quick]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._child import app_env

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "curated-content-genome-uk.md"
CURATOR = [sys.executable, "-m", "curator_app.cli"]


def _launch(folder: Path, tmp: Path, stay: bool = False) -> subprocess.Popen[str]:
    env = app_env(tmp)
    env["CURATOR_BENCH_STARTUP"] = f"{time.time():.6f}"
    if stay:
        env["CURATOR_BENCH_STAY"] = "1"
    return subprocess.Popen(
        [*CURATOR, str(folder)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )


def startup(runs: int) -> dict[str, float]:
    shown, painted = [], []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        folder = tmp / "site"
        shutil.copytree(ROOT / "content", folder, ignore=shutil.ignore_patterns("public", "_gen"))
        for _ in range(runs):
            proc = _launch(folder, tmp)
            out, _ = proc.communicate(timeout=120)
            marks = dict(line.split()[:2] for line in out.splitlines() if line.count(" ") >= 1)
            shown.append(float(marks["window-shown"]) * 1000)
            if "preview-painted" in marks:
                painted.append(float(marks["preview-painted"]) * 1000)
    return {
        "window_shown_median_ms": round(statistics.median(shown), 1),
        "first_preview_median_ms": round(statistics.median(painted), 1) if painted else -1.0,
        "runs": runs,
    }


def save(repeats: int) -> dict[str, float]:
    from curator_app.core.document.document import Document

    times = []
    with tempfile.TemporaryDirectory() as t:
        path = Path(t) / "item.md"
        shutil.copyfile(SEED, path)
        for i in range(repeats):
            doc = Document.load(path)
            start = time.perf_counter()
            doc.set(("title",), f"UK launches genome plan, take {i}")
            doc.save()
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(len(times) * 0.95) - 1], 2)}


def _rss_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    out = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return out
    for c in map(int, children):
        out.append(c)
        out.extend(_descendants(c))
    return out


def memory(items: int) -> dict[str, float]:
    from benchmarks.generate import generate

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        site = tmp / "site"
        content = generate(site, items)
        shutil.copyfile(SEED, content / "news" / "0000-genome-uk.md")
        proc = _launch(site, tmp, stay=True)
        loaded = painted = False
        deadline = time.time() + 300
        assert proc.stdout is not None
        while time.time() < deadline and not (loaded and painted):
            line = proc.stdout.readline()
            if not line:
                break
            loaded = loaded or line.startswith("library-loaded")
            painted = painted or line.startswith("preview-painted")
        time.sleep(2)  # let the lint pass and thumbnails settle
        main_peak = _rss_kb(proc.pid, "VmHWM")
        helpers = sum(_rss_kb(p, "VmRSS") for p in _descendants(proc.pid))
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {
        "items": items,
        "main_peak_rss_mb": round(main_peak / 1024, 1),
        "webengine_rss_mb": round(helpers / 1024, 1),
        "library_loaded": float(loaded),
    }


def run(quick: bool = False) -> dict[str, Any]:
    result: dict[str, Any] = {
        "startup": startup(2 if quick else 5),
        "save": save(20 if quick else 100),
        "memory": memory(1000 if quick else 10000),
    }
    result["targets"] = {
        "startup.window_shown_median_ms": [1500, "<"],
        "save.median_ms": [30, "<"],
        "memory.main_peak_rss_mb": [300, "<"],
    }
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
