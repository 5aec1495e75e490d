"""`curator validate PATH... [--format json]`: lint content files and folders.

Exit 0 when no file has an error or warning (info findings are printed but pass), 1 when
some do, 2 when a path is missing or a file cannot be parsed (printed on stderr as
`path:line:column: message`; parse errors are not findings).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from curator_app.core.document import Document
from curator_app.core.errors import CuratorError
from curator_app.core.lint import Finding, lint_document
from curator_app.core.site import find_site

NAME = "validate"
HELP = "lint content files or folders: exit 0 clean, 1 findings, 2 error"

SUFFIXES = {".md", ".markdown", ".mdx"}
HTML_SUFFIXES = {".html", ".htm"}
SKIP_DIRS = {".git", "node_modules", ".venv", "public", "resources"}
FAILING = {"error", "warning"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="content files or folders")
    parser.add_argument("--format", choices=["text", "json"], default="text")


def _has_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(8).lstrip(b"\xef\xbb\xbf")
    except OSError:
        return False
    return head.startswith((b"---", b"+++", b"{"))


def iter_files(root: Path) -> Iterator[Path]:
    """Content files under a folder: Markdown always, HTML only with front matter."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            if entry.is_dir():
                if entry.name not in SKIP_DIRS and not entry.name.startswith("."):
                    subdirs.append(entry)
                continue
            suffix = entry.suffix.lower()
            if suffix in SUFFIXES or (suffix in HTML_SUFFIXES and _has_front_matter(entry)):
                yield entry
        stack.extend(reversed(subdirs))


def format_finding(path: str, f: Finding) -> str:
    where = path
    if f.line is not None:
        where += f":{f.line}:{f.column or 1}"
    return f"{where}: {f.severity} {f.code} {f.message}"


def run(args: argparse.Namespace) -> int:
    status = 0
    results: list[dict[str, Any]] = []
    failing = False
    for arg in args.paths:
        root = Path(arg)
        if root.is_dir():
            files, content_root = list(iter_files(root)), root
        elif root.is_file():
            files, content_root = [root], None
        else:
            print(f"{arg}: no such file or folder", file=sys.stderr)
            status = 2
            continue
        for path in files:
            try:
                doc = Document.load(path)
                site = find_site(path)
                findings = lint_document(doc, site=site, content_root=content_root)
            except CuratorError as exc:
                print(str(exc.located(path)), file=sys.stderr)
                status = 2
                continue
            for f in findings:
                failing = failing or f.severity in FAILING
                if args.format == "json":
                    results.append(f.to_json(str(path)))
                else:
                    print(format_finding(str(path), f))
    if args.format == "json":
        json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    if status:
        return status
    return 1 if failing else 0
