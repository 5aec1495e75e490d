"""Live updates: debounced, rendered off the GUI thread, in place (scroll kept), tabs, copy."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWebEngineWidgets")

from curator_app.gui.preview import register_schemes

register_schemes()

from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWebEngineCore import QWebEngineScript  # noqa: E402

from curator_app.core.document.document import Document  # noqa: E402
from curator_app.gui.preview.pane import PreviewPane  # noqa: E402


def _js(qtbot, pane: PreviewPane, script: str):
    box: list = []
    pane.page.runJavaScript(
        f"JSON.stringify({script})", QWebEngineScript.ScriptWorldId.ApplicationWorld, box.append
    )
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0])


@pytest.fixture
def seed_copy(seed_path: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "content" / "news"
    folder.mkdir(parents=True)
    return Path(shutil.copyfile(seed_path, folder / "genome.md"))  # the shared seed is 0444


def test_title_edit_updates_every_card_in_place(qtbot, seed_copy: Path, tmp_path: Path) -> None:
    root = seed_copy.parent.parent
    doc = Document.load(seed_copy)
    pane = PreviewPane(cache_dir=tmp_path / "cache")
    qtbot.addWidget(pane)
    pane.resize(800, 600)
    pane.show()
    with qtbot.waitSignal(pane.sig_rendered, timeout=20000):
        pane.set_document(doc, root)
    _js(qtbot, pane, "(window.scrollTo(0, 900), 0)")
    qtbot.waitUntil(lambda: _js(qtbot, pane, "window.scrollY") == 900, timeout=3000)
    _js(qtbot, pane, "(document.getElementById('cards').dataset.marker = 'same-dom', 0)")

    new_title = "Genome plan edited live"
    for key in (("title",), ("openGraphMetaData", "ogtitle"), ("twitterMetaData", "twittertitle")):
        doc.set(key, new_title)
    with qtbot.waitSignal(pane.sig_rendered, timeout=20000) as blocker:
        for _ in range(5):  # a burst of keystrokes collapses into one render
            pane.document_changed()
    assert blocker.args[0] > 0
    text = _js(qtbot, pane, "document.body.innerText")
    assert text.count(new_title) >= 7  # site, article, X, Facebook, LinkedIn, Slack, search (+meta)
    assert _js(qtbot, pane, "window.scrollY") == 900  # scroll position kept
    # updated in place: the same document, not a reload (no white flash)
    assert _js(qtbot, pane, "document.getElementById('cards').dataset.marker") == "same-dom"


def test_a_body_edit_replaces_the_article_card_alone(qtbot, seed_copy: Path, tmp_path: Path) -> None:
    pane, doc = _rendered_pane(qtbot, seed_copy, tmp_path)
    kinds = _js(qtbot, pane, "[...document.querySelectorAll('#cards > section')].map(s => s.dataset.kind)")
    assert "article" in kinds and "site" in kinds
    # A mark on every card element: a replaced card comes back without it.
    _js(qtbot, pane, "(document.querySelectorAll('#cards > section').forEach(s => s.dataset.mark = 'old'), 0)")

    doc.body = doc.body + "\n<p>A sentence typed at the end.</p>\n"
    with qtbot.waitSignal(pane.sig_rendered, timeout=20000):
        pane.document_changed()

    marks = _js(qtbot, pane, "Object.fromEntries([...document.querySelectorAll('#cards > section')]"
                             ".map(s => [s.dataset.kind, s.dataset.mark || 'new']))")
    assert marks.pop("article") == "new"
    assert "A sentence typed at the end." in _js(qtbot, pane, "document.getElementById('card-article').innerText")
    assert set(marks.values()) == {"old"}, marks  # every other card kept, not rebuilt
    assert list(marks) == [k for k in kinds if k != "article"]  # and in their places


def _rendered_pane(qtbot, seed_copy: Path, tmp_path: Path) -> tuple[PreviewPane, Document]:
    doc = Document.load(seed_copy)
    pane = PreviewPane(cache_dir=tmp_path / "cache")
    qtbot.addWidget(pane)
    pane.show()
    with qtbot.waitSignal(pane.sig_rendered, timeout=20000):
        pane.set_document(doc, seed_copy.parent.parent)
    qtbot.waitUntil(lambda: not pane.rendering, timeout=20000)
    return pane, doc


def test_an_edit_while_idle_starts_its_render_at_once(qtbot, seed_copy: Path, tmp_path: Path) -> None:
    pane, doc = _rendered_pane(qtbot, seed_copy, tmp_path)
    doc.set(("title",), "Idle keystroke")
    started = pane.renders_started
    pane.document_changed()
    # No debounce: the render is already running when document_changed returns.
    assert pane.rendering and pane.renders_started == started + 1
    qtbot.waitUntil(lambda: "Idle keystroke" in pane.meta_html, timeout=20000)


def test_edits_during_a_render_coalesce_into_one_more(qtbot, seed_copy: Path, tmp_path: Path) -> None:
    pane, doc = _rendered_pane(qtbot, seed_copy, tmp_path)
    started = pane.renders_started
    shown: list[float] = []
    pane.sig_rendered.connect(shown.append)
    for n in range(1, 6):  # five keystrokes before the first render can come back
        doc.set(("title",), f"Typed {'x' * n}")
        pane.document_changed()
    assert pane.renders_started == started + 1
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20000)  # both painted
    assert "Typed xxxxx" in pane.meta_html
    assert not pane.rendering
    assert pane.renders_started == started + 2  # the first edit, then the other four at once


def test_tabs_show_one_card_and_meta_tags_copy(qtbot, seed_copy: Path, tmp_path: Path) -> None:
    pane = PreviewPane(cache_dir=tmp_path / "cache")
    qtbot.addWidget(pane)
    pane.show()
    with qtbot.waitSignal(pane.sig_rendered, timeout=20000):
        pane.set_document(Document.load(seed_copy), seed_copy.parent.parent)
    pane.show_card("facebook")
    visible = (
        "Array.from(document.querySelectorAll('.card-section'))"
        ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.kind)"
    )
    qtbot.waitUntil(lambda: _js(qtbot, pane, visible) == ["facebook"], timeout=3000)
    pane.show_card("meta")
    qtbot.waitUntil(lambda: _js(qtbot, pane, visible) == ["meta"], timeout=3000)
    pane.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert '<meta property="og:title" content="UK launch implementation plan' in copied
    assert copied == pane.meta_html


@pytest.mark.slow
def test_cards_command_writes_seven_pngs(seed_path: Path, tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "curator_app.cli", "cards", str(seed_path), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    names = ["site", "article", "x", "facebook", "linkedin", "slack", "search"]
    for name in names:
        png = out / f"{name}.png"
        assert png.is_file() and png.stat().st_size > 2000, name
        with Image.open(png) as im:
            lo, hi = im.convert("L").getextrema()
            assert im.width >= 600 and im.height >= 100 and lo < 100 < hi, name  # has content


def test_cards_command_bad_input_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "curator_app.cli", "cards", str(bad), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith(str(bad)) and "Traceback" not in proc.stderr
    assert not (tmp_path / "o").exists()
