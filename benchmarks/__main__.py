"""Run every benchmark, print a table and write JSON to benchmarks/results/.

Usage: python -m benchmarks [--quick] [--only NAME...]
Each bench_*.py module exposes run(quick: bool) -> dict whose values are numbers
(milliseconds unless the key says otherwise) or nested dicts of numbers, plus an optional
"targets" dict {metric: [limit, "<" or ">"]}.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import pkgutil
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "processor": platform.processor() or platform.machine(),
    }
    try:
        with open("/proc/meminfo") as fh:
            info["memory_gb"] = round(int(fh.readline().split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        import PySide6
        from PySide6 import QtCore

        info["pyside6"] = PySide6.__version__
        info["qt"] = QtCore.qVersion()
    except ImportError:
        pass
    return info


def flatten(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if k != "targets":
                flatten(f"{prefix}.{k}" if prefix else str(k), v, out)
    else:
        out[prefix] = value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks")
    ap.add_argument("--quick", action="store_true", help="reduced set: 1,000 items, fewer repeats")
    ap.add_argument("--only", nargs="*", default=None, help="module names, e.g. bench_core")
    ap.add_argument("--out", type=Path, default=HERE / "results")
    args = ap.parse_args(argv)
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    if args.only:
        names = [n for n in names if n in args.only or n.removeprefix("bench_") in args.only]
    results: dict[str, Any] = {}
    failures = 0
    for name in names:
        t0 = time.perf_counter()
        try:
            mod = importlib.import_module(f"benchmarks.{name}")
            results[name] = mod.run(quick=args.quick)
        except Exception as exc:  # one broken benchmark must not hide the others
            failures += 1
            results[name] = {"error": f"{type(exc).__name__}: {exc}"}
            traceback.print_exc()
        results[name] = {**results[name], "wall_s": round(time.perf_counter() - t0, 2)}
        print(f"ran {name} in {results[name]['wall_s']} s", file=sys.stderr)
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": machine(),
        "results": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = args.out / f"{stamp}{'-quick' if args.quick else ''}.json"
    path.write_text(json.dumps(report, indent=2, default=str) + "\n")
    (args.out / "latest.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(table(report))
    print(f"\nwrote {path}")
    return 1 if failures else 0


def table(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"Machine: {m.get('cpus')} CPUs, {m.get('memory_gb', '?')} GB, {m.get('os')}, "
        f"Python {m.get('python')}, Qt {m.get('qt', '?')}; {report['date']}",
        "",
        "| benchmark | metric | value | target |",
        "|---|---|---|---|",
    ]
    for name, res in report["results"].items():
        flat: dict[str, Any] = {}
        flatten("", res, flat)
        targets = res.get("targets", {}) if isinstance(res, dict) else {}
        for metric, value in flat.items():
            if metric == "wall_s":
                continue
            shown = f"{value:.3g}" if isinstance(value, float) else str(value)
            tgt = targets.get(metric)
            mark = ""
            if tgt and isinstance(value, (int, float)):
                limit, op = tgt
                ok = value < limit if op == "<" else value > limit
                mark = f"{op} {limit} {'ok' if ok else 'MISSED'}"
            lines.append(f"| {name.removeprefix('bench_')} | {metric} | {shown} | {mark} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
