"""The review report as a browser engine shows it: QtWebEngine loads report.html offscreen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from curator_app.gui.preview import register_schemes

register_schemes()

from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtWebEngineCore import QWebEngineScript  # noqa: E402
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402
from support import paths  # noqa: E402
from support.git_repos import ITEM, make_content_repo, save_edit  # noqa: E402

from curator_app.core.review.queue import build_queue  # noqa: E402
from curator_app.gui.review.report_writer import write_report  # noqa: E402

MARK = QColor("#e8453c")


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
    save_edit(cr.folder / ITEM, title="Genomics plan for the UK: what changes", description="Shorter.")
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

    images = _js(qtbot, view, "Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
    assert len(images) == 14 and all(done and width > 0 for done, width in images)

    # Bring the site card pair into view; before sits left of after, at the same height.
    box = _js(qtbot, view, """(() => {
      const pair = document.querySelector('figure[data-kind="site"]');
      pair.scrollIntoView();
      const b = pair.querySelector('.before img').getBoundingClientRect();
      const a = pair.querySelector('.after img').getBoundingClientRect();
      const m = pair.querySelector('.after .mark').getBoundingClientRect();
      return {b: [b.left, b.top, b.width], a: [a.left, a.top, a.width], m: [m.left, m.top, m.width, m.height],
              inner: [window.innerWidth, window.innerHeight]};
    })()""")
    (bl, bt, bw), (al, at, aw) = box["b"], box["a"]
    assert bl + bw <= al and abs(bt - at) < 2 and bw > 300 and aw > 300

    # What a reader sees: the mark's outline is painted where the script says it is.
    mx, my, _mw, mh = box["m"]
    assert 0 <= my < box["inner"][1], "the first changed region is on screen"

    def outlined() -> bool:
        shot = view.grab().toImage()
        scale = shot.width() / box["inner"][0]
        y = int((my + mh / 2) * scale)
        left = [shot.pixelColor(int((mx - dx) * scale), y) for dx in range(0, 5)]
        return any(_close_to(c, MARK) for c in left)

    qtbot.waitUntil(outlined, timeout=10000)
    # And the cards themselves were painted (not blank) on both sides.
    shot = view.grab().toImage()
    scale = shot.width() / box["inner"][0]
    for left, width in ((bl, bw), (al, aw)):
        xs = range(int(left * scale) + 5, int((left + width) * scale) - 5, 9)
        ys = range(max(0, int(bt * scale)), min(shot.height(), int((bt + 200) * scale)), 9)
        colors = {shot.pixel(x, y) for x in xs for y in ys}
        assert len(colors) > 10
