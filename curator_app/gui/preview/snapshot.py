"""Offscreen PNGs of each preview card, for `curator cards` and reviewers' batch checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView

from curator_app.core.preview.cards import CARD_KINDS
from curator_app.core.preview.page import Preview
from curator_app.gui.preview.guard import PreviewPage, make_profile
from curator_app.gui.preview.pane import BACKGROUND, BASE_URL
from curator_app.gui.preview.schemes import ImageSchemeHandler

WIDTH = 760
_APP_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
# The section's box, once every image has finished (loaded or refused).
_MEASURE = """JSON.stringify((() => {
  document.documentElement.style.overflow = 'hidden';
  const ready = Array.from(document.images).every(i => i.complete);
  const shown = Array.from(document.querySelectorAll('.card-section'))
      .find(e => getComputedStyle(e).display !== 'none');
  return {ready, height: Math.ceil((shown || document.body).getBoundingClientRect().bottom) + 16};
})())"""


class CardSnapshotter:
    def __init__(self, content_root: Path, allow_remote: bool = False) -> None:
        self.handler = ImageSchemeHandler(None)
        self.handler.content_root = content_root
        self.handler.allow_remote = allow_remote
        self.profile, self.interceptor = make_profile(self.handler, self.handler)
        self.view = QWebEngineView()
        self.page = PreviewPage(self.profile, self.view)  # owned by the view
        self.page.setBackgroundColor(QColor(BACKGROUND))
        self.view.setPage(self.page)
        self.view.resize(WIDTH, 600)
        self.view.show()

    def close(self) -> None:
        # Page before profile, or QtWebEngine warns that the profile outlived nothing.
        self.view.close()
        self.view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.handler.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def save_all(self, preview: Preview, out_dir: Path) -> list[Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for kind in CARD_KINDS:
            image = self.render(preview, kind)
            target = out_dir / f"{kind}.png"
            if not image.save(str(target)):  # format from the .png suffix
                raise OSError(f"cannot write {target}")
            written.append(target)
        return written

    def render(self, preview: Preview, kind: str, timeout_ms: int = 15000) -> QImage:
        self.load(preview.page(kind), timeout_ms)
        data = self.measure(_MEASURE)
        return self.grab_at(max(int(data.get("height", 600)), 100), paint_wait_ms=100)

    def load(self, html: str, timeout_ms: int = 15000) -> None:
        loop = QEventLoop()
        self.page.loadFinished.connect(loop.quit)
        self.page.setHtml(html, BASE_URL)
        _run_loop(loop, timeout_ms)
        self.page.loadFinished.disconnect(loop.quit)

    def measure(self, script: str) -> dict[str, Any]:
        """The JSON `script` returns once it says the page is ready (every image settled)."""
        data: dict[str, Any] = {}
        for _ in range(100):  # images arrive through the scheme handler asynchronously
            info = self._js(script)
            data = json.loads(info) if isinstance(info, str) else {}
            if data.get("ready"):
                break
            _wait(50)
        return data

    def grab_at(self, height: int, paint_wait_ms: int) -> QImage:
        """The page at WIDTH x `height`, once Chromium has painted it at that size."""
        self.view.resize(WIDTH, height)
        for _ in range(50):  # Chromium learns the new viewport size asynchronously
            if self._js("window.innerHeight") == height:
                break
            _wait(20)
        image = QImage()
        for _ in range(40):  # then paints it a frame or two later
            _wait(paint_wait_ms)
            image = self.view.grab().toImage()
            if image.height() == height and _painted(image):
                break
        return image

    def _js(self, script: str) -> Any:
        loop = QEventLoop()
        box: list[Any] = []

        def done(result: Any) -> None:
            box.append(result)
            loop.quit()

        self.page.runJavaScript(script, _APP_WORLD, done)
        _run_loop(loop, 5000)
        return box[0] if box else None


def _run_loop(loop: QEventLoop, timeout_ms: int) -> None:
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _painted(image: QImage) -> bool:
    """True once the whole height is painted: every horizontal band has some non-background."""
    bg = QColor(BACKGROUND).rgb()
    # the last band is the page's bottom padding, which is background by design
    bands = max(1, image.height() // 150)
    for band in range(bands - 1 if bands > 1 else 1):
        top = band * 150
        if not any(
            image.pixel(x, y) != bg
            for y in range(top, min(top + 150, image.height()), 3)
            for x in range(0, image.width(), 7)
        ):
            return False
    return True
