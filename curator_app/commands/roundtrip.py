"""`curator roundtrip PATH...`: prove that open + save changes no file."""

from __future__ import annotations

import argparse
import json

from curator_app.commands._paths import content_files, error
from curator_app.core.document.document import Document
from curator_app.core.document.reading import read_regular
from curator_app.core.errors import CuratorError

NAME = "roundtrip"
HELP = "list every file whose bytes would change on open + save (exit 0 when none would)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="files or folders")
    parser.add_argument("--format", choices=["text", "json"], default="text")


def run(args: argparse.Namespace) -> int:
    changed: list[str] = []
    read_only: list[dict[str, object]] = []
    checked = 0
    for path in content_files(args.paths):
        if not path.exists():
            error(f"{path}: file not found")
            return 2
        checked += 1
        try:
            raw = read_regular(path)
            doc = Document.from_bytes(raw, path)
        except CuratorError as exc:
            # A file Curator cannot parse opens read-only and is never rewritten.
            read_only.append({"path": str(path), "reason": str(exc)})
            continue
        if doc.read_only_reason:
            read_only.append({"path": str(path), "reason": doc.read_only_reason})
        if doc.to_bytes() != raw:
            changed.append(str(path))
    if args.format == "json":
        print(json.dumps({"checked": checked, "changed": changed, "read_only": read_only}, indent=2))
    else:
        for p in changed:
            print(f"would change: {p}")
        for r in read_only:
            print(f"read-only (never rewritten): {r['reason']}")
        print(f"{checked} files checked, {len(changed)} would change, {len(read_only)} read-only")
    return 1 if changed else 0
