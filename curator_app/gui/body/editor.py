"""The body editor: a rich-text tab and an HTML source tab kept in sync through the session.

The body's bytes are only replaced when the user edits it: loading and switching tabs
never assign Document.body. A body with markup the rich view cannot represent opens in
source mode with a notice listing what it found, so nothing is ever dropped. A Markdown
body opens in Markdown mode: the source tab is Markdown with its own colours and the
toolbar writes Markdown into it, so the body is never turned into HTML.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence, QPalette, QTextCursor, QTextListFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.document.line_endings import plain_view, splice_plain
from curator_app.core.preview import markdown_body as md
from curator_app.core.preview.body_html import BodyAnalysis, BodyStyle, analyse
from curator_app.gui import theme
from curator_app.gui.a11y import name_tabs, name_toolbar, named
from curator_app.gui.body import formatting as fmt
from curator_app.gui.body.highlighter import HtmlHighlighter
from curator_app.gui.body.markdown_highlighter import MarkdownHighlighter
from curator_app.gui.body.rich_edit import RichTextEdit
from curator_app.gui.body.serialize import body_from_document
from curator_app.gui.form.icons import icon
from curator_app.gui.session import DocumentSession
from curator_app.gui.spell.underline import check_spelling

RICH_TAB, SOURCE_TAB = 0, 1
# Above these the widgets stop being responsive: a QTextDocument builds a rich body of
# 100 KB in seconds, and a text edit lays out a single line of 1 MB for seconds more.
RICH_MAX_CHARS = 100_000
HIGHLIGHT_MAX_CHARS = 100_000
LONG_LINE_CHARS = 20_000

# What each toolbar action writes in Markdown mode: ("wrap", marker) around the selection,
# or ("lines", marker) at the start of each selected line. Absent: disabled in that mode.
MARKDOWN_ACTIONS: dict[str, tuple[str, str]] = {
    "bold": ("wrap", "**"),
    "italic": ("wrap", "*"),
    "paragraph": ("lines", ""),
    "h1": ("lines", "# "),
    "h2": ("lines", "## "),
    "h3": ("lines", "### "),
    "bullets": ("lines", "- "),
    "numbers": ("lines", "1. "),
    "quote": ("lines", "> "),
}
MARKDOWN_BAR_ACTIONS = frozenset({"link", "image", "paste_plain"})


class InlineBar(QWidget):
    """Link (URL + title) or image (source + alt) entry under the toolbar; Enter applies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyLinkBar")
        self.mode = "link"
        self.caption = QLabel("Link:")
        self.first = QLineEdit()
        self.second = QLineEdit()
        self.apply_button = QPushButton(icon("fa5s.check"), "Apply")
        self.remove_button = QPushButton(icon("fa5s.unlink"), "Remove link")
        self.close_button = QToolButton()
        self.close_button.setIcon(icon("fa5s.times"))
        self.close_button.setToolTip("Close (Esc)")
        named(self.apply_button, "Apply", "Write the link or image into the body (Enter)")
        named(self.remove_button, "Remove link", "Turn the linked text back into plain text")
        named(self.close_button, "Close", "Close this bar without changing the body (Esc)")
        self._name_fields()
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 2, 2, 2)
        for w in (self.caption, self.first, self.second, self.apply_button, self.remove_button, self.close_button):
            row.addWidget(w, 2 if isinstance(w, QLineEdit) else 0)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def open(self, mode: str, first: str = "", second: str = "") -> None:
        self.mode = mode
        self.caption.setText("Link:" if mode == "link" else "Image:")
        self.first.setPlaceholderText("https://…" if mode == "link" else "image file or URL")
        self.second.setPlaceholderText("title (optional)" if mode == "link" else "alt text")
        self.first.setText(first)
        self.second.setText(second)
        self.remove_button.setVisible(mode == "link" and bool(first))
        self._name_fields()
        self.show()
        self.first.setFocus()
        self.first.selectAll()

    def _name_fields(self) -> None:
        if self.mode == "link":
            named(self.first, "Link address", "The URL the selected text links to")
            named(self.second, "Link title", "Shown when the pointer rests on the link (optional)")
        else:
            named(self.first, "Image source", "An image file in the item's folder, or a URL")
            named(self.second, "Image alt text", "What the image shows, for readers who cannot see it")

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]


class BodyEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyEditor")
        self.session: DocumentSession | None = None
        self.analysis: BodyAnalysis = analyse("")
        self.mode = "rich"
        self._shown_body: str | None = None
        self._loading = False
        self._suspend = False

        self.rich = RichTextEdit()
        self.source = QPlainTextEdit()
        self.source.setObjectName("bodySourceEdit")
        self.source.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.source.setTabChangesFocus(True)
        self.source.setUndoRedoEnabled(False)
        self.highlighter = HtmlHighlighter(self.source.document())
        self.markdown_highlighter = MarkdownHighlighter(self)
        check_spelling(self.rich)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.rich, icon("fa5s.paragraph"), "Rich text")
        self.tabs.addTab(self.source, icon("fa5s.code"), "HTML source")
        self.tabs.currentChanged.connect(self._on_tab)
        named(self.rich, "Body", "The item's body as formatted text")
        named(self.source, "Body source", "The item's body as HTML or Markdown source")
        name_tabs(self.tabs, "Body view", "Edit the body as formatted text or as source")

        self.notice = QLabel()
        self.notice.setObjectName("bodyNotice")
        self.notice.setWordWrap(True)
        self.notice.linkActivated.connect(self._on_notice_link)
        self.notice.hide()
        self._deferred: str | None = None  # a body too long-lined to load until asked
        self.bar = InlineBar()
        self.bar.apply_button.clicked.connect(self._apply_bar)
        self.bar.first.returnPressed.connect(self._apply_bar)
        self.bar.second.returnPressed.connect(self._apply_bar)
        self.bar.remove_button.clicked.connect(lambda: self._format(fmt.remove_link, close_bar=True))

        self.toolbar = QToolBar("Body formatting")
        self.toolbar.setObjectName("bodyToolbar")
        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()
        name_toolbar(self.toolbar)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.notice)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)

        self.rich.document().contentsChanged.connect(self._on_rich_changed)
        self._link_colour = theme.palette().link().color()
        theme.follow(self, self._follow_palette)
        self.source.textChanged.connect(self._on_source_changed)
        for a, b in itertools.pairwise(self.tab_stops()):
            QWidget.setTabOrder(a, b)

    def tab_stops(self) -> list[QWidget]:
        """The body's controls in reading order: the link bar under the toolbar, then the
        view tabs and the text."""
        bar = self.bar
        return [bar.first, bar.second, bar.apply_button, bar.remove_button, bar.close_button,
                self.tabs.tabBar(), self.rich, self.source]

    def _follow_palette(self) -> None:
        """The system switched between light and dark: the source colours follow, and so do
        the rich view's links (Qt gives each the link colour of the day it was loaded)."""
        for highlighter in (self.highlighter, self.markdown_highlighter):
            highlighter.restyle()
            highlighter.rehighlight()
        link = theme.palette().link().color()
        self._loading = True  # a colour is no edit of the body
        try:
            fmt.recolour_links(self.rich.document(), self._link_colour, link)
        finally:
            self._loading = False
        self._link_colour = link

    # --- toolbar ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        specs: list[tuple[str, str, str, str | None, Callable[[], None]]] = [
            ("bold", "fa5s.bold", "Bold", "Ctrl+B", lambda: self._format(fmt.toggle_bold)),
            ("italic", "fa5s.italic", "Italic", "Ctrl+I", lambda: self._format(fmt.toggle_italic)),
            ("link", "fa5s.link", "Insert or edit link", "Ctrl+K", self.edit_link),
            ("unlink", "fa5s.unlink", "Remove link", "Ctrl+Shift+K", lambda: self._format(fmt.remove_link)),
            ("-", "", "", None, lambda: None),
            ("paragraph", "fa5s.paragraph", "Paragraph", "Ctrl+0", lambda: self._format(lambda e: fmt.set_heading(e, 0))),
            ("h1", "mdi6.format-header-1", "Heading 1", "Ctrl+1", lambda: self._format(lambda e: fmt.set_heading(e, 1))),
            ("h2", "mdi6.format-header-2", "Heading 2", "Ctrl+2", lambda: self._format(lambda e: fmt.set_heading(e, 2))),
            ("h3", "mdi6.format-header-3", "Heading 3", "Ctrl+3", lambda: self._format(lambda e: fmt.set_heading(e, 3))),
            ("-", "", "", None, lambda: None),
            ("bullets", "fa5s.list-ul", "Bulleted list", "Ctrl+Shift+8",
             lambda: self._format(lambda e: fmt.toggle_list(e, QTextListFormat.Style.ListDisc))),
            ("numbers", "fa5s.list-ol", "Numbered list", "Ctrl+Shift+7",
             lambda: self._format(lambda e: fmt.toggle_list(e, QTextListFormat.Style.ListDecimal))),
            ("quote", "fa5s.quote-right", "Blockquote", "Ctrl+Shift+9", lambda: self._format(fmt.toggle_blockquote)),
            ("br", "fa5s.level-down-alt", "Line break (Shift+Enter)", None, lambda: self._format(fmt.insert_line_break)),
            ("image", "fa5s.image", "Insert image", None, lambda: self.bar.open("image")),
            ("-", "", "", None, lambda: None),
            ("paste_plain", "fa5s.paste", "Paste as plain text", "Ctrl+Shift+V", self.rich.paste_plain),
        ]
        for name, icon_name, text, shortcut, slot in specs:
            if name == "-":
                self.toolbar.addSeparator()
                continue
            action = QAction(icon(icon_name), text, self)
            action.setObjectName(f"body_{name}")
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
                self.rich.shortcuts.append(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, n=name, s=slot: self._run_action(n, s))
            self.addAction(action)
            self.toolbar.addAction(action)
            self.actions_by_name[name] = action

    def _run_action(self, name: str, slot: Callable[[], None]) -> None:
        if self.mode != "markdown":
            slot()
        elif name in MARKDOWN_ACTIONS:
            how, marker = MARKDOWN_ACTIONS[name]
            self._format_markdown(how, marker)
        elif name == "paste_plain":
            self.source.paste()  # the source tab only ever takes plain text
        elif name in MARKDOWN_BAR_ACTIONS:
            slot()

    def _format_markdown(self, how: str, marker: str) -> None:
        """Rewrite the selection (or its lines) in the Markdown source as one undo step."""
        if self.session is None:
            return
        cursor = self.source.textCursor()
        if how == "lines":
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            cursor.setPosition(start)
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            old = _selected(cursor)
            self._replace_source(cursor, md.prefix_lines(old, marker), None)
        else:
            if not cursor.hasSelection():
                cursor.select(QTextCursor.SelectionType.WordUnderCursor)
            self._take_markers(cursor, marker)
            text, inner_start, inner_end = md.wrap_inline(_selected(cursor), marker)
            self._replace_source(cursor, text, (inner_start, inner_end))

    def _take_markers(self, cursor: QTextCursor, marker: str) -> None:
        """Grow a selection of "x" in "**x**" to the markers, so pressing Bold again unbolds."""
        doc = self.source.document()
        start, end, m = cursor.selectionStart(), cursor.selectionEnd(), len(marker)
        before = "".join(doc.characterAt(i) for i in range(start - m - 1, start)) if start > m else " " + "".join(
            doc.characterAt(i) for i in range(max(0, start - m), start))
        after = "".join(doc.characterAt(i) for i in range(end, end + m + 1))
        # Exactly this marker on both sides (not a longer run of the same character).
        if before[1:] == marker and after[:m] == marker and before[0] != marker[0] and after[m:] != marker[0]:
            cursor.setPosition(start - m)
            cursor.setPosition(end + m, QTextCursor.MoveMode.KeepAnchor)

    def _insert_markdown(self, make: Callable[[str], str]) -> None:
        cursor = self.source.textCursor()
        self._replace_source(cursor, make(_selected(cursor)), None)
        self.bar.hide()

    def _replace_source(self, cursor: QTextCursor, text: str, keep: tuple[int, int] | None) -> None:
        if self.session is None:
            return
        if self.tabs.currentIndex() != SOURCE_TAB:
            self.tabs.setCurrentIndex(SOURCE_TAB)
        start = cursor.selectionStart()
        if text == _selected(cursor):
            return
        self.session.end_merge()
        cursor.insertText(text)  # one change, reaching the session through textChanged
        self.session.end_merge()
        if keep is not None:
            # Offsets from Python count code points, Qt's count UTF-16 units.
            units = lambda s: len(s.encode("utf-16-le")) // 2  # noqa: E731
            cursor.setPosition(start + units(text[: keep[0]]))
            cursor.setPosition(start + units(text[: keep[1]]), QTextCursor.MoveMode.KeepAnchor)
            self.source.setTextCursor(cursor)
        else:
            self.source.setTextCursor(cursor)
        self.source.setFocus()

    def _format(self, operation: Callable[[RichTextEdit], None], close_bar: bool = False) -> None:
        """Apply a formatting operation as one undo step of its own."""
        if self.mode != "rich" or self.session is None:
            return
        if self.tabs.currentIndex() != RICH_TAB:
            self.tabs.setCurrentIndex(RICH_TAB)
        self.session.end_merge()
        self._suspend = True
        try:
            operation(self.rich)
        finally:
            self._suspend = False
        self._commit_rich(merge=False)
        self.session.end_merge()
        if close_bar:
            self.bar.hide()
        self.rich.setFocus()

    def edit_link(self) -> None:
        if self.mode == "markdown":
            self.bar.open("link")
            return
        href, title = fmt.link_at_cursor(self.rich)
        self.bar.open("link", href, title)

    def _apply_bar(self) -> None:
        first, second = self.bar.first.text().strip(), self.bar.second.text()
        if not first:
            return
        if self.mode == "markdown":
            if self.bar.mode == "link":
                self._insert_markdown(lambda sel: md.link(sel, first, second))
            else:
                self._insert_markdown(lambda _sel: md.image(first, second))
            return
        if self.bar.mode == "link":
            self._format(lambda e: fmt.set_link(e, first, second), close_bar=True)
        else:
            self._format(lambda e: fmt.insert_image(e, first, second), close_bar=True)

    # --- loading ------------------------------------------------------------------------

    def focus_text(self) -> bool:
        """The text of the view shown (rich or source): View ▸ Focus Editor."""
        widget = self.tabs.currentWidget()
        if widget is None:
            return False
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def open_session(self, session: DocumentSession) -> None:
        self.session = session
        self._shown_body = None
        self.refresh()

    def refresh(self) -> None:
        """Show the document's body if it is not what the widgets already show."""
        if self.session is None:
            return
        body = self.session.document.body
        if body == self._shown_body:
            return
        self._load(body)

    def _load(self, body: str, force: bool = False) -> None:
        if len(body) > RICH_MAX_CHARS or _longest_line(body) > LONG_LINE_CHARS:
            self._load_large(body, force)
            return
        self._deferred = None
        self.source.setReadOnly(False)
        keep = self.rich.textCursor().position()
        self.analysis = analyse(body)
        self._loading = True
        try:
            if self.highlighter.document() is None:
                self.highlighter.setDocument(self.source.document())
            self.source.setPlainText(body)
            if self.analysis.rich_ok:
                self.rich.setHtml(body.strip())
                cursor = self.rich.textCursor()
                cursor.setPosition(min(keep, max(0, self.rich.document().characterCount() - 1)))
                self.rich.setTextCursor(cursor)
        finally:
            self._loading = False
        self._shown_body = body
        markdown = md.is_markdown(self.analysis)
        self._set_mode("rich" if self.analysis.rich_ok else "markdown" if markdown else "source")
        if self.analysis.rich_ok and body_from_document(self.rich.document(), self.analysis.style) != body:
            self.analysis.normalizes.append("its markup is written in a simpler form once the body is edited here")
        self._show_notice()

    def _load_large(self, body: str, force: bool) -> None:
        """Source mode without highlighting; a body with a very long line is not even put in
        the text edit until the user asks (laying it out freezes the window), so the item
        opens at once and its front matter can be edited meanwhile."""
        size = len(body.encode("utf-8"))
        longest = _longest_line(body)
        reason = f"the body is {_human(size)}" if len(body) > RICH_MAX_CHARS else (
            f"one line of the body is {longest:,} characters long"
        )
        self.analysis = BodyAnalysis(False, [reason], BodyStyle(), [])
        lazy = longest > LONG_LINE_CHARS and not force
        self._loading = True  # detaching the colours re-formats the text: not an edit
        try:
            self.highlighter.setDocument(None)  # detached: colouring a huge body takes seconds
            self.rich.clear()
            self.source.setPlainText("" if lazy else body)
            self.source.setReadOnly(lazy)
            self.source.setPlaceholderText("Not loaded yet: see the note above." if lazy else "")
        finally:
            self._loading = False
        self._deferred = body if lazy else None
        self._shown_body = body
        self._set_mode("source")
        load = ' <a href="load">Load it into the editor</a> (may take a while).' if lazy else ""
        self.notice.setText(
            f"<b>Large body:</b> {_esc(reason)}, so it opens as HTML source without colours "
            f"(the rich view opens bodies up to {RICH_MAX_CHARS // 1000} KB with lines up to "
            f"{LONG_LINE_CHARS:,} characters).{load}"
        )
        theme.style(self.notice, _warning_style)
        self.notice.show()

    def _on_notice_link(self, target: str) -> None:
        if target == "load" and self._deferred is not None:
            self._load(self._deferred, force=True)

    def _set_mode(self, mode: str) -> None:
        markdown = mode == "markdown"
        if markdown != (self.mode == "markdown"):
            # HTML colours on Markdown would mark its <https://…> links and nothing else.
            self.highlighter.set_active(not markdown)
            self.markdown_highlighter.setDocument(self.source.document() if markdown else None)
        self.mode = mode
        rich = mode == "rich"
        self.tabs.setTabEnabled(RICH_TAB, rich)
        self.tabs.setTabText(SOURCE_TAB, "Markdown" if markdown else "HTML source")
        self.tabs.setTabIcon(SOURCE_TAB, icon("fa5b.markdown" if markdown else "fa5s.code"))
        self.toolbar.setEnabled(rich or markdown)
        for name, action in self.actions_by_name.items():
            action.setEnabled(not markdown or name in MARKDOWN_ACTIONS or name in MARKDOWN_BAR_ACTIONS)
        if not rich:
            self.tabs.setCurrentIndex(SOURCE_TAB)

    def _show_notice(self) -> None:
        a = self.analysis
        if a.markup == "markdown":
            self.notice.setText("<b>Markdown body:</b> edit it as Markdown text (the toolbar writes Markdown); "
                                "Hugo renders it when the site is built.")
            theme.style(self.notice, _note_style)
            self.notice.show()
        elif not a.rich_ok:
            self.notice.setText(
                "<b>Source mode:</b> this body has markup the rich view cannot keep ("
                + ", ".join(_esc(r) for r in a.reasons)
                + "). Edit it as HTML; nothing is dropped."
            )
            theme.style(self.notice, _warning_style)
            self.notice.show()
        elif a.normalizes:
            self.notice.setText("Note: " + "; ".join(_esc(n) for n in a.normalizes) + ".")
            theme.style(self.notice, _note_style)
            self.notice.show()
        else:
            self.notice.hide()

    # --- edits --------------------------------------------------------------------------

    def _on_rich_changed(self) -> None:
        if self._loading or self._suspend or self.mode != "rich":
            return
        self._commit_rich(merge=True)

    def _commit_rich(self, merge: bool) -> None:
        if self.session is None:
            return
        body = body_from_document(self.rich.document(), self.analysis.style)
        self._shown_body = body
        self.session.set_body(body, merge=merge)

    def _on_source_changed(self) -> None:
        if self._loading or self.session is None or self._deferred is not None:
            return
        body = splice_plain(self.session.document.body, self.source.toPlainText())
        self._shown_body = body
        self.session.set_body(body, merge=True)

    def _on_tab(self, index: int) -> None:
        if self.session is None:
            return
        body = self.session.document.body
        if self._deferred is not None:
            return  # nothing loaded yet: the notice offers to load it
        if index == SOURCE_TAB and self.source.toPlainText() != plain_view(body):
            self._loading = True
            try:
                self.source.setPlainText(body)
            finally:
                self._loading = False
        elif index == RICH_TAB:
            # Source edits reach the rich view when it is shown again (or it goes source-only).
            self._load(body)


def _longest_line(text: str) -> int:
    if len(text) <= LONG_LINE_CHARS:
        return len(text)
    return max(map(len, text.split("\n")))


def _human(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{size / 1024:.0f} KB"


def _note_style() -> str:
    return "background: palette(alternate-base); padding: 4px; border-radius: 3px;"


def _warning_style() -> str:
    """A notice that needs attention: the palette's colours, marked by a warning-coloured edge."""
    edge = theme.tone("warning", role=QPalette.ColorRole.AlternateBase).name()
    return f"background: palette(alternate-base); color: palette(text); border-left: 4px solid {edge}; padding: 4px;"


def _selected(cursor: QTextCursor) -> str:
    # Qt hands selections back with U+2029 between paragraphs.
    return cursor.selectedText().replace("\u2029", "\n")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
