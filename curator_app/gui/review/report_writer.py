"""Write the review report: report.html and report.json (core), and report.pdf, which is
the page printed by QtWebEngine.

Runs in the GUI process or in `curator review --out` (with an offscreen QApplication).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QMarginsF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

from curator_app.core.git.repo import ContentRepo
from curator_app.core.review.queue import Queue
from curator_app.core.review.writer import ReportProgress, WrittenReport, write_report_files
from curator_app.gui.preview.snapshot import _run_loop


def write_report(
    cr: ContentRepo,
    queue: Queue,
    out_dir: Path,
    *,
    pdf: bool = True,
    allow_remote: bool = False,
    remote_cache: Path | None = None,
    progress: ReportProgress | None = None,
) -> WrittenReport:
    """report.html (self-contained), report.json and, when `pdf`, report.pdf in out_dir."""
    written = write_report_files(
        cr, queue, out_dir, allow_remote=allow_remote, remote_cache=remote_cache, progress=progress
    )
    if pdf and written.html is not None:
        written.pdf = print_pdf(written.html, out_dir / "report.pdf")
    return written


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
