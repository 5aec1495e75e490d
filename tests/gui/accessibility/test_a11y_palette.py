"""The editor follows the system palette: on a dark (and a light) theme the form, the
library, the problems, the source colours, the spelling underline and the diffs all keep
body-text contrast (WCAG 4.5:1), measured on the colours the widgets actually use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from support.a11y import dark_palette, glyph_contrast, low_contrast, shown_title_diffs

from curator_app.gui import theme
from curator_app.gui.body.highlighter import HtmlHighlighter
from curator_app.gui.body.markdown_highlighter import MarkdownHighlighter
from curator_app.gui.spell.underline import underline_colour
from curator_app.gui.wiring import Workbench


def light_palette() -> QPalette:
    return QApplication.style().standardPalette()


@pytest.fixture(params=["dark", "light"])
def system_palette(request: pytest.FixtureRequest) -> Iterator[str]:
    """The desktop's palette (and colour scheme, where the platform takes it), set before
    the window is built."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.palette()
    hints = QGuiApplication.styleHints()
    app.setPalette(dark_palette() if request.param == "dark" else light_palette())
    hints.setColorScheme(Qt.ColorScheme.Dark if request.param == "dark" else Qt.ColorScheme.Light)
    yield request.param
    hints.unsetColorScheme()
    app.setPalette(previous)


def test_contrast_is_computed_as_wcag_says() -> None:
    assert theme.contrast(QColor("black"), QColor("white")) == pytest.approx(21)
    assert theme.contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    red = theme.readable("#c62828", QColor("#1e1e1e"))
    assert theme.contrast(red, QColor("#1e1e1e")) >= 4.5
    assert red.red() > red.green()  # still a red


def test_window_follows_the_palette(system_palette: str, seed_bench: Workbench) -> None:
    window = seed_bench.window
    assert theme.is_dark(window.palette()) == (system_palette == "dark")
    seed_bench.tools.replace()
    editor = seed_bench.tabs.current_editor()
    assert editor is not None
    editor.body.tabs.setCurrentWidget(editor.body.source)  # lays out the source colours
    QApplication.processEvents()
    editor.run_lint()
    QApplication.processEvents()
    problems = low_contrast(window)
    assert not problems, "\n".join(problems)


def test_source_colours_and_underline_follow_the_palette(system_palette: str, qtbot) -> None:
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    html = HtmlHighlighter(None)  # type: ignore[arg-type]
    markdown = MarkdownHighlighter(QApplication.instance())  # type: ignore[arg-type]
    formats = {f"html.{n}": getattr(html, n) for n in ("tag", "attr", "value", "entity", "comment", "shortcode")}
    formats |= {f"markdown.{n}": getattr(markdown, n)
                for n in ("heading", "strong", "emph", "link", "code", "marker", "quote", "shortcode")}
    text = QApplication.palette().color(QPalette.ColorRole.Text)
    for name, fmt in formats.items():
        fg = fmt.foreground().color() if fmt.hasProperty(fmt.Property.ForegroundBrush) else text
        assert theme.contrast(fg, base) >= 4.5, f"{name}: {fg.name()} on {base.name()}"
    assert theme.contrast(underline_colour(), base) >= 4.5


def test_diffs_follow_the_palette(system_palette: str, qtbot, seed_path: Path, tmp_path: Path) -> None:
    dialog, view = shown_title_diffs(qtbot, seed_path, tmp_path)
    for root in (dialog, view):
        problems = low_contrast(root)
        assert not problems, "\n".join(problems)


def test_toolbar_glyphs_follow_the_palette(system_palette: str, qtbot) -> None:
    """Glyphs are pictures of text-like marks: 3:1 against the button (WCAG non-text)."""
    from curator_app.gui.body.editor import BodyEditor

    body = BodyEditor()
    qtbot.addWidget(body)
    worst = glyph_contrast(body)
    assert worst >= 3, f"glyph contrast {worst:.2f}"
