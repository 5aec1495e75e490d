"""The open items: what follows when one opens, closes, becomes current, changes or is
saved (undo stacks, autosave, the watcher, the preview feed, the title and which
commands are enabled), and the start-up offer of edits a killed Curator left unsaved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer

from curator_app.core.document.document import Document
from curator_app.core.site.config import find_site
from curator_app.gui.actions import Actions
from curator_app.gui.documents import window_name
from curator_app.gui.parts import WindowParts
from curator_app.gui.recovery import RecoveryDialog
from curator_app.gui.session import DocumentSession

AutosaveSource = Callable[[], tuple[Path, bytes, str, bool]]

# Commands on the current item; a read-only item allows only Find.
_ITEM_COMMANDS = ("duplicate_item", "rename_item", "move_item", "delete_item", "fix_all", "find", "replace",
                  "add_field", "remove_field", "move_field_up", "move_field_down", "next_problem",
                  "previous_problem", "apply_fix", "add_category", "add_tag")


class SessionActions(Actions):
    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts)
        self._preview_doc: Document | None = None
        self._autosave_sources: dict[DocumentSession, AutosaveSource] = {}

    def opened(self, session: DocumentSession) -> None:
        parts = self.parts
        parts.undo_group.addStack(session.undo_stack)

        def source(s: DocumentSession = session) -> tuple[Path, bytes, str, bool]:
            return s.path, s.document.to_bytes(), s.document.disk_hash, s.is_dirty()

        self._autosave_sources[session] = source
        parts.autosaver.track(source)
        parts.library.watcher.watch_file(session.path)
        editor = parts.tabs.editor_at(parts.tabs.index_of(session.path))
        if editor is not None:
            parts.panes.apply_to_editor(editor)
        if editor is not None and parts.library.root is not None:
            editor.set_completions(("tags",), parts.library.values_used("tags"))
            editor.set_completions(("categories",), parts.library.values_used("categories"))

    def closing(self, session: DocumentSession) -> None:
        parts = self.parts
        parts.undo_group.removeStack(session.undo_stack)
        parts.library.watcher.unwatch_file(session.path)
        source = self._autosave_sources.pop(session, None)
        if source is not None:
            parts.autosaver.untrack(source, path=session.path)
        if session is parts.tabs.current_session() and parts.preview is not None:
            self._preview_doc = None

    def current(self, session: DocumentSession | None) -> None:
        self.parts.tools.attach(session)
        if session is not None:
            self.parts.undo_group.setActiveStack(session.undo_stack)
            # From the next turn: the render's work on its thread (Markdown, lint, cards)
            # shared the interpreter lock with the rest of this open.
            QTimer.singleShot(0, self.parts.tabs, lambda: self._feed_if_current(session))
        self.update_title(session)
        self.update_actions()

    def changed(self, session: DocumentSession) -> None:
        if session is self.parts.tabs.current_session():
            self.feed_preview(session)
        self.update_actions()

    def saved(self, session: DocumentSession) -> None:
        parts = self.parts
        parts.autosaver.notify_saved(session.path)
        parts.library.watcher.watch_file(session.path)  # the save replaced the file's inode
        parts.git.refresh_status()
        parts.window.show_message(f"Saved {session.path.name}", 4000)

    def _feed_if_current(self, session: DocumentSession) -> None:
        if session is self.parts.tabs.current_session():
            self.feed_preview(session)

    def feed_preview(self, session: DocumentSession) -> None:
        preview = self.parts.preview
        if preview is None:
            return
        if session.document is not self._preview_doc:
            self._preview_doc = session.document
            # The site's own images (static/, its base URL) are inside the site, not content/.
            site = find_site(session.path)
            inside = site is not None and session.path.resolve().is_relative_to(site.root.resolve())
            preview.set_document(session.document, site.root if inside and site else session.content_root)
        else:
            preview.document_changed()

    def update_title(self, session: DocumentSession | None) -> None:
        if session is not None:
            self.parts.window.show_title(window_name(session), dirty=session.is_dirty())
        else:
            self.parts.window.show_title(None, dirty=False)

    def update_actions(self) -> None:
        menu, tabs = self.parts.menu, self.parts.tabs
        session = tabs.current_session()
        editable = session is not None and not session.read_only
        menu["save"].setEnabled(editable)
        menu["revert"].setEnabled(editable and session is not None and session.is_dirty())
        menu["close_item"].setEnabled(tabs.count() > 0)
        for name in _ITEM_COMMANDS:
            menu[name].setEnabled(session is not None and (name == "find" or not session.read_only))
        menu["save_all"].setEnabled(bool(tabs.dirty_sessions()))

    def offer_recovery(self) -> int:
        """At startup: offer the unsaved edits of a Curator that was killed; returns how many were restored."""
        restored = RecoveryDialog.offer(self.parts.recovery, self.parts.window)
        for doc in restored:
            if doc.path is None or not doc.path.exists():
                continue
            session = self.parts.tabs.open_path(doc.path)
            if session is not None:
                state = doc.snapshot()

                def apply(d: Document, st: tuple[str, str] = state) -> None:
                    d.restore(st)

                session.edit("Recovered unsaved edits", apply)
        return len(restored)
