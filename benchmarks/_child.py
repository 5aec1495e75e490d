"""Run a GUI benchmark in a fresh child process (Qt and QtWebEngine start from scratch there)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "curated-content-genome-uk.md"


def run_child(module: str, quick: bool) -> dict[str, Any] | None:
    """`python -m benchmarks.<module> --child [--quick]`; its last stdout line is a JSON dict.

    None when the shared seed is missing (the benchmark has nothing to open).
    """
    if not SEED.is_file():
        return None
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", f"benchmarks.{module}", "--child"] + (["--quick"] if quick else [])
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result
