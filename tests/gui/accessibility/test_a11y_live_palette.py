"""A live light/dark switch (the desktop changes its colour scheme while Curator runs):
every widget whose colours come from a style sheet or a highlighter is re-coloured in
place, without being rebuilt, and keeps body-text contrast (WCAG 4.5:1), measured on the
colours the widgets actually use, as test_a11y_palette measures a fresh window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from support.a11y import dark_palette, glyph_contrast, low_contrast, shown_title_diffs

from curator_app.gui import theme
from curator_app.gui.wiring import Workbench

SCHEMES = {"dark": Qt.ColorScheme.Dark, "light": Qt.ColorScheme.Light}


def _palette(name: str) -> QPalette:
    return dark_palette() if name == "dark" else QApplication.style().standardPalette()


def _switch(name: str) -> None:
    """What a desktop does on a live switch: a new application palette and colour scheme."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setPalette(_palette(name))
    QGuiApplication.styleHints().setColorScheme(SCHEMES[name])
    QApplication.processEvents()


@pytest.fixture(params=[("light", "dark"), ("dark", "light")], ids=["light-to-dark", "dark-to-light"])
def switch(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.palette()
    _switch(request.param[0])
    yield request.param
    QGuiApplication.styleHints().unsetColorScheme()
    app.setPalette(previous)


def _styled_labels(root: QWidget) -> list[str]:
    """Labels coloured by a style sheet and drawn straight on the window: their text against
    the window colour of the palette in use now. (Qt leaves such a label's own palette as it
    was when the sheet was set, so low_contrast alone would measure a stale background.)"""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    found = []
    for label in root.findChildren(QLabel):
        if not label.styleSheet() or "background" in label.styleSheet() or not label.text():
            continue
        label.ensurePolished()
        fg = label.palette().color(label.foregroundRole())
        ratio = theme.contrast(fg, window)
        found.append(f"{label.objectName() or label.text()[:20]}: {fg.name()} on {window.name()} = {ratio:.2f}")
    return found


def _check(*roots: QWidget) -> None:
    problems = [p for root in roots for p in low_contrast(root)]
    problems += [line for root in roots for line in _styled_labels(root) if float(line.rsplit("= ", 1)[1]) < 4.5]
    assert not problems, "\n".join(problems)


def test_a_running_window_recolours_on_a_live_switch(switch: tuple[str, str], seed_bench: Workbench) -> None:
    _before, after = switch
    editor = seed_bench.tabs.current_editor()
    assert editor is not None
    editor.body.tabs.setCurrentWidget(editor.body.source)
    editor.run_lint()
    QApplication.processEvents()
    window = seed_bench.window
    assert _styled_labels(window)  # the character counters, at least
    _check(window)  # built on the first palette

    _switch(after)
    assert theme.is_dark(window.palette()) == (after == "dark")
    _check(window)  # the same widgets, re-coloured
    assert glyph_contrast(editor.body) >= 3  # toolbar glyphs: WCAG non-text contrast
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    links = _link_colours(editor.body.rich.document())
    assert links and all(theme.contrast(c, base) >= 4.5 for c in links), [c.name() for c in links]
    session = seed_bench.tabs.current_session()
    assert session is not None and not session.is_dirty()  # re-colouring is no edit


def _link_colours(doc) -> list:
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isAnchor():
                found.append(it.fragment().charFormat().foreground().color())
            it += 1
        block = block.next()
    return found


def test_open_diffs_recolour_on_a_live_switch(switch: tuple[str, str], qtbot, seed_path: Path, tmp_path: Path) -> None:
    dialog, view = shown_title_diffs(qtbot, seed_path, tmp_path)
    _check(dialog, view)
    _switch(switch[1])
    _check(dialog, view)


def test_buttons_inside_a_styled_prompt_follow(switch: tuple[str, str], qtbot) -> None:
    """A style sheet styles its widget's children too, and freezes their palette as well:
    the linked-copies prompt's buttons must take the new palette with it."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    from curator_app.gui import theme as t

    box = QWidget()
    box.setObjectName("styledBox")
    QVBoxLayout(box).addWidget(QPushButton("Update copies"))
    t.style(box, lambda: "#styledBox { background: palette(alternate-base); }")
    qtbot.addWidget(box)
    box.show()
    _switch(switch[1])
    button = box.findChild(QPushButton)
    assert button.palette().color(QPalette.ColorRole.Button) == QApplication.palette().color(QPalette.ColorRole.Button)
