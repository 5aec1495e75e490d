"""Open documents as tabs: one EditorPane and one DocumentSession per tab.

A file that cannot be parsed opens as a read-only raw view with its located error, and
its bytes are never rewritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QIcon, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from curator_app.core.document.reading import read_regular
from curator_app.core.errors import CuratorError
from curator_app.gui import theme
from curator_app.gui.a11y import name_tabs, named
from curator_app.gui.session import DocumentSession

if TYPE_CHECKING:
    from curator_app.gui.editor_pane import EditorPane


def _new_editor() -> EditorPane:
    # Imported on first use: the editor (QtAwesome and its Qt bindings shim) costs ~0.4 s
    # of start-up, and the window can show before the first item is open.
    from curator_app.gui.editor_pane import EditorPane

    return EditorPane()


RAW_VIEW_CHARS = 200_000


def raw_preview(path: Path) -> str:
    """The start of a file Curator cannot open, for reading; never a FIFO or device, never
    more than the size limit read, and cut short where a text edit would freeze on it."""
    try:
        raw = read_regular(path)
    except CuratorError as exc:
        return f"(not shown: {exc.message})"
    text = raw.decode("utf-8", "replace")
    if len(text) > RAW_VIEW_CHARS:
        return text[:RAW_VIEW_CHARS] + f"\n… (the first {RAW_VIEW_CHARS:,} of {len(text):,} characters)"
    return text


class RawView(QWidget):
    """A file Curator cannot parse: the error, then the text, read-only."""

    def __init__(self, path: Path, error: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rawView")
        self.path = path
        self.error_label = QLabel(f"Opened read-only; Curator will not rewrite this file.\n{error}")
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("rawError")
        theme.style(self.error_label, lambda: "padding: 6px; background: palette(alternate-base); color: "
                    f"{theme.tone('error', role=QPalette.ColorRole.AlternateBase).name()};")
        text = QPlainTextEdit()
        text.setReadOnly(True)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        text.setPlainText(raw_preview(path))
        named(text, "File text", "The file as it is on disk, read-only")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error_label)
        layout.addWidget(text, 1)


class DocumentTabs(QTabWidget):
    """Tabs of open items; emits the session that became current (or None)."""

    sig_current_session = Signal(object)  # DocumentSession | None
    sig_session_opened = Signal(object)  # DocumentSession
    sig_session_closing = Signal(object)  # DocumentSession
    sig_title_changed = Signal(object)  # the current DocumentSession's title was edited

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentTabs")
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        name_tabs(self, "Open items", "The items open for editing; Ctrl+W closes the current one")
        self.content_root: Path | None = None
        self._editors: dict[QWidget, DocumentSession] = {}
        self._names: dict[DocumentSession, str] = {}  # each tab's title as last shown
        # Start-up: each item's review banner (it loads git) and first lint (it loads the
        # rules and may ask the dictionary for suggestions) wait for release().
        self.held = False
        # Items still to open in the background (open_later), in tab order: before or after
        # the tab they are placed around.
        self._later: list[tuple[Path, bool]] = []
        self._anchor: DocumentSession | None = None
        # With no item open the editor's room was blank: a new user did not know what to do.
        self.empty_hint = QLabel(
            "No item is open.\n\nChoose one in the library list to edit it,\n"
            "or make a new one with Item \u25b8 New Item (Ctrl+N).", self)
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        theme.style_text(self.empty_hint, "muted")  # readable in light and dark palettes
        self.currentChanged.connect(self._on_current_changed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.empty_hint.setGeometry(self.rect().adjusted(24, 24, -24, -24))

    def tabInserted(self, index: int) -> None:
        super().tabInserted(index)
        self.empty_hint.setVisible(False)

    def tabRemoved(self, index: int) -> None:
        super().tabRemoved(index)
        self.empty_hint.setVisible(self.count() == 0)

    # --- opening ------------------------------------------------------------------------

    def open_path(self, path: Path, *, current: bool = True, at: int = -1) -> DocumentSession | None:
        """Show the tab for ``path``, opening it first if needed. current=False opens it
        without showing it; `at` is where a new tab goes (-1: last)."""
        path = path.resolve()
        index = self.index_of(path)
        if index >= 0:
            if current:
                self.setCurrentIndex(index)
            return self.session_at(index)
        try:
            session = DocumentSession(path, self)
        except CuratorError as exc:
            view = RawView(path, str(exc))
            index = self.insertTab(at, view, f"⚠ {path.name}")
            self.setTabToolTip(index, f"{path}\n{exc}")
            if current:
                self.setCurrentIndex(index)
            return None
        if self.content_root is not None and path.is_relative_to(self.content_root):
            session.content_root = self.content_root
        pane = _new_editor()
        pane.review_banner.held = pane.lint_held = self.held
        pane.open_document(session)
        self._editors[pane] = session
        index = self.insertTab(at, pane, tab_label(session))
        self.setTabToolTip(index, str(path))
        session.sig_dirty_changed.connect(lambda _dirty, s=session: self.refresh_tab(s))
        session.sig_changed.connect(lambda s=session: self._on_edited(s))
        self._names[session] = window_name(session)
        self.sig_session_opened.emit(session)
        if current:
            self.setCurrentIndex(index)
        return session

    def open_later(self, before: list[Path], after: list[Path]) -> None:
        """Open items in the background, one per turn of the event loop, without showing
        them: `before` ahead of the current tab, `after` behind it, each in its order.
        A folder's remembered tabs reopen this way: each item's open is 50-100 ms of work,
        and six of them in one turn froze the starting window for 0.4 s."""
        self._anchor = self.current_session()
        self._later = [(p, True) for p in before] + [(p, False) for p in after]
        if self._later and not self.held:  # held: at start-up they wait for release()
            QTimer.singleShot(1, self, self._open_next)

    def waiting_paths(self) -> tuple[list[Path], list[Path]]:
        """The items open_later has still to open: (ahead of the current tab, behind it)."""
        return [p for p, ahead in self._later if ahead], [p for p, ahead in self._later if not ahead]

    def _open_next(self) -> None:
        if not self._later:
            return
        path, ahead = self._later.pop(0)
        anchor = self.index_of(self._anchor.path) if self._anchor is not None and ahead else -1
        self.open_path(path, current=False, at=anchor)
        if self._later:
            QTimer.singleShot(1, self, self._open_next)

    # --- lookup -------------------------------------------------------------------------

    def index_of(self, path: Path) -> int:
        for i in range(self.count()):
            w = self.widget(i)
            if w is not None and (s := self._editors.get(w)) is not None and s.path == path:
                return i
            if isinstance(w, RawView) and w.path == path:
                return i
        return -1

    def session_at(self, index: int) -> DocumentSession | None:
        w = self.widget(index)
        return self._editors.get(w) if w is not None else None

    def editor_at(self, index: int) -> EditorPane | None:
        w = self.widget(index)
        return w if w in self._editors else None  # type: ignore[return-value]

    def current_session(self) -> DocumentSession | None:
        return self.session_at(self.currentIndex())

    def release(self) -> None:
        """Start-up is over (git is loaded, the preview has painted): every open item's
        review banner reads its review files, items not yet linted are, and the tabs
        waiting to reopen (open_later) do."""
        self.held = False
        for pane in list(self._editors):
            pane.review_banner.release()  # type: ignore[attr-defined]
            pane.release_lint()  # type: ignore[attr-defined]
        if self._later:  # the rest of the remembered tabs, after the first preview
            QTimer.singleShot(1, self, self._open_next)

    def current_editor(self) -> EditorPane | None:
        return self.editor_at(self.currentIndex())

    def sessions(self) -> list[DocumentSession]:
        return [s for i in range(self.count()) if (s := self.session_at(i)) is not None]

    def dirty_sessions(self) -> list[DocumentSession]:
        return [s for s in self.sessions() if s.is_dirty()]

    # --- closing ------------------------------------------------------------------------

    def close_index(self, index: int) -> None:
        """Close without asking; the caller has already dealt with unsaved edits."""
        widget = self.widget(index)
        session = self.session_at(index)
        if session is not None:
            self.sig_session_closing.emit(session)
        self.removeTab(index)
        if widget is not None:
            self._editors.pop(widget, None)
            widget.deleteLater()
        if session is not None:
            self._names.pop(session, None)
            session.deleteLater()

    def close_all(self) -> None:
        self._later = []  # a folder's tabs still to reopen are not the next folder's
        self._anchor = None
        while self.count():
            self.close_index(0)

    # --- internals ----------------------------------------------------------------------

    def refresh_tab(self, session: DocumentSession) -> None:
        """The tab's text, tooltip and icon from the session: unsaved (●), deleted on disk."""
        index = self.index_of(session.path)
        if index >= 0:
            self.setTabText(index, _tab_text(session))
            self.setTabToolTip(index, f"{session.path}\nDeleted on disk" if session.gone else str(session.path))
            icon = QIcon()
            if session.gone:
                # Imported here: PySide6 builds QStyle's Python type and its enums on first
                # import, about 5 ms that start-up need not spend before the window shows.
                from PySide6.QtWidgets import QStyle

                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_TrashIcon)
            self.setTabIcon(index, icon)
        if session is self.current_session():
            self.sig_current_session.emit(session)

    def _on_edited(self, session: DocumentSession) -> None:
        """Every keystroke lands here: only a changed title touches the tab and window title
        (the form has already parsed the value; reading it back costs a dict lookup)."""
        name = window_name(session)
        if self._names.get(session) == name:
            return
        self._names[session] = name
        index = self.index_of(session.path)
        if index >= 0:
            self.setTabText(index, _tab_text(session))
        if session is self.current_session():
            self.sig_title_changed.emit(session)

    def _on_current_changed(self, _index: int) -> None:
        self.sig_current_session.emit(self.current_session())


TAB_TITLE_CHARS = 32
WINDOW_TITLE_CHARS = 72  # task bars and window lists cut longer titles at a random letter
PROMPT_TITLE_CHARS = 80


def title_text(data: object, fallback: str, limit: int = TAB_TITLE_CHARS) -> str:
    """The front matter's title, shortened at a word, else `fallback`: file names are often UUIDs."""
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str) or not title.strip():
        return fallback
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip() + "…"


def tab_label(session: DocumentSession) -> str:
    """The item's title (short), else its file name."""
    return title_text(session.document.data, session.path.name)


def _tab_text(session: DocumentSession) -> str:
    gone = " (deleted)" if session.gone else ""
    return ("● " if session.is_dirty() else "") + tab_label(session) + gone


def window_name(session: DocumentSession) -> str:
    """The item's title as the window title shows it (shortened at a word), else its file name."""
    return title_text(session.document.data, session.path.name, WINDOW_TITLE_CHARS)


def item_name(session: DocumentSession) -> str:
    """The item's title, long enough for a dialog, else its file name."""
    return title_text(session.document.data, session.path.name, PROMPT_TITLE_CHARS)


def prompt_title(session: DocumentSession) -> str:
    """How a question names an item: its title in quotes (the path goes in the detail line)."""
    return f"“{item_name(session)}”"


def prompt_names(sessions: list[DocumentSession]) -> tuple[str, str]:
    """(the items' titles for a question's text, their paths for its detail line)."""
    return ", ".join(prompt_title(s) for s in sessions), "\n".join(str(s.path) for s in sessions)
