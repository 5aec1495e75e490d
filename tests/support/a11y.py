"""Walking a window's widget tree for accessibility checks: which widgets a curator can
operate, and where each one sits (for messages that say which widget lacks a name)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE: tuple[type[QWidget], ...] = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)

# Parts Qt builds inside its own composite widgets; assistive tools reach them through
# the composite (a combo box's line edit, a tab bar's scroll arrows and close buttons,
# a line edit's clear button).
_COMPOSITES: tuple[type[QWidget], ...] = (QComboBox, QAbstractSpinBox, QTabBar, QLineEdit)
_NOT_CONTROLS: tuple[type[QWidget], ...] = (QScrollBar, QHeaderView, QMenu)


def _is_web_view(widget: QWidget) -> bool:
    return widget.metaObject().className() == "QWebEngineView"


def is_control(widget: QWidget) -> bool:
    """A widget the curator operates (and so needs a name and a description)."""
    if isinstance(widget, _NOT_CONTROLS):
        return False
    # Qt's internal parts are skipped, except a tab widget's tab bar: it takes the keyboard.
    if widget.objectName().startswith("qt_") and not isinstance(widget, QTabBar):
        return False
    parent = widget.parentWidget()
    if parent is not None and (isinstance(parent, _COMPOSITES) or _is_web_view(parent)):
        return False
    return isinstance(widget, INTERACTIVE) or _is_web_view(widget)


def controls(root: QWidget) -> Iterator[QWidget]:
    """Every control under `root` (itself included), shown or not: a hidden find bar or
    an unfolded section is still part of the window a screen reader will meet."""
    if is_control(root):
        yield root
    for child in root.findChildren(QWidget):
        if is_control(child) and not _inside_foreign_window(child, root):
            yield child


def _inside_foreign_window(widget: QWidget, root: QWidget) -> bool:
    # Dialogs and popups parented to the window are walked on their own.
    w: QWidget | None = widget
    while w is not None and w is not root:
        if w.isWindow():
            return True
        w = w.parentWidget()
    return False


def describe(widget: QWidget) -> str:
    """objectName/class, then the parent chain up to the window: enough to find the code."""
    parts = []
    w: QWidget | None = widget
    while w is not None:
        label = w.objectName() or ""
        parts.append(f"{label}<{w.metaObject().className()}>" if label else w.metaObject().className())
        if w.isWindow():
            break
        w = w.parentWidget()
    text = getattr(widget, "text", None)
    shown = f" {text()!r}" if callable(text) and isinstance(text(), str) and text() else ""
    return " ← ".join(parts) + shown


def unnamed(root: QWidget) -> list[str]:
    """The controls under `root` missing an accessible name or description, described."""
    missing = []
    for widget in controls(root):
        lacks = [what for what, value in (("name", widget.accessibleName()),
                                          ("description", widget.accessibleDescription()))
                 if not value.strip()]
        if lacks:
            missing.append(f"{describe(widget)}: no {' or '.join(lacks)}")
    return missing


# --- tab order ------------------------------------------------------------------------------


def _owner(widget: QWidget | None) -> QWidget | None:
    """The control a focused part belongs to (a spin box for its inner line edit)."""
    parent = widget.parentWidget() if widget is not None else None
    if parent is not None and isinstance(parent, QComboBox | QAbstractSpinBox):
        return parent
    return widget


def tab_through(root: QWidget, start: QWidget, limit: int = 400) -> list[QWidget]:
    """Press Tab from `start` until focus leaves `root` or comes back round; the controls
    focused on the way, in order (each once). A control may take a few presses for its
    own parts (a date edit steps through year, month, day); one that keeps Tab for good
    fails the walk."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    first = _owner(QApplication.focusWidget())
    assert first is not None, f"{describe(start)} does not take focus"
    seen = [first]
    stuck = 0
    for _ in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        QApplication.processEvents()
        now = _owner(QApplication.focusWidget())
        if now is seen[-1]:
            stuck += 1
            assert stuck < _PARTS, f"Tab never leaves {describe(now)}"
            continue
        stuck = 0
        if now is None or now in seen or not (now is root or root.isAncestorOf(now)):
            break
        seen.append(now)
    return seen


_PARTS = 8  # more sections than a date-time edit has


def _branch(widget: QWidget, ancestor: QWidget) -> QWidget:
    while widget.parentWidget() is not ancestor:
        parent = widget.parentWidget()
        assert parent is not None
        widget = parent
    return widget


def _common_ancestor(a: QWidget, b: QWidget) -> QWidget:
    w: QWidget | None = a
    while w is not None and not (w is b or w.isAncestorOf(b)):
        w = w.parentWidget()
    assert w is not None
    return w


def _rect_in(widget: QWidget, ancestor: QWidget) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of `widget` in `ancestor`, whatever a scroll area shows."""
    from PySide6.QtWidgets import QScrollArea

    x = y = 0
    w = widget
    while w is not ancestor:
        parent = w.parentWidget()
        assert parent is not None
        # A scroll area's content moves as it scrolls; its place in the layout does not.
        if not (parent.parentWidget() is not None and isinstance(parent.parentWidget(), QScrollArea)
                and parent.objectName() == "qt_scrollarea_viewport"):
            x, y = x + w.x(), y + w.y()
        w = parent
    return x, y, x + widget.width(), y + widget.height()


def reads_before(a: QWidget, b: QWidget) -> bool:
    """Whether `b` comes after `a` in reading order: below it, or on its row and to its
    right. Groups are compared as wholes where the two part ways: a field's own controls
    (a list under its entry box) read before the badge beside the field, and the panes of
    a splitter read one after the other (left, then right)."""
    from PySide6.QtWidgets import QSplitter

    if a.isAncestorOf(b) or b.isAncestorOf(a):
        return True
    common = _common_ancestor(a, b)
    group_a, group_b = _branch(a, common), _branch(b, common)
    if isinstance(common, QSplitter):
        return common.indexOf(group_a) < common.indexOf(group_b)
    al, at, _ar, ab = _rect_in(group_a, common)
    bl, bt, _br, bb = _rect_in(group_b, common)
    overlap = min(ab, bb) - max(at, bt)
    same_row = overlap > min(ab - at, bb - bt) / 2
    if same_row:
        return bl >= al
    return bt >= at


def out_of_reading_order(sequence: list[QWidget]) -> list[str]:
    """Each Tab step in `sequence` that goes back up or leftwards, described."""
    return [f"{describe(a)} → {describe(b)}" for a, b in itertools.pairwise(sequence)
            if not reads_before(a, b)]


# --- colours --------------------------------------------------------------------------------

BODY_TEXT = 4.5  # WCAG 2 AA, normal text


def dark_palette():  # -> QPalette
    """A dark system palette, as a desktop in dark mode hands it to Qt."""
    from PySide6.QtGui import QColor, QPalette

    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#2d2d30", roles.WindowText: "#e6e6e6", roles.Base: "#1e1e1e",
        roles.AlternateBase: "#262629", roles.Text: "#e6e6e6", roles.Button: "#3a3a3d",
        roles.ButtonText: "#e6e6e6", roles.BrightText: "#ffffff", roles.Highlight: "#2f65ca",
        roles.HighlightedText: "#ffffff", roles.ToolTipBase: "#3a3a3d", roles.ToolTipText: "#e6e6e6",
        roles.PlaceholderText: "#a0a0a0", roles.Link: "#8ab4f8", roles.LinkVisited: "#c58af9",
        roles.Light: "#505053", roles.Midlight: "#424245", roles.Mid: "#6e6e72", roles.Dark: "#19191a",
        roles.Shadow: "#000000",
    }
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f7f7f"))
    return palette


def glyph_contrast(body) -> float:  # body: curator_app.gui.body.editor.BodyEditor
    """The faintest inked pixel of the Bold button's glyph against the button (glyphs are
    pictures of text-like marks: WCAG asks 3:1 of them)."""
    from PySide6.QtGui import QColor, QPalette

    from curator_app.gui.theme import contrast

    button = body.toolbar.widgetForAction(body.actions_by_name["bold"])
    background = button.palette().color(QPalette.ColorRole.Button)
    image = body.actions_by_name["bold"].icon().pixmap(32, 32).toImage()
    inked = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
             if image.pixelColor(x, y).alpha() > 200]
    assert inked
    return min(contrast(QColor(c.red(), c.green(), c.blue()), background) for c in inked)


def _pair(widget: QWidget):  # -> tuple[QColor, QColor] | None
    from PySide6.QtGui import QPalette

    widget.ensurePolished()
    pal = widget.palette()
    roles = QPalette.ColorRole
    if isinstance(widget, QAbstractButton):
        fg, bg = roles.ButtonText, roles.Button
        from PySide6.QtWidgets import QCheckBox, QRadioButton, QToolButton

        if isinstance(widget, QCheckBox | QRadioButton) or (isinstance(widget, QToolButton) and widget.autoRaise()):
            fg, bg = roles.WindowText, roles.Window  # drawn straight on the window
    elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractItemView | QAbstractSpinBox):
        fg, bg = roles.Text, roles.Base
    elif isinstance(widget, QComboBox):
        fg, bg = (roles.Text, roles.Base) if widget.isEditable() else (roles.ButtonText, roles.Button)
    else:
        from PySide6.QtWidgets import QLabel

        if not isinstance(widget, QLabel) or not widget.text():
            return None
        fg, bg = widget.foregroundRole(), widget.backgroundRole()
    return pal.color(fg), pal.color(bg)


def _highlighted(edit: QPlainTextEdit | QTextEdit, base):  # -> Iterator[tuple[str, QColor, QColor]]
    """The colours a syntax highlighter gave the text (the formats Qt lays out with)."""
    block = edit.document().begin()
    while block.isValid():
        layout = block.layout()
        for fmt_range in layout.formats() if layout is not None else ():
            fmt = fmt_range.format
            if fmt.hasProperty(fmt.Property.ForegroundBrush):
                bg = fmt.background().color() if fmt.hasProperty(fmt.Property.BackgroundBrush) else base
                text = block.text()[fmt_range.start:fmt_range.start + fmt_range.length]
                yield text, fmt.foreground().color(), bg
            if fmt.underlineStyle() == fmt.UnderlineStyle.SpellCheckUnderline:
                yield "(spelling underline)", fmt.underlineColor(), base
        block = block.next()


def low_contrast(root: QWidget, ratio: float = BODY_TEXT) -> list[str]:
    """Text under `root` whose colour and background reach less than `ratio`, described.
    Disabled controls are exempt (as WCAG exempts them)."""
    from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLabel

    from curator_app.gui.theme import contrast

    found = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if _inside_foreign_window(widget, root) or not widget.isEnabled():
            continue
        if not (is_control(widget) or isinstance(widget, QLabel)):
            continue
        pair = _pair(widget)
        if pair is not None and contrast(*pair) < ratio:
            found.append(f"{describe(widget)}: {pair[0].name()} on {pair[1].name()} = {contrast(*pair):.2f}")
        base = widget.palette().color(QPalette.ColorRole.Base)
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            for text, fg, bg in _highlighted(widget, base):
                if contrast(fg, bg) < ratio:
                    found.append(f"{describe(widget)} {text[:30]!r}: {fg.name()} on {bg.name()} = {contrast(fg, bg):.2f}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(min(model.rowCount(QModelIndex()), 200)):
                for column in range(1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())):
                    data = model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole)
                    if data is None:
                        continue
                    fg = data.color() if hasattr(data, "color") else data
                    if contrast(fg, base) < ratio:
                        found.append(f"{describe(widget)} row {row} column {column}: {fg.name()} on {base.name()}")
    return found


# Not triggered by the walks: they end the session, talk to a remote, or only flip a setting.
SKIPPED_COMMANDS = {"quit", "close_item", "pull", "push", "init_repo"}


def run_every_command(bench) -> list[QWidget]:  # bench: curator_app.gui.wiring.Workbench
    """Trigger every enabled menu command once (each dialog it opens goes to the installed
    responder), undo what it changed, and return the windows left open beside the main one."""
    bench.library.view.selectRow(0)  # Bulk Edit needs a selection
    bench.menu["confirm_diff"].setChecked(True)  # Save shows the save diff first
    for name, action in bench.menu:
        if name in SKIPPED_COMMANDS or action.isCheckable() or not action.isEnabled():
            continue
        action.trigger()
        QApplication.processEvents()
        session = bench.tabs.current_session()
        while session is not None and session.undo_stack.canUndo():  # Fix All must not stop Commit
            session.undo_stack.undo()
    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and w is not bench.window and not isinstance(w, QMenu)
            and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)]


def shown_title_diffs(qtbot, seed_path, tmp_path):  # -> tuple[SaveDiffDialog, DiffView]
    """The save dialog's diff and the git pane's diff of one title edit to the seed, shown."""
    from PySide6.QtWidgets import QApplication

    from curator_app.core.document.document import Document
    from curator_app.gui.git.diff_view import DiffView
    from curator_app.gui.save_diff import SaveDiffDialog

    path = tmp_path / "item.md"
    old = seed_path.read_bytes()
    path.write_bytes(old)
    doc = Document.load(path)
    doc.set(("title",), "A new title")
    dialog = SaveDiffDialog(path, old, doc.to_bytes())
    qtbot.addWidget(dialog)
    dialog.show()
    view = DiffView()
    qtbot.addWidget(view)
    view.show_save(doc)
    view.show()
    QApplication.processEvents()
    return dialog, view
