"""Find / Replace in the open item (Ctrl+F, Ctrl+H, F3, Shift+F3).

Hits come from core.find over the Document (front-matter values and body text, never
markup); every replacement is one undoable edit through the session. The body's hits are
highlighted in whichever body view is showing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.algebra.diff import BODY_KEY
from curator_app.core.errors import CuratorError
from curator_app.core.find.item import Hit, find_in_document, replace_all, replace_hits, value_of
from curator_app.core.find.query import Query
from curator_app.gui import theme

if TYPE_CHECKING:
    from curator_app.gui.editor_pane import EditorPane
    from curator_app.gui.session import DocumentSession

HIT_COLOUR = QColor(255, 214, 0, 150)


def _toggle(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setCheckable(True)
    button.setToolTip(tip)
    return button


def _named(widget: QWidget, name: str, text: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(text)
    return widget


class FindBar(QWidget):
    sig_closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.session: DocumentSession | None = None
        self.pane: EditorPane | None = None
        self.hits: list[Hit] = []
        self.current = -1
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("Find in this item")
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText("Replace with")
        # Compact toggles (as in most editors' find bars) keep the pattern box wide.
        self.case = _toggle("Aa", "Match case")
        self.word = _toggle("W", "Whole words only")
        self.regex = _toggle(".*", "Regular expression (\\1 in the replacement)")
        self.count = QLabel("")
        self.prev_button = QPushButton("Previous")
        self.next_button = QPushButton("Next")
        self.replace_button = QPushButton("Replace")
        self.replace_all_button = QPushButton("Replace All")
        self.close_button = QPushButton("Close")
        self.results = QListWidget()
        self.results.setMaximumHeight(6 * self.results.fontMetrics().lineSpacing() + 8)
        for w, name, text in (
            (self.find_edit, "findText", "Find"),
            (self.replace_edit, "replaceText", "Replace with"),
            (self.case, "findCase", "Match case"),
            (self.word, "findWord", "Whole words"),
            (self.regex, "findRegex", "Regular expression"),
            (self.count, "findCount", "Matches"),
            (self.prev_button, "findPrevious", "Previous match"),
            (self.next_button, "findNext", "Next match"),
            (self.replace_button, "replaceOne", "Replace this match"),
            (self.replace_all_button, "replaceAll", "Replace all matches"),
            (self.close_button, "findClose", "Close find bar"),
            (self.results, "findResults", "Matches by field"),
        ):
            _named(w, name, text)
            w.setAccessibleDescription(text)
        top = QHBoxLayout()
        self.find_edit.setMinimumWidth(220)
        self.replace_edit.setMinimumWidth(220)
        top.addWidget(self.find_edit, 2)
        top.addWidget(self.count)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        top.addWidget(self.case)
        top.addWidget(self.word)
        top.addWidget(self.regex)
        top.addWidget(self.close_button)
        self.replace_row = QWidget()
        bottom = QHBoxLayout(self.replace_row)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.replace_edit, 2)
        bottom.addWidget(self.replace_button)
        bottom.addWidget(self.replace_all_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.replace_row)
        layout.addWidget(self.results)

        self.find_edit.textChanged.connect(self.refresh)
        for box in (self.case, self.word, self.regex):
            box.toggled.connect(self.refresh)
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_current)
        self.next_button.clicked.connect(self.find_next)
        self.prev_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_everything)
        self.close_button.clicked.connect(self.close_bar)
        self.results.currentRowChanged.connect(self._on_row)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    # --- opening ------------------------------------------------------------------------

    def attach(self, session: DocumentSession | None, pane: EditorPane | None) -> None:
        if self.session is not None:
            self.session.sig_changed.disconnect(self.refresh)
        self.session, self.pane = session, pane
        if session is not None:
            session.sig_changed.connect(self.refresh)
        self.refresh()

    def open_find(self, replace: bool = False) -> None:
        self.replace_row.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self.refresh()

    def open_replace(self) -> None:
        self.open_find(replace=True)

    def close_bar(self) -> None:
        self._highlight([])
        self.hide()
        self.sig_closed.emit()
        if self.pane is not None and 0 <= self.current < len(self.hits):
            self._reveal(self.hits[self.current], focus=True)

    # --- searching ----------------------------------------------------------------------

    def query(self) -> Query:
        return Query(
            self.find_edit.text(),
            self.replace_edit.text(),
            case_sensitive=self.case.isChecked(),
            whole_word=self.word.isChecked(),
            regex=self.regex.isChecked(),
        )

    def refresh(self) -> None:
        if not self.isVisible() or self.session is None or not self.find_edit.text():
            self.hits = []
            self._show_hits("")
            return
        try:
            self.hits = find_in_document(self.session.document, self.query())
        except CuratorError as exc:
            self.hits = []
            self._show_hits(exc.message)
            return
        self._show_hits(f"{len(self.hits)} match{'es' * (len(self.hits) != 1)}")

    def _show_hits(self, status: str) -> None:
        self.count.setText(status)
        self.results.blockSignals(True)
        self.results.clear()
        doc = self.session.document if self.session is not None else None
        for hit in self.hits:
            context = hit.context(value_of(doc, hit.key)) if doc is not None else hit.text
            item = QListWidgetItem(f"{hit.label}: {context}")
            item.setToolTip(f"In {hit.label}")
            self.results.addItem(item)
        self.results.blockSignals(False)
        self.current = min(self.current, len(self.hits) - 1)
        has = bool(self.hits)
        for b in (self.next_button, self.prev_button, self.replace_button, self.replace_all_button):
            b.setEnabled(has and (b in (self.next_button, self.prev_button) or not self._read_only()))
        self._highlight([h for h in self.hits if h.key == BODY_KEY])

    def _read_only(self) -> bool:
        return self.session is None or self.session.read_only

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.isVisible():
            self.open_find(self.replace_row.isVisible())
        if not self.hits:
            return
        self.current = (self.current + delta) % len(self.hits) if self.current >= 0 else (0 if delta > 0 else len(self.hits) - 1)
        self.results.setCurrentRow(self.current)

    def _on_row(self, row: int) -> None:
        self.current = row
        if 0 <= row < len(self.hits):
            self._reveal(self.hits[row], focus=False)

    # --- replacing ----------------------------------------------------------------------

    def replace_current(self) -> None:
        index = max(self.current, 0)
        self.refresh()  # the hits carry their replacement: take the box as it is now
        if self._read_only() or not self.hits:
            return
        index = min(index, len(self.hits) - 1)
        hit = self.hits[index]
        self.session.edit(f"Replace '{hit.text}' in {hit.label}", lambda d: replace_hits(d, [hit]))  # type: ignore[union-attr]
        self.current = index - 1  # the next hit moves into this place
        self.find_next()

    def replace_everything(self) -> None:
        if self._read_only() or not self.hits:
            return
        query = self.query()
        n = len(self.hits)
        self.session.edit(  # type: ignore[union-attr]
            f"Replace all '{query.pattern}' ({n})", lambda d: replace_all(d, query)
        )

    # --- showing ------------------------------------------------------------------------

    def _reveal(self, hit: Hit, focus: bool) -> None:
        pane = self.pane
        if pane is None:
            return
        if hit.key == BODY_KEY:
            view = pane.body.source if pane.body.mode == "source" or pane.body.tabs.currentIndex() == 1 else pane.body.rich
            cursor = self._body_cursor(view, hit)
            if cursor is not None:
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                if focus:
                    view.setFocus()
            return
        key = hit.key[:-1] if isinstance(hit.key[-1], int) else hit.key
        editor = pane.form.editor(key)
        if focus:
            pane.focus_field(key)
        elif editor is not None:
            pane.form.ensureWidgetVisible(editor, 40, 60)
        edit = getattr(editor, "edit", None)
        if isinstance(edit, QLineEdit) and not isinstance(hit.key[-1], int):
            edit.setSelection(hit.start, hit.end - hit.start)

    def _body_cursor(self, view: QTextEdit | QPlainTextEdit, hit: Hit) -> QTextCursor | None:
        if isinstance(view, QPlainTextEdit):  # the source shows the body's own text
            cursor = QTextCursor(view.document())
            cursor.setPosition(hit.start)
            cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
            return cursor
        ranges = self._rich_ranges(view)
        nth = [h for h in self.hits if h.key == BODY_KEY].index(hit)
        if nth >= len(ranges):
            return None
        cursor = QTextCursor(view.document())
        cursor.setPosition(ranges[nth][0])
        cursor.setPosition(ranges[nth][1], QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _rich_ranges(self, view: QTextEdit) -> list[tuple[int, int]]:
        """The same matches in the rich view's text (markup is already gone there)."""
        try:
            pattern = self.query().compiled
        except CuratorError:
            return []
        text = view.document().toPlainText()
        return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]

    def _highlight(self, body_hits: list[Hit]) -> None:
        if self.pane is None:
            return
        fmt = QTextCharFormat()
        fmt.setBackground(HIT_COLOUR)
        # The hit's text stays readable on the yellow whatever the theme's text colour.
        fmt.setForeground(theme.readable(theme.palette().color(QPalette.ColorRole.Text),
                                          theme.over(HIT_COLOUR, theme.palette().color(QPalette.ColorRole.Base))))
        source = self.pane.body.source
        selections = []
        for hit in body_hits:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._body_cursor(source, hit) or QTextCursor(source.document())
            sel.format = fmt
            selections.append(sel)
        source.setExtraSelections(selections)
        rich = self.pane.body.rich
        rich_selections = []
        for lo, hi in self._rich_ranges(rich) if body_hits else []:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(rich.document())
            cursor.setPosition(lo)
            cursor.setPosition(hi, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            rich_selections.append(sel)
        rich.setExtraSelections(rich_selections)


