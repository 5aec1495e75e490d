"""`curator index PATH [--format json]`: list the items of a content folder.

Uses the library cache (refreshing it first: only files whose size or mtime changed are
read) and fills in lint counts not yet known, unless --no-lint, in which case an item's
`lint_count` is null until the app or a later `curator index` has linted it.

JSON: {"root": str, "count": int, "items": [{"path" (relative to root, "/"-separated),
"title", "date", "slug", "tags", "categories", "draft", "brand", "status",
"lint_count" (int | null: errors + warnings; an unreadable
file counts 1), "error" (str | null)}], "refresh": {"added", "changed",
"removed", "renamed", "parsed"}}. Exit 0 when listed (unreadable items are listed with
their error, and printed on stderr), 2 when PATH is not a folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from curator_app.core.library.index import Item, LibraryIndex, RefreshResult
from curator_app.core.site.tree import items_root

NAME = "index"
HELP = "list the items of a content folder (uses and refreshes the cache)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="content folder")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--no-lint", action="store_true",
                        help="do not lint items whose lint count is not cached yet")


def item_json(item: Item) -> dict[str, Any]:
    return {
        "path": item.path,
        "title": item.title,
        "date": item.date,
        "slug": item.slug,
        "tags": list(item.tags),
        "categories": list(item.categories),
        "draft": item.draft,
        "brand": item.brand,
        "status": item.status,
        "lint_count": item.problems,
        "error": item.error,
    }


def run(args: argparse.Namespace) -> int:
    if not Path(args.path).is_dir():
        print(f"{args.path}: not a folder", file=sys.stderr)
        return 2
    root = items_root(args.path)  # a site root lists the items of its content folder
    workers = min(os.cpu_count() or 1, 4)
    try:
        # The cache is trusted without reading it through first (a tenth of a warm run);
        # damage that shows while it is used starts it afresh, once.
        with LibraryIndex(root, verify=False) as index:
            try:
                result, items, listing = _list(index, args, workers)
            except sqlite3.DatabaseError as exc:
                if not _damaged(exc):
                    raise
                index.rebuild()
                result, items, listing = _list(index, args, workers)
    except (OSError, sqlite3.Error) as exc:
        print(f"{root}: cannot index: {exc}", file=sys.stderr)
        return 2
    errors = [item.error for item in items] if args.format == "json" else [e for _, e in listing]
    for error in errors:
        if error:
            print(error, file=sys.stderr)
    if args.format == "json":
        _write_json(root, items, result)
    else:
        sys.stdout.write("".join(line for line, _ in listing))  # one write: a print a line cost a third
    return 0


def _list(index: LibraryIndex, args: argparse.Namespace,
          workers: int) -> tuple[RefreshResult, list[Item], list[tuple[str, str | None]]]:
    # One read and one parse per new or changed file serve the list and the lint.
    result = index.refresh(workers=workers, lint=not args.no_lint)
    if not args.no_lint:
        index.compute_lint(workers=workers)  # rows listed earlier without a count
    if args.format == "json":
        return result, index.items(), []
    return result, [], index.listing()  # the text output, built by SQLite


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """Whether an error says the cache file is damaged (not busy, not out of space...)."""
    text = str(exc).lower()
    return not isinstance(exc, sqlite3.OperationalError) or "malformed" in text or "not a database" in text


def _write_json(root: Path, items: list[Item], result: RefreshResult) -> None:
    out = {
        "root": str(root.resolve()),
        "count": len(items),
        "items": [item_json(i) for i in items],
        "refresh": {
            "added": len(result.added),
            "changed": len(result.changed),
            "removed": len(result.removed),
            "renamed": len(result.renamed),
            "parsed": result.parsed,
        },
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
