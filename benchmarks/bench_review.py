"""Review benchmark: the queue and the report for 50 changed items of a large library.

    python benchmarks/bench_review.py [--quick] [--json]

A generated library (10,000 items; --quick: 1,000) is committed to a fresh git repository,
then 50 items get a new title and description in a second commit. Measured:
- the queue since the first commit (the 50 items plus the ~2,000 whose status asks for
  review on 10,000), with the library index cold (first open of the folder) and warm (the
  index the app keeps), in this process;
- `curator review --since HEAD~1 --out DIR --no-status` end to end in a fresh process, as a
  user or CI runs it: 50 items, each with seven cards before and after (the preview's HTML),
  report.html, report.json and report.pdf; `html_s` is when report.html and report.json
  were written (the command says "printing report.pdf"), `seconds` the whole run with the
  PDF; progress lines are counted from its stderr.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
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


def _timed_report(site: Path, out: Path) -> tuple[float, float, float, str, list[str]]:
    """Run the report command: seconds in all, seconds until the PDF step, CPU seconds,
    stdout, stderr lines."""
    facts = out.parent / "facts.json"  # a file, not a pipe: stderr is read line by line meanwhile
    cpu = _children_cpu()
    t = time.perf_counter()
    with facts.open("w", encoding="utf-8") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "curator_app.cli", "review", "--since", "HEAD~1", "--out", str(out),
             "--no-status", "--format", "json"],
            cwd=site, stdout=sink, stderr=subprocess.PIPE, text=True,
        )
        assert proc.stderr is not None
        html_s = 0.0
        lines = []
        for line in proc.stderr:
            lines.append(line.rstrip("\n"))
            if line.startswith("printing report.pdf"):
                html_s = time.perf_counter() - t
        code = proc.wait(timeout=900)
    elapsed = time.perf_counter() - t
    if code not in (0, 1):
        raise RuntimeError("\n".join(lines[-30:]))
    return elapsed, html_s, _children_cpu() - cpu, facts.read_text(encoding="utf-8"), lines


def _children_cpu() -> float:
    """CPU seconds of finished child processes: the command's own process (QtWebEngine's
    renderer, which prints the PDF, is not counted)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(quick: bool = False) -> dict[str, Any]:
    count = 1000 if quick else 10000
    load_before = os.getloadavg()[0]
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
        report_s, html_s, cpu_s, stdout, stderr = _timed_report(site, out)
        facts = json.loads(stdout)
        progress = [line for line in stderr if line.startswith("[")]
        return {
            "items": count,
            "changed": CHANGED,
            "queue": {"entries": len(queue.entries), "cold_index_s": round(cold, 2),
                      "warm_s": round(min(warm_runs), 3)},
            "report": {
                "seconds": round(report_s, 1),
                "html_s": round(html_s, 1),
                "cpu_s": round(cpu_s, 1),
                "items": facts["count"],
                "cards": sum(len(i["cards"]) for i in facts["items"]) * 2,
                "progress_lines": len(progress),
                "html_mb": round((out / "report.html").stat().st_size / 1e6, 1),
                "pdf_mb": round((out / "report.pdf").stat().st_size / 1e6, 1),
            },
            "machine": {"cpus": os.cpu_count(), "load_avg_1min_before": round(load_before, 2),
                        "load_avg_1min_after": round(os.getloadavg()[0], 2)},
            "targets": {"queue.warm_s": [1.0, "<"], "report.seconds": [60, "<"]},
        }


if __name__ == "__main__":
    raise SystemExit(main(run, "Curator review benchmark"))
