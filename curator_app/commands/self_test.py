"""`curator self-test`: an offscreen check that a build works end to end.

Opens the bundled sample item, saves a copy and compares the bytes, renders the preview
in QtWebEngine, and exits 0 only when all of that worked. The packaging smoke test runs
it inside the frozen bundle.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from curator_app.commands._paths import content_files, error

NAME = "self-test"
HELP = "offscreen check: open the sample item, save a byte-identical copy, render the preview"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=None, help="content folder (default: the bundled sample)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the preview")


def run(args: argparse.Namespace) -> int:
    from curator_app.core.document.document import Document
    from curator_app.core.errors import CuratorError
    from curator_app.resources import bundled_content_dir

    folder = args.content or bundled_content_dir()
    items = [p for p in content_files([folder]) if p.suffix == ".md" and p.name != "_index.md"]
    if not items:
        error(f"{folder}: no content items found")
        return 2
    item = items[0]
    try:
        doc = Document.load(item)
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / item.name
            doc.save(copy)
            if copy.read_bytes() != item.read_bytes():
                error(f"{item}: saved copy differs from the original")
                return 1
    except CuratorError as exc:
        error(exc)
        return 2
    print(f"document: {item.name} opened and saved byte-identical")
    ms = _render_preview(doc, folder, args.timeout)
    if ms is None:
        error(f"{item}: the preview did not render within {args.timeout:.0f} s")
        return 1
    print(f"preview: rendered in {ms:.0f} ms")
    print("self-test passed")
    return 0


def _render_preview(doc: object, folder: Path, timeout: float) -> float | None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from curator_app.gui.webflags import prepare_web_engine

    prepare_web_engine()
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from curator_app.gui.preview.pane import PreviewPane

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    pane = PreviewPane()
    pane.resize(1000, 800)
    pane.show()
    loop = QEventLoop()
    result: list[float] = []

    def done(ms: float) -> None:
        result.append(ms)
        loop.quit()

    pane.sig_rendered.connect(done)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    start = time.perf_counter()
    pane.set_document(doc, folder)
    loop.exec()
    pane.close()
    # The web page must be gone before its profile is released, or QtWebEngine crashes at exit.
    pane.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    return (time.perf_counter() - start) * 1000 if result else None
