"""The issue's "done when" walk, by keyboard alone: run offscreen (tests/gui/app) and on a
real X server (tests/gui/xcb), where the platform's own key bindings apply.

Every step is a key pressed on the widget that has the focus, as a curator would; the
checks read the window, the preview page and finally `git diff`.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWidgets import QApplication, QWidget

from curator_app.gui.layout import first_run_pane_sizes
from curator_app.gui.main_window import MainWindow
from curator_app.gui.preview.fit import fit_zoom
from curator_app.gui.preview.pane import TABS
from curator_app.gui.settings import Settings
from curator_app.gui.wiring import Workbench

CTRL, ALT, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier
SEED = "content/news/genome-uk.md"
NEW_CATEGORY = "Precision Medicine"
BODY_ADDITION = " Read the full plan on GOV.UK."

# The cards shown: how far right the widest one reaches, against the visible width (page pixels).
_SHOWN_CARDS = """JSON.stringify((() => {
  const shown = Array.from(document.querySelectorAll('.card-section'))
    .filter(e => getComputedStyle(e).display !== 'none');
  const cards = shown.flatMap(s => Array.from(s.querySelectorAll('.stage > *')));
  return {kinds: shown.map(s => s.dataset.kind), count: cards.length,
          right: Math.max(0, ...cards.map(c => c.getBoundingClientRect().right)),
          visible: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth,
          // For the failure message: whatever reaches furthest right.
          widest: Array.from(document.body.querySelectorAll('*')).reduce((a, b) =>
            b.getBoundingClientRect().right > a.getBoundingClientRect().right ? b : a, document.body)
            .outerHTML.slice(0, 160)};
})())"""


def focused(window: QWidget) -> QWidget:
    return QApplication.focusWidget() or window


def press(qtbot, window: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(window), key, modifiers)


def type_text(qtbot, window: QWidget, text: str) -> None:
    qtbot.keyClicks(focused(window), text)


def activate(qtbot, window: QWidget) -> None:
    """Make `window` the active one: keys go to the focused widget of the active window."""

    # Without a window manager an activation asked for before the window is mapped is lost.
    def active() -> bool:
        if not window.isActiveWindow():
            window.activateWindow()
        return window.isActiveWindow()

    qtbot.waitUntil(active, timeout=5000)


def open_at_laptop_size(qtbot, site: Path) -> Workbench:
    window = MainWindow(Settings())
    bench = Workbench(window, Settings())
    window.setGeometry(QRect(0, 0, 1280, 800))
    with qtbot.waitSignal(bench.library.sig_loaded, timeout=30000):
        bench.open_folder(site)
    window.show()
    qtbot.waitExposed(window)
    window.splitter.setSizes(first_run_pane_sizes(window.width()))
    activate(qtbot, window)
    return bench


def _page(qtbot, bench: Workbench) -> dict:
    assert bench.preview is not None
    box: list[str] = []
    bench.preview.page.runJavaScript(_SHOWN_CARDS, QWebEngineScript.ScriptWorldId.ApplicationWorld, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0])


def _step_to_problem(qtbot, bench: Workbench, code: str, field: tuple[str, ...]) -> None:
    editor = bench.tabs.current_editor()
    assert editor is not None
    for _ in range(editor.problems.topLevelItemCount() + 1):
        press(qtbot, bench.window, Qt.Key.Key_F8)
        finding = editor.problems.current_finding()
        if finding is not None and finding.code == code and tuple(finding.field) == field:
            return
    raise AssertionError(f"F8 never reached {code} on {field}")


def changed_lines(site: Path) -> list[str]:
    """The -/+ lines of `git diff` for the seed, without the file headers."""
    diff = subprocess.run(["git", "diff", "-U0", "--", SEED], cwd=site, check=True,
                          capture_output=True, text=True).stdout
    return [line for line in diff.splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def walk(qtbot, bench: Workbench, site: Path) -> None:
    w = bench.window
    seed = (site / SEED).resolve()
    before = seed.read_text(encoding="utf-8")

    # Find the seed: Ctrl+L, part of its title, Down into the list, Enter to open it.
    press(qtbot, w, Qt.Key.Key_L, CTRL)
    assert focused(w) is bench.library.filter_bar.search
    type_text(qtbot, w, "genomic healthcare")
    qtbot.waitUntil(lambda: bench.library.model.rowCount() == 1, timeout=5000)
    press(qtbot, w, Qt.Key.Key_Down)
    assert focused(w) is bench.library.view
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: (s := bench.tabs.current_session()) is not None and s.path == seed, timeout=5000)
    session = bench.tabs.current_session()
    editor = bench.tabs.current_editor()
    assert session is not None and editor is not None
    assert editor.isAncestorOf(focused(w)), "Enter should leave the keyboard in the item"
    qtbot.waitUntil(lambda: editor.problems.topLevelItemCount() > 0, timeout=5000)

    # The title's double space and the description cut short: F8 to each, Ctrl+. fixes it.
    _step_to_problem(qtbot, bench, "CC301", ("title",))
    assert editor.form.isAncestorOf(focused(w))  # the field of the problem has the focus
    press(qtbot, w, Qt.Key.Key_Period, CTRL)
    assert "  " not in session.document.get(("title",))
    _step_to_problem(qtbot, bench, "CC303", ("description",))
    press(qtbot, w, Qt.Key.Key_Period, CTRL)
    assert not any(f.code == "CC303" for f in editor.findings)

    # A category, typed into the categories list.
    press(qtbot, w, Qt.Key.Key_C, CTRL | ALT)
    type_text(qtbot, w, NEW_CATEGORY)
    press(qtbot, w, Qt.Key.Key_Return)
    assert NEW_CATEGORY in session.document.get(("categories",))

    # The body: Focus Editor twice goes form → body; type at its end.
    press(qtbot, w, Qt.Key.Key_E, CTRL | SHIFT)
    if not editor.body.isAncestorOf(focused(w)):
        press(qtbot, w, Qt.Key.Key_E, CTRL | SHIFT)
    assert editor.body.isAncestorOf(focused(w))
    press(qtbot, w, Qt.Key.Key_End, CTRL)
    type_text(qtbot, w, BODY_ADDITION)
    qtbot.waitUntil(lambda: session.document.body.endswith(BODY_ADDITION + "</p>"), timeout=5000)

    # Every card, by keyboard, none clipped by the pane.
    preview = bench.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.painted_generation >= preview.renders_started > 0 and not preview.rendering,
                    timeout=30000)
    seen = []
    for _ in TABS:
        kind = TABS[preview.tabs.currentIndex()][0]
        last: list[dict] = []

        def unclipped(kind: str = kind, last: list[dict] = last) -> bool:
            # Unclipped: the cards end inside the page's visible width, the page does not
            # scroll sideways, and at the zoom the fit code chose they fit the view's pixels.
            # Asked until true: the page applies a tab switch or a zoom a moment later.
            page = _page(qtbot, bench)
            last[:] = [page]
            return ((page["kinds"] == [kind] or kind in ("all", "meta")) and (page["count"] > 0 or kind == "meta")
                    and page["right"] <= page["visible"] >= page["scroll"]
                    and page["right"] * preview.zoom <= preview.view.width())

        try:
            qtbot.waitUntil(unclipped, timeout=10000)
        except Exception as exc:
            raise AssertionError(f"{kind} card clipped or not shown: {last} at zoom {preview.zoom}") from exc
        assert preview.zoom == fit_zoom(preview.width())
        seen.append(kind)
        press(qtbot, w, Qt.Key.Key_PageDown, CTRL)
    assert sorted(seen) == sorted(k for k, _ in TABS)
    assert TABS[preview.tabs.currentIndex()][0] == "all"  # round and back to the first

    # Save; only the intended lines changed.
    press(qtbot, w, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not session.is_dirty(), timeout=5000)
    after = seed.read_text(encoding="utf-8")
    assert after != before
    lines = changed_lines(site)
    # The fixed title and description, the new category, the body, and the last-modified
    # stamps Save adds (File ▸ Update Last Modified on Save is on by default).
    intended = re.compile(r"^[-+](title: |  (The plan|well as|Health Secretary)|  - Precision Medicine$|<p>"
                          r"|lastMod: |  (articlemodified_time|ogupdated_time): )")
    assert lines and all(intended.match(line) for line in lines), "\n".join(lines)
    assert "+  - " + NEW_CATEGORY in lines
    assert "+title: UK Launch Implementation Plan For Genomic Healthcare System" in lines
    assert lines[-1].endswith(BODY_ADDITION + "</p>")


# Keys a focused text box keeps for itself (Qt gives them to the box before any window
# shortcut), so a menu shortcut on one of them would never fire while typing.
TEXT_BOX_KEYS = [
    QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll, QKeySequence.StandardKey.Deselect, QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.DeleteStartOfWord, QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.DeleteEndOfLine, QKeySequence.StandardKey.DeleteCompleteLine,
    QKeySequence.StandardKey.InsertParagraphSeparator, QKeySequence.StandardKey.InsertLineSeparator,
    *(k for k in QKeySequence.StandardKey if k.name.startswith(("MoveTo", "Select")) and k.name != "SelectAll"),
]


def shortcut_clashes(bench: Workbench) -> list[str]:
    """Menu shortcuts that two actions share, that a text box keeps, or that the body
    editor's formatting actions (active inside the item) also use."""
    owner: dict[str, str] = {}
    clashes = []
    for name, action in bench.menu:
        for seq in action.shortcuts():
            key = seq.toString()
            if key in owner:
                clashes.append(f"{key}: {owner[key]} and {name}")
            owner[key] = name
    for standard in TEXT_BOX_KEYS:
        for seq in QKeySequence.keyBindings(standard):
            if seq.toString() in owner:
                clashes.append(f"{seq.toString()}: {owner[seq.toString()]} and text boxes ({standard.name})")
    from curator_app.gui.body.editor import BodyEditor

    body = BodyEditor()
    for name, action in body.actions_by_name.items():
        for seq in action.shortcuts():
            if seq.toString() in owner:
                clashes.append(f"{seq.toString()}: {owner[seq.toString()]} and the body's {name}")
    body.deleteLater()
    return clashes
