"""Document core speed: parse + emit of the seed, a one-field edit + emit, and the
round trip over ../shared/corpus.

    python -m benchmarks.bench_core [--quick]

Targets (issue 4): parse + emit of the seed < 10 ms; one-field edit + emit < 10 ms.
Times are the median of N runs (time.perf_counter), in milliseconds.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "curated-content-genome-uk.md"
CORPUS = SHARED / "corpus"

if str(ROOT) not in sys.path:  # `python benchmarks/bench_core.py` from anywhere
    sys.path.insert(0, str(ROOT))

from curator_app.commands._paths import content_files  # noqa: E402
from curator_app.core.document.document import Document  # noqa: E402
from curator_app.core.errors import CuratorError  # noqa: E402


def _median_ms(fn: Callable[[], Any], n: int) -> float:
    fn()  # warm caches (regexes, imports) once
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 3)


def run(quick: bool = False) -> dict[str, Any]:
    if not SEED.is_file():
        raise SystemExit(f"seed item not found at {SEED}")
    raw = SEED.read_bytes()
    n = 30 if quick else 200

    def parse_emit() -> None:
        Document.from_bytes(raw).to_bytes()

    def edit_emit() -> None:
        doc = Document.from_bytes(raw)
        doc.set(("title",), "Genome UK: the implementation plan, launched")
        doc.to_bytes()

    def folded_edit_emit() -> None:
        doc = Document.from_bytes(raw)
        doc.set(("description",), "A longer description " * 8)
        doc.to_bytes()

    result: dict[str, Any] = {
        "seed_parse_emit_ms": _median_ms(parse_emit, n),
        "seed_edit_emit_ms": _median_ms(edit_emit, n),
        "seed_folded_edit_emit_ms": _median_ms(folded_edit_emit, n),
    }
    if CORPUS.is_dir():
        files = [(p, p.read_bytes()) for p in content_files([CORPUS])]
        rounds = 1 if quick else 3
        best = float("inf")
        changed = read_only = 0
        for _ in range(rounds):
            changed = read_only = 0
            t0 = time.perf_counter()
            for path, data in files:
                try:
                    doc = Document.from_bytes(data, path)
                except CuratorError:
                    read_only += 1
                    continue
                if doc.to_bytes() != data:
                    changed += 1
            best = min(best, time.perf_counter() - t0)
        result["corpus"] = {
            "files": len(files),
            "files_per_s": round(len(files) / best, 1),
            "changed": changed,
            "unparseable": read_only,
        }
    result["targets"] = {
        "seed_parse_emit_ms": [10, "<"],
        "seed_edit_emit_ms": [10, "<"],
        "corpus.changed": [1, "<"],
    }
    return result


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
