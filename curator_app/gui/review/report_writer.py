"""Write the review report: cards rendered offscreen, report.html, and report.pdf.

Runs in the GUI process or in `curator review --out` (with an offscreen QApplication).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QMarginsF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

from curator_app.core.git.repo import ContentRepo
from curator_app.core.review.compare import review_item
from curator_app.core.review.queue import Queue
from curator_app.core.review.report import ReportItem, report_facts, report_html
from curator_app.gui.preview.snapshot import _run_loop

# (done, total, what) — called after each item, from the calling thread
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


def build_items(
    cr: ContentRepo,
    queue: Queue,
    *,
    cards: bool = True,
    allow_remote: bool = False,
    progress: ReportProgress | None = None,
) -> list[ReportItem]:
    """Each queued item's before/after, with its cards rendered when `cards`."""
    renderer = None
    if cards:
        from curator_app.gui.review.cards import CardPairRenderer

        renderer = CardPairRenderer(content_root(cr), allow_remote)
    now = datetime.now(UTC)
    items = []
    try:
        for i, entry in enumerate(queue.entries):
            review = review_item(entry, now)
            items.append(ReportItem(review, renderer.pairs(review) if renderer else []))
            if progress is not None:
                progress(i + 1, len(queue.entries), entry.rel)
    finally:
        if renderer is not None:
            renderer.close()
    return items


def write_report(
    cr: ContentRepo,
    queue: Queue,
    out_dir: Path,
    *,
    pdf: bool = True,
    allow_remote: bool = False,
    progress: ReportProgress | None = None,
) -> WrittenReport:
    """report.html (self-contained), report.json and, when `pdf`, report.pdf in out_dir."""
    items = build_items(cr, queue, allow_remote=allow_remote, progress=progress)
    facts = report_facts(str(cr.folder), queue.base, items, queue.problems)
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "report.html"
    page.write_text(report_html(facts, items), encoding="utf-8")
    (out_dir / "report.json").write_text(json.dumps(facts, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    pdf_path = print_pdf(page, out_dir / "report.pdf") if pdf else None
    return WrittenReport(facts, page, pdf_path)


def print_pdf(page_file: Path, target: Path, timeout_ms: int = 300_000) -> Path:
    """Load the report in QtWebEngine and print it to PDF (A4 landscape: cards side by side)."""
    profile = QWebEngineProfile()  # off the record: nothing of the report stays in a cache
    page = QWebEnginePage(profile)
    try:
        loop = QEventLoop()
        loaded: list[bool] = []

        def on_loaded(ok: bool) -> None:
            loaded.append(ok)
            loop.quit()

        page.loadFinished.connect(on_loaded)
        page.load(QUrl.fromLocalFile(str(page_file.resolve())))
        _run_loop(loop, timeout_ms)
        if not loaded or not loaded[0]:
            raise OSError(f"cannot load {page_file} to print it")
        done: list[bool] = []
        printed = QEventLoop()

        def on_printed(_path: str, ok: bool) -> None:
            done.append(ok)
            printed.quit()

        page.pdfPrintingFinished.connect(on_printed)
        layout = QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
            QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter,
        )
        page.printToPdf(str(target.resolve()), layout)
        _run_loop(printed, timeout_ms)
        if not done or not done[0]:
            raise OSError(f"cannot write {target}")
    finally:
        page.deleteLater()
        profile.deleteLater()
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return target
