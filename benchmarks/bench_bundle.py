"""The packaged app against the venv: start-up side by side, and the bundle's size.

- startup: process start to main window shown and to the first preview painted, the built
  bundle (dist/curator/curator, or CURATOR_BUNDLE) and `python -m curator_app.cli` from
  this venv launched alternately on the sample content, offscreen; medians and the ratio;
- size: the unpacked bundle as `du` counts it (MiB) and the newest .deb beside it.

Skipped (with the reason in the result) when no bundle has been built:
`bash packaging/build.sh [deb]`.

Run: python -m benchmarks.bench_bundle [--quick]
"""

from __future__ import annotations

import os
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


def _bundle() -> Path | None:
    exe = Path(os.environ.get("CURATOR_BUNDLE", ROOT / "dist" / "curator" / "curator"))
    return exe if exe.is_file() and os.access(exe, os.X_OK) else None


def _env(tmp: Path, frozen: bool) -> dict[str, str]:
    env = app_env(tmp, frozen=frozen)
    env["CURATOR_BENCH_STARTUP"] = f"{time.time():.6f}"
    return env


def _launch(command: list[str], folder: Path, frozen: bool) -> tuple[float, float | None]:
    with tempfile.TemporaryDirectory() as t:
        env = _env(Path(t), frozen)  # a fresh profile per launch: nothing remembered
        proc = subprocess.run(
            [*command, str(folder)], env=env, capture_output=True, text=True, timeout=180, check=False
        )
    marks = dict(line.split()[:2] for line in proc.stdout.splitlines() if line.count(" ") >= 1)
    if "window-shown" not in marks:
        raise RuntimeError(f"{command[0]} showed no window: {proc.stderr[-500:]}")
    painted = marks.get("preview-painted")
    return float(marks["window-shown"]) * 1000, float(painted) * 1000 if painted else None


def _du_mib(folder: Path) -> float:
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in folder.rglob("*"):
        st = path.lstat()
        if (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_blocks * 512
    return round(total / 1048576, 1)


def startup(bundle: Path, rounds: int) -> dict[str, Any]:
    venv = [sys.executable, "-m", "curator_app.cli"]
    times: dict[str, list[tuple[float, float | None]]] = {"venv": [], "bundle": []}
    with tempfile.TemporaryDirectory() as t:
        folder = Path(t) / "site"
        shutil.copytree(ROOT / "content", folder, ignore=shutil.ignore_patterns("public", "_gen"))
        _launch([str(bundle)], folder, frozen=True)  # first launch warms the page cache only
        _launch(venv, folder, frozen=False)
        for _ in range(rounds):  # alternate so that load on the machine hits both alike
            times["bundle"].append(_launch([str(bundle)], folder, frozen=True))
            times["venv"].append(_launch(venv, folder, frozen=False))
    out: dict[str, Any] = {}
    for name, runs in times.items():
        out[f"{name}_window_shown_median_ms"] = round(statistics.median(r[0] for r in runs), 1)
        painted = [r[1] for r in runs if r[1] is not None]
        out[f"{name}_first_preview_median_ms"] = round(statistics.median(painted), 1) if painted else -1.0
    out["window_ratio_bundle_to_venv"] = round(
        out["bundle_window_shown_median_ms"] / out["venv_window_shown_median_ms"], 2
    )
    out["rounds"] = rounds
    return out


def run(quick: bool = False) -> dict[str, Any]:
    bundle = _bundle()
    if bundle is None:
        return {"skipped": "no built bundle: bash packaging/build.sh"}
    result: dict[str, Any] = {"bundle_mib": _du_mib(bundle.parent)}
    debs = sorted(bundle.parent.parent.glob("curator_*.deb"), key=lambda p: p.stat().st_mtime)
    if debs:
        result["deb_mib"] = round(debs[-1].stat().st_size / 1048576, 1)
    result["startup"] = startup(bundle, rounds=3 if quick else 7)
    result["targets"] = {"bundle_mib": [350, "<"], "startup.window_ratio_bundle_to_venv": [1.2, "<"]}
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
