"""Lint + head meta speed: the seed item warm, and `curator validate` on 1,000 items cold.

    python -m benchmarks.bench_lint_meta [--quick]

Targets (issue 5): lint + meta of the seed < 20 ms; validate of a 1,000-item folder < 3 s
cold (a fresh `curator validate` process, so imports and startup count).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "curated-content-genome-uk.md"
TITLE = b"UK Launch  Implementation Plan For Genomic Healthcare System"
WORDS = (b"Genomic", b"Digital", b"Rural", b"Cancer", b"Cloud", b"Payer", b"Nurse", b"Remote")


def _seed_bytes() -> bytes:
    if not SEED.is_file():
        raise SystemExit(f"seed item not found at {SEED}")
    return SEED.read_bytes()


def make_folder(folder: Path, count: int) -> None:
    """`count` copies of the seed with varied titles (and so varied slugs and copies)."""
    raw = _seed_bytes()
    news = folder / "content" / "news"
    news.mkdir(parents=True)
    (folder / "hugo.toml").write_text('baseURL = "https://news.example.org/"\ntitle = "Bench"\n')
    for i in range(count):
        word = WORDS[i % len(WORDS)]
        title = TITLE.replace(b"Genomic", word) + b" " + str(i).encode()
        (news / f"item-{i:05d}.md").write_bytes(raw.replace(TITLE, title))


def bench_seed(repeat: int) -> dict[str, float]:
    started = time.perf_counter()
    from curator_app.core.document.document import Document
    from curator_app.core.lint.engine import lint_document
    from curator_app.core.preview.meta import resolve_meta

    imports = (time.perf_counter() - started) * 1000
    first = 0.0
    times = []
    for i in range(repeat + 1):
        t0 = time.perf_counter()
        doc = Document.load(SEED)
        lint_document(doc)
        resolve_meta(doc)
        elapsed = (time.perf_counter() - t0) * 1000
        if i == 0:
            first = elapsed
        else:
            times.append(elapsed)
    return {
        "imports_ms": round(imports, 2),
        "load_avg_1min": round(os.getloadavg()[0], 2),
        "first_ms": round(first, 2),
        "median_ms": round(statistics.median(times), 3),
        "min_ms": round(min(times), 3),
    }


def bench_validate(count: int) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="curator-bench-lint-"))
    try:
        make_folder(tmp, count)
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        cmd = [sys.executable, "-m", "curator_app.cli", "validate", "--format", "json", str(tmp / "content")]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, check=False)
        elapsed = (time.perf_counter() - t0) * 1000
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
        if proc.returncode not in (0, 1):
            raise RuntimeError(proc.stderr.decode(errors="replace")[-2000:])
        findings = len(json.loads(proc.stdout))
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import curator_app.cli"], env=env, cwd=ROOT, check=True)
        startup = (time.perf_counter() - t0) * 1000
        return {
            "items": count,
            "total_ms": round(elapsed, 1),
            "per_item_ms": round(elapsed / count, 3),
            # CPU of the validate process and its workers: what the wall time would be on one
            # idle core; the wall time depends on how busy the machine is.
            "cpu_ms": round(cpu, 1),
            "startup_ms": round(startup, 1),
            "findings": findings,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(quick: bool = False) -> dict[str, Any]:
    seed = bench_seed(20 if quick else 200)
    validate = bench_validate(1000)
    return {
        "seed_lint_meta": seed,
        "validate_1000_cold": validate,
        "targets": {
            "seed_lint_meta.median_ms": [20, "<"],
            "validate_1000_cold.total_ms": [3000, "<"],
        },
    }


if __name__ == "__main__":
    result = run(quick="--quick" in sys.argv[1:])
    print(json.dumps(result, indent=2))
