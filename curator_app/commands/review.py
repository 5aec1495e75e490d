"""`curator review [PATH] [--since REF] [--out DIR] [--format json]`: the review queue.

Lists the items changed since REF (default: your last review on this branch) plus those
whose workflow status asks for review, each with its before/after facts. With --out it
also writes report.html (self-contained: every card before and after as HTML, images embedded),
report.json and report.pdf. Exit 1 when any item has new lint errors, so a site's CI can
run it on a pull request; 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from curator_app.core.errors import CuratorError

if TYPE_CHECKING:
    from curator_app.core.git.repo import ContentRepo
    from curator_app.core.review.queue import Queue
    from curator_app.core.review.writer import WrittenReport

NAME = "review"
HELP = "review what changed since a ref or your last review; exit 1 when it brings new errors"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", metavar="PATH", help="the content folder (default: .)")
    parser.add_argument(
        "--since", metavar="REF",
        help="a commit, tag or branch such as origin/main; HEAD for uncommitted edits only "
        "(default: your last review on this branch)",
    )
    parser.add_argument("--out", metavar="DIR", help="write report.html, report.json and report.pdf here")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--no-pdf", action="store_true", help="with --out: skip report.pdf")
    parser.add_argument("--no-status", action="store_true", help="leave out items queued only for their status")
    parser.add_argument("--remote-images", action="store_true", help="download remote images for the cards")


def _progress(done: int, total: int, what: str) -> None:
    print(f"[{done}/{total}] {what}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from curator_app.core.git.repo import open_repository
    from curator_app.core.review.compare import review_item
    from curator_app.core.review.queue import build_queue
    from curator_app.core.review.report import ReportItem, report_facts

    folder = Path(args.path)
    out = Path(args.out) if args.out else None
    if not folder.is_dir():
        print(f"{args.path}: not a folder", file=sys.stderr)
        return 2
    if out is not None and out.exists() and not out.is_dir():
        print(f"{args.out}: not a folder", file=sys.stderr)
        return 2
    try:
        cr = open_repository(folder)
        queue = build_queue(cr, since=args.since, include_status=not args.no_status)
    except CuratorError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    for problem in queue.problems:
        print(problem, file=sys.stderr)

    if out is None:
        items = [ReportItem(review_item(e)) for e in queue.entries]
        facts = report_facts(str(cr.folder), queue.base, items, queue.problems)
    else:
        print(f"{len(queue.entries)} items to review {queue.base.label}", file=sys.stderr, flush=True)
        try:
            written = _write(cr, queue, out, args)
        except OSError as exc:
            print(f"{args.out}: {exc}", file=sys.stderr)
            return 2
        facts = written.facts
        for path in (written.html, out / "report.json", written.pdf):
            if path is not None:
                print(path, file=sys.stderr)

    if args.format == "json":
        print(json.dumps(facts, indent=2, ensure_ascii=False))
    else:
        _print_text(facts)
    return 1 if facts["new_errors"] else 0


def _write(cr: ContentRepo, queue: Queue, out: Path, args: argparse.Namespace) -> WrittenReport:
    """report.html and report.json need no browser; only the PDF starts QtWebEngine."""
    from curator_app.core.review.writer import write_report_files

    cache = None
    if args.remote_images:
        from curator_app.gui.preview.schemes import default_cache_dir

        cache = default_cache_dir()
    written = write_report_files(
        cr, queue, out, allow_remote=args.remote_images, remote_cache=cache, progress=_progress
    )
    if args.no_pdf or written.html is None:
        return written
    print("printing report.pdf", file=sys.stderr, flush=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a batch command never needs a screen
    from curator_app.gui.app import create_application
    from curator_app.gui.review.report_writer import print_pdf

    create_application()
    written.pdf = print_pdf(written.html, out / "report.pdf")
    return written


def _print_text(facts: dict) -> None:
    print(f"{facts['count']} items to review {facts['base']['label']}")
    for item in facts["items"]:
        reasons = ", ".join(filter(None, [item["change"], f"status: {item['status']}" if item["asks_review"] else ""]))
        errors = f"  +{item['new_errors']} errors" if item["new_errors"] else ""
        print(f"{item['state']:<24} {reasons:<18} {item['path']}  {item['title']}{errors}")
        for note in item["notes"][:1]:
            if note["note"]:
                print(f"    {note['reviewer']}: {note['note']}")
