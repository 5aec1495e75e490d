"""QtWebEngine starts offscreen (as root too) and renders a page: the preview's foundation."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtWebEngineWidgets import QWebEngineView


def test_webengine_loads_html_offscreen(qtbot) -> None:
    view = QWebEngineView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=30_000) as blocker:
        view.setHtml("<html><head><title>probe</title></head><body><p>hi</p></body></html>")
    assert blocker.args == [True]
    qtbot.waitUntil(lambda: view.title() == "probe", timeout=10_000)
