"""`curator replace PATTERN REPLACEMENT PATH...`: find and replace across items, losslessly.

Same semantics as Edit ▸ Replace in Folder: string values of the front matter and body text
outside HTML tags; only the lines holding a replaced value change; nothing is written when
any file changed on disk while the replacement was being prepared.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from curator_app.commands._paths import content_files, error
from curator_app.core.algebra.diff import BODY_KEY
from curator_app.core.algebra.keypath import KeyPath, parse_dotted
from curator_app.core.errors import CuratorError
from curator_app.core.find.folder import ReplacePlan, apply_plan, plan_replace, prepare
from curator_app.core.find.query import Query

NAME = "replace"
HELP = "find and replace in front-matter values and body text across items"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pattern")
    parser.add_argument("replacement")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument(
        "--field", action="append", metavar="KEY",
        help="only this key (dotted, \\. for a literal dot; 'body' for the body); repeatable",
    )
    parser.add_argument("--regex", action="store_true", help="PATTERN is a regular expression (\\1 in REPLACEMENT)")
    parser.add_argument("--ignore-case", action="store_true", help="match regardless of case")
    parser.add_argument("--word", action="store_true", help="match whole words only")
    parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _fields(names: list[str] | None) -> list[KeyPath] | None:
    if not names:
        return None
    return [BODY_KEY if name == "body" else parse_dotted(name) for name in names]


def _as_json(plan: ReplacePlan, applied: bool) -> dict[str, Any]:
    q = plan.query
    return {
        "pattern": q.pattern,
        "replacement": q.replacement,
        "regex": q.regex,
        "ignore_case": not q.case_sensitive,
        "word": q.whole_word,
        "applied": applied,
        "checked": plan.scanned,
        "hits": plan.hit_count,
        "items": [
            {
                "path": str(item.path),
                "changed": item.change is not None,
                "hits": [
                    {
                        "field": hit.label,
                        "line": item.line_of(hit),
                        "match": hit.text,
                        "replacement": hit.replacement,
                        "context": item.context(hit),
                    }
                    for hit in item.hits
                ],
            }
            for item in plan.items
        ],
        "errors": plan.errors,
        "read_only": plan.read_only,
    }


def _print_text(plan: ReplacePlan, applied: bool, dry_run: bool) -> None:
    for item in plan.items:
        for hit in item.hits:
            print(f"{item.path}:{item.line_of(hit)}: {hit.label}: {item.context(hit)} → {hit.replacement!r}")
    if dry_run:
        diff = plan.diff()
        print(diff, end="" if diff.endswith("\n") or not diff else "\n")
    items = len(plan.changes)
    verb = "Replaced" if applied else "Would replace"
    print(f"{verb} {plan.hit_count} match{'es' * (plan.hit_count != 1)} in {items} item{'s' * (items != 1)} "
          f"({plan.scanned} checked)")


def run(args: argparse.Namespace) -> int:
    try:
        query = Query(
            args.pattern, args.replacement,
            case_sensitive=not args.ignore_case, whole_word=args.word, regex=args.regex,
        )
        fields = _fields(args.field)
        plan = plan_replace(content_files(args.paths), query, fields)
        applied = False
        if args.dry_run:
            prepare(plan)
        elif plan.items:
            apply_plan(plan)
            applied = bool(plan.changes)
    except (CuratorError, ValueError) as exc:
        error(exc)
        return 2
    for message in plan.errors:
        error(message)
    for message in plan.read_only:
        error(f"{message} (left unchanged)")
    if args.format == "json":
        print(json.dumps(_as_json(plan, applied), indent=2, ensure_ascii=False))
    else:
        _print_text(plan, applied, args.dry_run)
    if plan.errors:
        return 2
    return 0 if plan.items else 1
