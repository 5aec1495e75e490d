"""The review report as a browser engine shows it: QtWebEngine loads report.html offscreen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from PIL import Image
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from support import paths
from support.git_repos import ITEM, SEED_TITLE, make_content_repo, save_edit

from curator_app.core.document.document import Document
from curator_app.core.git.commit import commit_items
from curator_app.core.review.queue import build_queue
from curator_app.gui.review.report_writer import write_report

MARK = QColor("#e8453c")
PICTURE = QColor(40, 110, 170)
NEW_TITLE = "Genomics plan for the UK: what changes"


def _js(qtbot, view: QWebEngineView, script: str):
    box: list = []
    view.page().runJavaScript(f"JSON.stringify({script})", QWebEngineScript.ScriptWorldId.ApplicationWorld, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0])


def _close_to(color: QColor, want: QColor) -> bool:
    return abs(color.red() - want.red()) < 24 and abs(color.green() - want.green()) < 24 and abs(color.blue() - want.blue()) < 24


def test_report_shows_cards_side_by_side_with_marked_changes(qtbot, tmp_path: Path) -> None:
    if not paths.SEED.is_file():
        pytest.skip("the shared seed item is absent")
    cr = make_content_repo(tmp_path, paths.SEED.read_bytes())
    # The seed's featured image, as a real local file: the cards show it on both sides.
    picture = (cr.folder / ITEM).parent / str(Document.load(cr.folder / ITEM).get(("featuredImage", "href")))
    Image.new("RGB", (640, 960), (40, 110, 170)).save(picture, "JPEG")
    commit_items(cr, [picture], "Add the featured image")
    save_edit(cr.folder / ITEM, title=NEW_TITLE, description="Shorter.")
    seen: list[tuple[int, int, str]] = []
    written = write_report(cr, build_queue(cr, since="HEAD"), tmp_path / "out", pdf=False,
                           progress=lambda d, n, w: seen.append((d, n, w)))
    assert seen == [(1, 1, "content/news/genome-uk.md")]
    assert written.html is not None

    view = QWebEngineView()
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=30000) as loaded:
        view.load(QUrl.fromLocalFile(str(written.html)))
    assert loaded.args == [True]

    # Every embedded image is painted from its data: URI (the page fetches nothing).
    backgrounds = _js(qtbot, view, "Array.from(document.querySelectorAll('img.ri'))"
                                   ".map(i => getComputedStyle(i).backgroundImage.slice(0, 20))")
    assert len(backgrounds) >= 2 and all(b.startswith('url("data:image/') for b in backgrounds)

    # Bring the site card pair into view; before sits left of after, at the same height,
    # and the two read differently: the old title and the new one.
    box = _js(qtbot, view, """(() => {
      const pair = document.querySelector('figure[data-kind="site"]');
      pair.scrollIntoView();
      const rect = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; };
      const b = pair.querySelector('.before .site-card'), a = pair.querySelector('.after .site-card');
      return {b: rect(b), a: rect(a), m: rect(pair.querySelector('.after mark.chg')),
              titles: [b.querySelector('.site-title').innerText, a.querySelector('.site-title').innerText],
              pairs: document.querySelectorAll('figure.card-pair').length,
              inner: [window.innerWidth, window.innerHeight]};
    })()""")
    assert box["pairs"] == 7
    (bl, bt, bw, bh), (al, at, aw, _ah) = box["b"], box["a"]
    assert bl + bw <= al and abs(bt - at) < 2 and bw > 300 and aw > 300 and bh > 200
    assert " ".join(box["titles"][0].split()) == " ".join(SEED_TITLE.split())
    assert box["titles"][1] == NEW_TITLE

    # What a reader sees: the mark's outline is painted where the script says it is.
    mx, my, _mw, mh = box["m"]
    assert 0 <= my < box["inner"][1], "the first changed region is on screen"

    def outlined() -> bool:
        shot = view.grab().toImage()
        scale = shot.width() / box["inner"][0]
        y = int((my + mh / 2) * scale)
        left = [shot.pixelColor(int((mx - dx) * scale), y) for dx in range(0, 4)]
        return any(_close_to(c, MARK) for c in left)

    qtbot.waitUntil(outlined, timeout=10000)
    # And the cards themselves were painted (not blank) on both sides, the picture included.
    shot = view.grab().toImage()
    scale = shot.width() / box["inner"][0]
    for left, top, width, height in (box["b"], box["a"]):
        xs = range(int(left * scale) + 5, int((left + width) * scale) - 5, 7)
        ys = range(max(0, int(top * scale)), min(shot.height(), int((top + height) * scale)), 7)
        colors = [shot.pixelColor(x, y) for x in xs for y in ys]
        assert len({c.rgb() for c in colors}) > 10
        assert any(_close_to(c, PICTURE) for c in colors), "the featured image is painted"
