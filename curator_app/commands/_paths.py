"""Shared helpers for subcommands: finding content files and reporting errors."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

CONTENT_SUFFIXES = {".md", ".markdown", ".mdx", ".html", ".htm", ".njk"}
SKIP_DIRS = {".git", "node_modules", ".venv", "public", "resources", ".hugo_build.lock"}


def content_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named on the command line, and content files under folders named there."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.suffix.lower() in CONTENT_SUFFIXES and f.is_file() and not (SKIP_DIRS & set(f.parts)):
                    yield f
        else:
            yield p


def error(message: object) -> None:
    print(str(message), file=sys.stderr)
