"""Build every queued item's review with its cards, and write report.html and report.json.

No browser is involved: cards are the preview's HTML (cardhtml.py) and images are
embedded by embed.py. The PDF, which needs QtWebEngine's printer, is the GUI side's
(`gui/review/report_writer.py`).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from curator_app.core.git.repo import ContentRepo
from curator_app.core.git.revisions import Commit, RevisionFiles, resolve_commit
from curator_app.core.review.cardhtml import CardRenderer
from curator_app.core.review.compare import review_item
from curator_app.core.review.embed import ImageEmbedder, Reader, working_tree_reader
from curator_app.core.review.queue import Queue
from curator_app.core.review.report import ReportItem, report_facts, report_html

# (done, total, what): called after each item
ReportProgress = Callable[[int, int, str], None]


@dataclass
class WrittenReport:
    facts: dict[str, Any]
    html: Path | None
    pdf: Path | None


def content_root(cr: ContentRepo) -> Path:
    """The folder local images must stay inside: the site's content folder when there is one."""
    from curator_app.core.site.config import find_site

    site = find_site(cr.folder)
    if site is not None and site.content_dir is not None and site.content_dir.is_dir():
        return site.content_dir.resolve()
    return cr.folder


def revision_reader(cr: ContentRepo, commit: Commit | None, root: Path) -> Reader:
    """Files under `root` as they were in `commit`, read from git's object store."""
    prefix = cr.rel(root)
    prefix = "" if prefix == "." else prefix + "/"
    files = RevisionFiles(cr, commit)

    def read(rel: str) -> bytes | None:
        clean = posixpath.normpath(rel.lstrip("/"))
        if clean.startswith("../") or clean == "..":
            return None
        return files.read(prefix + clean)

    return read


def build_items(
    cr: ContentRepo,
    queue: Queue,
    *,
    cards: bool = True,
    allow_remote: bool = False,
    remote_cache: Path | None = None,
    progress: ReportProgress | None = None,
) -> tuple[list[ReportItem], ImageEmbedder]:
    """Each queued item's before/after, with its cards when `cards`."""
    root = content_root(cr)
    embedder = ImageEmbedder(remote_cache)
    base = resolve_commit(cr, queue.base.commit) if queue.base.commit else None
    renderer = CardRenderer(root, embedder, working_tree_reader(root), allow_remote)
    old = revision_reader(cr, base, root)
    now = datetime.now(UTC)
    items = []
    for i, entry in enumerate(queue.entries):
        review = review_item(entry, now)
        pairs = renderer.pairs(review.before.doc, review.after.doc, old, entry.old == entry.new) if cards else []
        items.append(ReportItem(review, pairs))
        if progress is not None:
            progress(i + 1, len(queue.entries), entry.rel)
    return items, embedder


def write_report_files(
    cr: ContentRepo,
    queue: Queue,
    out_dir: Path,
    *,
    allow_remote: bool = False,
    remote_cache: Path | None = None,
    progress: ReportProgress | None = None,
) -> WrittenReport:
    """report.html (self-contained) and report.json in out_dir."""
    items, embedder = build_items(
        cr, queue, allow_remote=allow_remote, remote_cache=remote_cache, progress=progress
    )
    facts = report_facts(str(cr.folder), queue.base, items, queue.problems)
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "report.html"
    page.write_text(report_html(facts, items, images_css=embedder.stylesheet()), encoding="utf-8")
    (out_dir / "report.json").write_text(json.dumps(facts, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return WrittenReport(facts, page, None)
