"""Library benchmark: cold/warm index vs `hugo list all`, filter keystroke latency, memory.

`cli_N`: `curator index` from the command line, a new process per run as users run it
(process start, imports, lint counts included), beside `hugo list all`, interleaved.

    python benchmarks/bench_library.py [--quick] [--json]

For each size (1,000 and 10,000 items; --quick: 1,000 only) a Hugo site is generated in a
temp folder (benchmarks/generate.py), then in the same run and on the same folder:
`hugo list all` (twice; the faster run is the reference, so Hugo gets the benefit of its
warm file cache and build cache), the cold index (new cache database, every file parsed,
worker processes as the app uses them) and the warm open (cache valid: one stat per file
plus reading the rows). Both sides read files from the OS page cache, which the
generator has just filled. Filter latency is one `LibraryModel.set_query` per keystroke
over the largest library (in-memory filter; the FTS body search runs 150 ms after typing
stops and is timed separately). Memory is this process's resident set after the largest
library is in the model.
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

if __package__:
    from ._child import main
    from .generate import generate
else:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks._child import main
    from benchmarks.generate import generate

from curator_app.core.library.index import LibraryIndex


def _rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _hugo(site: Path) -> dict[str, Any]:
    hugo = shutil.which("hugo")
    if hugo is None:
        return {"available": False}
    runs = []
    lines = 0
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
    for _ in range(2):
        t = time.perf_counter()
        proc = subprocess.run([hugo, "list", "all"], cwd=site, capture_output=True, text=True)
        runs.append(time.perf_counter() - t)
        if proc.returncode != 0:
            return {"available": True, "error": proc.stderr.strip()[:500]}
        lines = proc.stdout.count("\n") - 1
    return {"available": True, "version": version, "runs_s": runs, "best_s": min(runs), "listed": lines}


def _timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {proc.stderr.decode(errors='replace')[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _cli(site: Path, tmp: Path, rounds: int) -> dict[str, Any]:
    """`curator index content` as users run it (a new process, lint counts included) against
    `hugo list all`, interleaved round by round so both see the same machine load: cold
    (a fresh cache folder) and warm (the same cache again), medians."""
    hugo = shutil.which("hugo")
    root = Path(__file__).resolve().parents[1]
    cmd = [sys.executable, "-m", "curator_app.cli", "index", "content"]
    runs: dict[str, list[tuple[float, float]]] = {"hugo": [], "cold": [], "warm": []}
    for n in range(rounds):
        env = dict(os.environ, PYTHONPATH=str(root), XDG_CACHE_HOME=str(tmp / f"cli-cache-{n}"))
        if hugo:
            runs["hugo"].append(_timed([hugo, "list", "all"], site))
        runs["cold"].append(_timed(cmd, site, env))
        runs["warm"].append(_timed(cmd, site, env))
    out: dict[str, Any] = {}
    for name, values in runs.items():
        if values:
            out[f"{name}_s"] = round(statistics.median(v[0] for v in values), 3)
            out[f"{name}_cpu_s"] = round(statistics.median(v[1] for v in values), 3)
    if runs["hugo"]:
        out["cold_ratio"] = round(out["cold_s"] / out["hugo_s"], 3)
        out["warm_ratio"] = round(out["warm_s"] / out["hugo_s"], 4)
    return out


def _floor(content: Path, hugo_cpu_s: float | None) -> dict[str, Any]:
    """CPU milliseconds per item, one process, for each stage a cold `curator index` adds:
    read the file, split front matter from body, parse the front matter (libyaml's composer
    plus the YAML 1.2 conversion, the fastest exact parse Curator has), then the full
    lint-pass step (Document + lint counts). Beside hugo's CPU per item in the same run:
    what two cores could at best reach before any Python lint runs."""
    from curator_app.core.document.split import decode, split
    from curator_app.core.document.yaml_nodes import compose, to_value
    from curator_app.core.library.lintpass import read_and_lint
    from curator_app.core.library.scan import find_items

    stats = find_items(content)[:2000]
    paths = [content / s.rel for s in stats]
    clock = time.process_time
    t = clock()
    raws = [p.read_bytes() for p in paths]
    read_ms = (clock() - t) * 1000 / len(paths)
    t = clock()
    parts = [split(decode(raw, ""), "") for raw in raws]
    split_ms = (clock() - t) * 1000 / len(paths)
    t = clock()
    for part in parts:
        to_value(compose(part.front, "", part.front_line), "", part.front_line, part.front)
    parse_ms = (clock() - t) * 1000 / len(paths)
    t = clock()
    read_and_lint(str(content), stats)
    item_ms = (clock() - t) * 1000 / len(paths)
    out = {"read_ms": round(read_ms, 3), "split_ms": round(split_ms, 3), "parse_ms": round(parse_ms, 3),
           "read_parse_lint_ms": round(item_ms, 3)}
    if hugo_cpu_s:
        hugo_ms = hugo_cpu_s * 1000 / len(find_items(content))
        out["hugo_cpu_ms"] = round(hugo_ms, 3)
        # Both on two cores: the parse alone, without lint, against hugo's whole run.
        out["parse_only_vs_hugo"] = round((read_ms + split_ms + parse_ms) / hugo_ms, 2)
        out["with_lint_vs_hugo"] = round(item_ms / hugo_ms, 2)
    return out


def _index(content: Path, db_dir: Path) -> dict[str, Any]:
    db = db_dir / f"bench-{content.parent.name}.sqlite3"
    t = time.perf_counter()
    with LibraryIndex(content, db) as index:
        cold = index.refresh()
        items = index.items()
    cold_s = time.perf_counter() - t
    warm_runs = []
    for _ in range(3):
        t = time.perf_counter()
        with LibraryIndex(content, db) as index:
            warm = index.refresh()
            items = index.items()
        warm_runs.append(time.perf_counter() - t)
        assert warm.parsed == 0, "warm open re-read files"
    return {"cold_s": cold_s, "cold_parsed": cold.parsed, "warm_runs_s": warm_runs,
            "warm_s": statistics.median(warm_runs), "items": len(items), "db": str(db)}


def _filter_latency(content: Path, db: str) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from curator_app.core.library.search import Query, text_ids
    from curator_app.gui.library.model import LibraryModel

    app = QApplication.instance() or QApplication([])
    rss_before = _rss_mb()
    with LibraryIndex(content, db) as index:
        items = index.items()
    t = time.perf_counter()
    model = LibraryModel()
    model.set_items(content, items)
    load_s = time.perf_counter() - t
    rss_after = _rss_mb()
    typed = "genome clinical trial"
    times = []
    for n in range(1, len(typed) + 1):
        t = time.perf_counter()
        model.set_query(Query(text=typed[:n]))
        model.rowCount()
        times.append((time.perf_counter() - t) * 1000)
    facet_times = []
    for tag in ("News", "AI", "Policy"):
        t = time.perf_counter()
        model.set_query(Query(text="health", tags=(tag,), has_problems=None))
        facet_times.append((time.perf_counter() - t) * 1000)
    sort_t = time.perf_counter()
    model.sort(1)
    sort_ms = (time.perf_counter() - sort_t) * 1000
    reader = LibraryIndex(content, db, readonly=True)
    fts = []
    for q in ("gen", "genome", "genome clin", "genome clinical trial"):
        t = time.perf_counter()
        text_ids(reader, q)
        fts.append((time.perf_counter() - t) * 1000)
    reader.close()
    del app
    return {
        "rows": len(items),
        "model_load_s": load_s,
        "keystroke_ms": {"max": max(times), "median": statistics.median(times), "all": times},
        "facet_filter_ms_max": max(facet_times),
        "sort_ms": sort_ms,
        "fts_body_query_ms": {"max": max(fts), "all": fts},
        "rss_mb_after_model": rss_after,
        "rss_mb_model_delta": rss_after - rss_before,
    }


def run(quick: bool = False) -> dict[str, Any]:
    """Numbers for benchmarks/__main__.py: seconds/ms/MB as the key says; ratios are x hugo."""
    sizes = [1000] if quick else [1000, 10000]
    out: dict[str, Any] = {"cpus": os.cpu_count()}
    targets: dict[str, list[Any]] = {}
    with tempfile.TemporaryDirectory(prefix="curator-bench-") as tmp:
        base = Path(tmp)
        db = ""
        for n in sizes:
            site = base / f"site{n}"
            content = generate(site, n)
            hugo = _hugo(site)
            ours = _index(content, base)
            db = ours["db"]
            entry: dict[str, Any] = {
                "cold_index_s": round(ours["cold_s"], 3),
                "warm_open_ms": round(ours["warm_s"] * 1000, 1),
            }
            best = hugo.get("best_s")
            if best:
                entry["hugo_list_all_s"] = round(best, 3)
                entry["hugo_first_run_s"] = round(hugo["runs_s"][0], 3)
                entry["hugo_listed"] = hugo["listed"]
                entry["cold_ratio"] = round(ours["cold_s"] / best, 3)
                entry["warm_ratio"] = round(ours["warm_s"] / best, 4)
                targets[f"items_{n}.cold_ratio"] = [1.0, "<"]
                targets[f"items_{n}.warm_ratio"] = [0.1, "<"]
            elif "error" in hugo:
                entry["hugo_error"] = hugo["error"]
            out[f"items_{n}"] = entry
            cli = _cli(site, base, 3 if quick or n <= 1000 else 5)
            out[f"cli_{n}"] = cli
            out[f"floor_{n}"] = _floor(content, cli.get("hugo_cpu_s"))
            if "cold_ratio" in cli:
                targets[f"cli_{n}.cold_ratio"] = [0.5, "<"]
                targets[f"cli_{n}.warm_ratio"] = [0.05, "<"]
        largest = max(sizes)
        f = _filter_latency(base / f"site{largest}" / "content", db)
        out[f"filter_{largest}"] = {
            "keystroke_max_ms": round(f["keystroke_ms"]["max"], 2),
            "keystroke_median_ms": round(f["keystroke_ms"]["median"], 2),
            "facet_filter_max_ms": round(f["facet_filter_ms_max"], 2),
            "fts_body_query_max_ms": round(f["fts_body_query_ms"]["max"], 2),
            "sort_ms": round(f["sort_ms"], 1),
            "model_load_ms": round(f["model_load_s"] * 1000, 1),
        }
        out["memory"] = {"rss_mb": round(f["rss_mb_after_model"], 1),
                         "model_delta_mb": round(f["rss_mb_model_delta"], 1)}
        targets[f"filter_{largest}.keystroke_max_ms"] = [30, "<"]
        targets["memory.rss_mb"] = [300, "<"]
    out["targets"] = targets
    return out


if __name__ == "__main__":
    raise SystemExit(main(run, "Curator library benchmark"))
