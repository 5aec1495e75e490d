"""Folder-wide find and replace: preview and apply over a generated library.

    python benchmarks/bench_replace.py [--quick] [--json]

A library of 10,000 seed-shaped items (--quick: 1,000) is generated, then for two words,
one in about 8 % of the items (a site name) and one in nearly every item:
`preview_s` is what the Replace in Folder dialog waits for before it lists every hit
grouped by item and field and shows the first item's diff (search in worker processes,
parse only the files holding the word, prepare one diff); `apply_s` prepares every
file's new bytes and writes them all (all or nothing, each atomic); `undo_s` puts them
back. Targets (issue 18): preview under 5 s and apply under 15 s at 10,000 items. Each
phase also reports `*_cpu_s`, the CPU time of this process and its worker processes.

Peer in the same run (same machine, same load): `batch_ms` and `one_by_one_ms` are the
in-process cost per item of applying an item's replaced values with one batched edit
(Document.set_many, one check) and with one Document.set per value (one check each), over
the first 300 items holding the common word. The load average is recorded at both ends.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__:
    from ._child import main
    from .generate import generate
else:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks._child import main
    from benchmarks.generate import generate

from curator_app.core.algebra.diff import BODY_KEY
from curator_app.core.algebra.keypath import KeyPath
from curator_app.core.document.document import Document
from curator_app.core.find.folder import apply_plan, plan_replace, prepare
from curator_app.core.find.item import Hit, find_in_document, replace_hits
from curator_app.core.find.query import Query
from curator_app.core.library.bulk import undo

WORDS = {"rare": ("Modern Healthcare", "Modern Health Care"), "common": ("telehealth", "telemedicine")}


def _cpu() -> float:
    """CPU seconds of this process and its reaped workers: on a shared machine the wall
    time follows the load, the CPU time much less."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _case(paths: list[Path], pattern: str, replacement: str) -> dict[str, Any]:
    query = Query(pattern, replacement, whole_word=True)
    out: dict[str, Any] = {}
    wall, cpu = time.perf_counter(), _cpu()
    plan = plan_replace(paths, query)
    if plan.items:
        prepare(plan, plan.items[:1])
    out["preview_s"], out["preview_cpu_s"] = time.perf_counter() - wall, _cpu() - cpu
    wall, cpu = time.perf_counter(), _cpu()
    record = apply_plan(plan)
    out["apply_s"], out["apply_cpu_s"] = time.perf_counter() - wall, _cpu() - cpu
    wall, cpu = time.perf_counter(), _cpu()
    undo(record)
    out["undo_s"], out["undo_cpu_s"] = time.perf_counter() - wall, _cpu() - cpu
    return {
        "items_with_word": len(plan.items),
        "hits": plan.hit_count,
        **{name: round(value, 2) for name, value in out.items()},
    }


def _peer(paths: list[Path]) -> dict[str, float]:
    query = Query(*WORDS["common"], whole_word=True)
    jobs: list[tuple[bytes, Path, list[Hit], list[tuple[KeyPath, Any]]]] = []
    for path in paths:
        raw = path.read_bytes()
        hits = find_in_document(Document.from_bytes(raw, path), query)
        if hits:
            done = Document.from_bytes(raw, path)
            keys = [k for k in replace_hits(done, hits) if k != BODY_KEY]
            jobs.append((raw, path, hits, [(k, done.get(k)) for k in keys]))
        if len(jobs) == 300:
            break
    out: dict[str, float] = {}
    for name in ("batch_ms", "one_by_one_ms"):
        start = time.perf_counter()
        for raw, path, hits, values in jobs:
            doc = Document.from_bytes(raw, path)
            if name == "batch_ms":
                replace_hits(doc, hits)
            else:
                for key, value in values:
                    doc.set(key, value)
        out[name] = round((time.perf_counter() - start) / len(jobs) * 1000, 2)
    return out


def run(quick: bool = False) -> dict[str, Any]:
    count = 1000 if quick else 10000
    with tempfile.TemporaryDirectory(prefix="curator-bench-replace-") as tmp:
        content = generate(Path(tmp) / "site", count)
        paths = sorted(content.rglob("*.md"))
        result: dict[str, Any] = {"items": len(paths), "load_start": round(os.getloadavg()[0], 1)}
        for name, (pattern, replacement) in WORDS.items():
            result[name] = _case(paths, pattern, replacement)
        result["common_peer"] = _peer(paths)
        result["load_end"] = round(os.getloadavg()[0], 1)
    result["targets"] = {
        "rare.preview_s": [5, "<"], "rare.apply_s": [15, "<"],
        "common.preview_s": [5, "<"], "common.apply_s": [15, "<"],
    }
    return result


if __name__ == "__main__":
    raise SystemExit(main(run, "Curator Replace in Folder benchmark"))
