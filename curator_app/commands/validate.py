"""`curator validate PATH... [--format json]`: lint content files and folders.

Exit 0 when no file has an error or warning (info findings are printed but pass), 1 when
some do, 2 when a path is missing or a file cannot be parsed (printed on stderr as
`path:line:column: message`; parse errors are not findings).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.lint.engine import Finding, lint_document
from curator_app.core.site.config import find_site
from curator_app.core.site.tree import items_root, walk
from curator_app.core.workers import die_with_parent

NAME = "validate"
HELP = "lint content files or folders: exit 0 clean, 1 findings, 2 error"

FAILING = {"error", "warning"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="content files or folders")
    parser.add_argument("--format", choices=["text", "json"], default="text")


def format_finding(path: str, f: Finding) -> str:
    where = path
    if f.line is not None:
        where += f":{f.line}:{f.column or 1}"
    return f"{where}: {f.severity} {f.code} {f.message}"


# Below this many files a worker pool costs more than it saves.
PARALLEL_MIN_FILES = 64

Job = tuple[Path, Path | None]
Result = tuple[list[Any], bool, str | None]  # (lines or JSON dicts, failing, parse error)


def check_file(job: Job, as_json: bool = False) -> Result:
    path, content_root = job
    try:
        doc = Document.load(path)
        findings = lint_document(doc, site=find_site(path), content_root=content_root)
    except CuratorError as exc:
        return [], False, str(exc.located(path))
    failing = any(f.severity in FAILING for f in findings)
    if as_json:
        return [f.to_json(str(path)) for f in findings], failing, None
    return [format_finding(str(path), f) for f in findings], failing, None


def _check_json(job: Job) -> Result:
    return check_file(job, True)


def _check_text(job: Job) -> Result:
    return check_file(job, False)


def _results(jobs: list[Job], as_json: bool) -> Iterator[Result]:
    """Lint every job, in order; large folders on all cores (fork keeps imports and caches)."""
    worker = _check_json if as_json else _check_text
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_MIN_FILES or workers < 2 or "fork" not in mp.get_all_start_methods():
        yield from map(worker, jobs)
        return
    with mp.get_context("fork").Pool(workers, initializer=die_with_parent) as pool:
        yield from pool.imap(worker, jobs, chunksize=max(8, len(jobs) // (workers * 8)))


def run(args: argparse.Namespace) -> int:
    status = 0
    jobs: list[Job] = []
    for arg in args.paths:
        root = Path(arg)
        if root.is_dir():
            jobs.extend((f, root) for f in sorted(Path(e.path) for e in walk(items_root(root))))
        elif root.exists():  # a FIFO or device is reported by check_file, not skipped
            jobs.append((root, None))
        else:
            print(f"{arg}: no such file or folder", file=sys.stderr)
            status = 2
    try:
        return _report(jobs, args.format == "json", status)
    except BrokenPipeError:  # `curator validate … | head`: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _report(jobs: list[Job], as_json: bool, status: int) -> int:
    collected: list[Any] = []
    failing = False
    for items, bad, error in _results(jobs, as_json):
        if error is not None:
            print(error, file=sys.stderr)
            status = 2
            continue
        failing = failing or bad
        if as_json:
            collected.extend(items)
        else:
            for line in items:
                print(line)
    if as_json:
        # One finding per line: readable, and each line goes through the C encoder.
        rows = ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in collected)
        sys.stdout.write(f"[\n{rows}\n]\n" if rows else "[]\n")
    if status:
        return status
    return 1 if failing else 0
