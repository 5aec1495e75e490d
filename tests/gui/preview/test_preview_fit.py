"""The preview never clips a card at its own edge: it scales the page and says so, and every
card is reachable by a tab or, in a narrow pane, by a compact drop-down."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PySide6.QtCore import Qt
from PySide6.QtWebEngineCore import QWebEngineScript

from curator_app.core.document.document import Document
from curator_app.gui.preview.pane import TABS, PreviewPane

# Right edge of the widest card (and of the page content) against the visible width.
_OVERFLOW = """(() => {
  const cards = Array.from(document.querySelectorAll('.stage > *'));
  const right = Math.max(...cards.map(c => c.getBoundingClientRect().right));
  return {right: right, visible: document.documentElement.clientWidth,
          scroll: document.documentElement.scrollWidth, count: cards.length};
})()"""


def _js(qtbot, pane: PreviewPane, script: str):
    box: list = []
    pane.page.runJavaScript(
        f"JSON.stringify({script})", QWebEngineScript.ScriptWorldId.ApplicationWorld, box.append
    )
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0])


@pytest.fixture
def shown(qtbot, seed_path: Path, tmp_path: Path) -> PreviewPane:
    folder = tmp_path / "content" / "news"
    folder.mkdir(parents=True)
    item = Path(shutil.copy(seed_path, folder / "genome.md"))
    pane = PreviewPane(cache_dir=tmp_path / "cache")
    qtbot.addWidget(pane)
    pane.resize(480, 700)
    pane.show()
    qtbot.waitExposed(pane)
    with qtbot.waitSignal(pane.sig_rendered, timeout=20000):
        pane.set_document(Document.load(item), folder.parent)
    return pane


def _fits(qtbot, pane: PreviewPane) -> None:
    def ok() -> bool:
        m = _js(qtbot, pane, _OVERFLOW)
        return m["count"] >= 6 and m["right"] <= m["visible"] and m["scroll"] <= m["visible"]

    qtbot.waitUntil(ok, timeout=5000)


def test_narrow_pane_scales_cards_and_says_so(qtbot, shown: PreviewPane) -> None:
    assert shown.zoom < 1.0
    assert shown.scale_label.isVisible()
    assert f"{round(shown.zoom * 100)}%" in shown.scale_label.text()
    _fits(qtbot, shown)


def test_wide_pane_shows_cards_at_full_size(qtbot, shown: PreviewPane) -> None:
    shown.resize(900, 700)
    qtbot.waitUntil(lambda: shown.zoom == 1.0)
    assert not shown.scale_label.isVisible()
    _fits(qtbot, shown)  # also proves the widest-card constant matches the stylesheet


def test_narrow_pane_offers_every_card_in_a_drop_down(qtbot, shown: PreviewPane) -> None:
    chooser = shown.tabs
    assert not chooser.uses_tabs() and chooser.combo.isVisible()
    assert [chooser.combo.itemText(i) for i in range(chooser.combo.count())] == [t[1] for t in TABS]
    chooser.combo.setFocus()
    for _ in range(TABS.index(("facebook", "Facebook"))):
        qtbot.keyClick(chooser.combo, Qt.Key.Key_Down)
    visible = (
        "Array.from(document.querySelectorAll('.card-section'))"
        ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.kind)"
    )
    qtbot.waitUntil(lambda: _js(qtbot, shown, visible) == ["facebook"], timeout=3000)


def test_wide_pane_shows_every_tab_without_scroll_arrows(qtbot, shown: PreviewPane) -> None:
    shown.resize(1100, 700)
    chooser = shown.tabs
    qtbot.waitUntil(chooser.uses_tabs)
    bar = chooser.tabs
    assert not bar.usesScrollButtons()
    for i in range(bar.count()):
        assert bar.tabRect(i).right() <= bar.width(), bar.tabText(i)
