"""Review benchmark: the queue and the report for 50 changed items of a large library.

    python benchmarks/bench_review.py [--quick] [--json]

A generated library (10,000 items; --quick: 1,000) is committed to a fresh git repository,
then 50 items get a new title and description in a second commit. Measured:
- the queue since the first commit (the 50 items plus those whose status asks for review), with the library index cold (first open of the
  folder) and warm (the index the app keeps), in this process;
- `curator review --since HEAD~1 --out DIR --no-status` end to end in a fresh process, as a user or
  CI runs it: 50 items, each with seven cards rendered before and after, report.html,
  report.json and report.pdf; progress lines are counted from its stderr.
"""

from __future__ import annotations

import argparse
import json
import subprocess
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

import pygit2

from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items
from curator_app.core.git.repo import open_repository
from curator_app.core.review.queue import build_queue

CHANGED = 50


def _commit_all(site: Path) -> None:
    repo = pygit2.init_repository(str(site), initial_head="main")
    repo.config["user.name"] = "Bench"
    repo.config["user.email"] = "bench@example.org"
    repo.index.add_all()
    repo.index.write()
    tree = repo.index.write_tree()
    sig = pygit2.Signature("Bench", "bench@example.org")
    repo.create_commit("HEAD", sig, sig, "Library", tree, [])


def _change(site: Path) -> list[Path]:
    items = sorted((site / "content" / "news").glob("*.md"))
    step = max(1, len(items) // CHANGED)
    changed = []
    for n, path in enumerate(items[::step][:CHANGED]):
        doc = Document.load(path)
        doc.set(("title",), f"Reviewed headline number {n}: what changed this week")
        doc.set(("description",), f"A rewritten description for item {n}, shorter than before.")
        doc.save()
        changed.append(path)
    cr = open_repository(site)
    commit_items(cr, changed, f"Retitle {len(changed)} items")
    return changed


def run(quick: bool = False) -> dict[str, Any]:
    count = 1000 if quick else 10000
    with tempfile.TemporaryDirectory(prefix="curator-bench-review-") as tmp:
        site = Path(tmp) / "site"
        generate(site, count)
        _commit_all(site)
        _change(site)
        cr = open_repository(site)
        first = str(cr.repo.revparse_single("HEAD~1").id)

        t = time.perf_counter()
        queue = build_queue(cr, since=first)
        cold = time.perf_counter() - t
        warm_runs = []
        for _ in range(3):
            t = time.perf_counter()
            queue = build_queue(open_repository(site), since=first)
            warm_runs.append(time.perf_counter() - t)
        # The generator gives about one item in five `status: review`: those are queued too.
        assert sum(1 for e in queue.entries if e.change) == CHANGED

        out = Path(tmp) / "report"
        t = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "curator_app.cli", "review", "--since", "HEAD~1", "--out", str(out),
             "--no-status", "--format", "json"],
            cwd=site, capture_output=True, text=True, timeout=900,
        )
        report_s = time.perf_counter() - t
        if done.returncode not in (0, 1):
            raise RuntimeError(done.stderr[-2000:])
        facts = json.loads(done.stdout)
        progress = [line for line in done.stderr.splitlines() if line.startswith("[")]
        return {
            "items": count,
            "changed": CHANGED,
            "queue": {"entries": len(queue.entries), "cold_index_s": round(cold, 2),
                      "warm_s": round(min(warm_runs), 3)},
            "report": {
                "seconds": round(report_s, 1),
                "items": facts["count"],
                "cards": sum(len(i["cards"]) for i in facts["items"]) * 2,
                "progress_lines": len(progress),
                "html_mb": round((out / "report.html").stat().st_size / 1e6, 1),
                "pdf_mb": round((out / "report.pdf").stat().st_size / 1e6, 1),
            },
            "targets": {"queue.warm_s": [1.0, "<"], "report.seconds": [60, "<"]},
        }


def main() -> int:
    parser = argparse.ArgumentParser(description="Curator review benchmark")
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


if __name__ == "__main__":
    raise SystemExit(main())
