"""Run a GUI benchmark in a fresh child process (Qt and QtWebEngine start from scratch there),
and the command line every benchmark module shares."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "curated-content-genome-uk.md"


def run_child(module: str, quick: bool, *, x11: bool = False) -> dict[str, Any] | None:
    """`python -m benchmarks.<module> --child [--quick]`; its last stdout line is a JSON dict.

    x11: on a private Xvfb with Qt's xcb platform (as a user's desktop draws, OpenGL
    included) instead of offscreen. None when the shared seed is missing (the benchmark has
    nothing to open) or x11 is asked for without xvfb-run.
    """
    if not SEED.is_file() or (x11 and shutil.which("xvfb-run") is None):
        return None
    env = dict(os.environ, QT_QPA_PLATFORM="xcb" if x11 else "offscreen")
    cmd = [sys.executable, "-m", f"benchmarks.{module}", "--child"] + (["--quick"] if quick else [])
    if x11:
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24 -nolisten tcp", *cmd]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def app_env(tmp: Path, *, frozen: bool = False) -> dict[str, str]:
    """The environment for one launch of the app: offscreen, sandbox-free as root, and a fresh
    profile under `tmp` (no remembered folder or recovery records). `frozen` drops the
    venv's Python variables so a bundle runs on its own."""
    env = {k: v for k, v in os.environ.items() if not (frozen and k.startswith(("PYTHON", "VIRTUAL_ENV")))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if os.geteuid() == 0 and "--no-sandbox" not in flags:
        flags += " --no-sandbox"
    env["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --disable-gpu").strip()
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        (tmp / var).mkdir(exist_ok=True)
        env[var] = str(tmp / var)
    return env


def main(run: Callable[[bool], dict[str, Any]], description: str) -> int:
    """`python benchmarks/bench_x.py [--quick] [--json]`: the result as JSON, or one line per group."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.quick)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for group, values in result.items():
        if isinstance(values, dict) and group != "targets":
            print(group + ": " + ", ".join(f"{k} {v}" for k, v in values.items()))
        elif group != "targets":
            print(f"{group}: {values}")
    return 0
