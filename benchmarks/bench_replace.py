"""Folder-wide find and replace: preview and apply over a generated library.

    python benchmarks/bench_replace.py [--quick] [--json]

A library of 10,000 seed-shaped items (--quick: 1,000) is generated, then for two words,
one in about 8 % of the items (a site name) and one in nearly every item:
`preview_s` is what the Replace in Folder dialog waits for before it lists every hit
grouped by item and field and shows the first item's diff (search in worker processes,
parse only the files holding the word, prepare one diff); `apply_s` prepares every
file's new bytes and writes them all (all or nothing, each atomic); `undo_s` puts them
back. Targets (issue 18): preview under 5 s and apply under 15 s at 10,000 items.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__:
    from .generate import generate
else:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.generate import generate

from curator_app.core.find.folder import apply_plan, plan_replace, prepare
from curator_app.core.find.query import Query
from curator_app.core.library.bulk import undo

WORDS = {"rare": ("Modern Healthcare", "Modern Health Care"), "common": ("telehealth", "telemedicine")}


def _case(paths: list[Path], pattern: str, replacement: str) -> dict[str, Any]:
    query = Query(pattern, replacement, whole_word=True)
    start = time.perf_counter()
    plan = plan_replace(paths, query)
    if plan.items:
        prepare(plan, plan.items[:1])
    preview = time.perf_counter() - start
    start = time.perf_counter()
    record = apply_plan(plan)
    applied = time.perf_counter() - start
    start = time.perf_counter()
    undo(record)
    undone = time.perf_counter() - start
    return {
        "items_with_word": len(plan.items),
        "hits": plan.hit_count,
        "preview_s": round(preview, 2),
        "apply_s": round(applied, 2),
        "undo_s": round(undone, 2),
    }


def run(quick: bool = False) -> dict[str, Any]:
    count = 1000 if quick else 10000
    with tempfile.TemporaryDirectory(prefix="curator-bench-replace-") as tmp:
        content = generate(Path(tmp) / "site", count)
        paths = sorted(content.rglob("*.md"))
        result: dict[str, Any] = {"items": len(paths)}
        for name, (pattern, replacement) in WORDS.items():
            result[name] = _case(paths, pattern, replacement)
    result["targets"] = {
        "rare.preview_s": [5, "<"], "rare.apply_s": [15, "<"],
        "common.preview_s": [5, "<"], "common.apply_s": [15, "<"],
    }
    return result


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = run(args.quick)
    print(json.dumps(out, indent=2) if args.json else out)
