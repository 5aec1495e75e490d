"""Shared helpers for subcommands: finding content files and reporting errors."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

CONTENT_SUFFIXES = {".md", ".markdown", ".mdx", ".html", ".htm", ".njk"}
# Never content, wherever they are.
SKIP_DIRS = {".git", "node_modules", ".venv", ".hugo_build.lock"}
# Hugo's build output, but only at a site's root: `content/docs/resources/` is content.
SITE_OUTPUT_DIRS = {"public", "resources"}
SITE_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml")


def content_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named on the command line, and content files under folders named there."""
    for p in map(Path, paths):
        if p.is_dir():
            is_site = any((p / name).is_file() for name in SITE_CONFIGS)
            for f in sorted(p.rglob("*")):
                if f.suffix.lower() not in CONTENT_SUFFIXES or not f.is_file():
                    continue
                # Only the parts below the folder given count: a site may live in ~/public/.
                parts = f.relative_to(p).parts[:-1]
                if SKIP_DIRS & set(parts) or any(part.startswith(".") for part in parts):
                    continue
                if is_site and parts and parts[0] in SITE_OUTPUT_DIRS:
                    continue
                yield f
        else:
            yield p


def error(message: object) -> None:
    print(str(message), file=sys.stderr)
