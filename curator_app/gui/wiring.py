"""The one place that connects Curator's widgets to each other and to core operations.

Widgets only show state and emit requests; everything that decides what happens next
(opening, saving, conflicts with the disk, undo routing, the preview feed) lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from curator_app.core.algebra.diff import unified_diff
from curator_app.core.document.document import Document
from curator_app.core.errors import CuratorError, WriteConflictError
from curator_app.core.recovery import RecoveryStore
from curator_app.gui import alerts
from curator_app.gui.documents import DocumentTabs
from curator_app.gui.git import DiffDialog, GitController, HistoryDialog
from curator_app.gui.library import LibraryPane
from curator_app.gui.main_window import MainWindow, items_root
from curator_app.gui.recovery import Autosaver, RecoveryDialog
from curator_app.gui.session import DocumentSession
from curator_app.gui.settings import Settings

if TYPE_CHECKING:
    from curator_app.core.algebra.merge3 import MergeResult
    from curator_app.gui.preview.pane import PreviewPane


EXTERNAL_CHANGE_GRACE_MS = 400
RELOAD, KEEP_MINE, MERGE = "Reload", "Keep Mine", "Merge…"


class SaveDiffDialog(QDialog):
    """What a save will write, as a unified diff, with Save / Cancel."""

    def __init__(self, path: Path, old: bytes, new: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Save {path.name}?")
        self.setObjectName("saveDiffDialog")
        self.resize(820, 520)
        text = QPlainTextEdit()
        text.setObjectName("saveDiffText")
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        diff = unified_diff(old, new, f"{path.name} (on disk)", f"{path.name} (to be saved)")
        text.setPlainText(diff or "No changes.")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)


class Workbench(QObject):
    """Owns the panes of one main window and wires them together."""

    def __init__(self, window: MainWindow, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.tabs = DocumentTabs()
        self.preview = _make_preview()
        self.undo_group = QUndoGroup(self)
        self._preview_doc: Document | None = None
        self._asking: set[DocumentSession] = set()  # sessions with an external-change question open
        self.recovery = RecoveryStore()
        self.autosaver = Autosaver(self.recovery, parent=self)
        self.autosaver.sig_error.connect(lambda msg: window.statusBar().showMessage(msg, 10000))
        self._autosave_sources: dict[DocumentSession, Callable[[], tuple[Path, bytes, str, bool]]] = {}
        self.library = LibraryPane()
        window.set_library_widget(self.library)
        self.git = GitController(parent=window)
        self.git.set_dialog_parent(window)
        self.branch_label = QLabel()
        self.branch_label.setObjectName("branchLabel")
        window.statusBar().addPermanentWidget(self.branch_label)
        window.set_centre_widget(self.tabs)
        if self.preview is not None:
            window.set_preview_widget(self.preview)
        window.close_guard = self.confirm_close_all
        window.item_selected.connect(self.open_item)
        window.folder_opened.connect(self._on_folder_opened)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.sig_session_opened.connect(self._on_session_opened)
        self.tabs.sig_session_closing.connect(self._on_session_closing)
        self.tabs.sig_current_session.connect(self._on_current_session)
        self._wire_library()
        self._wire_git()
        self._build_actions()

    # --- actions ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        w = self.window
        file_menu = w.file_menu
        self.save_action = _action(w, "&Save", self.save_current, QKeySequence.StandardKey.Save)
        self.save_all_action = _action(w, "Save A&ll", self.save_all, QKeySequence("Ctrl+Alt+S"))
        self.revert_action = _action(w, "&Revert", self.revert_current, None)
        self.close_tab_action = _action(w, "&Close Item", self.close_current, QKeySequence.StandardKey.Close)
        self.confirm_diff_action = QAction("Show &Changes Before Saving", w, checkable=True)
        self.confirm_diff_action.setChecked(self.settings.bool_value("confirm_save_diff", False))
        self.confirm_diff_action.toggled.connect(lambda on: self.settings.set_value("confirm_save_diff", on))
        for action in (self.save_action, self.save_all_action, self.revert_action, self.close_tab_action):
            file_menu.insertAction(w.quit_action, action)
        file_menu.insertAction(w.quit_action, self.confirm_diff_action)
        file_menu.insertSeparator(w.quit_action)

        edit_menu = w.edit_menu
        self.undo_action = self.undo_group.createUndoAction(w, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(w, "&Redo")
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")]
        )
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        item_menu = _menu(w, "&Item")
        w.menuBar().insertMenu(w.help_menu.menuAction(), item_menu)
        self.new_item_action = _action(w, "&New Item…", self.new_item, QKeySequence.StandardKey.New)
        self.bulk_action = _action(
            w, "&Bulk Edit Tags and Categories…", self.bulk_edit, QKeySequence("Ctrl+Shift+B")
        )
        self.undo_bulk_action = _action(w, "&Undo Last Bulk Edit", self.undo_bulk, None)
        for a in (self.new_item_action, self.bulk_action, self.undo_bulk_action):
            item_menu.addAction(a)

        git_menu = _menu(w, "&Git")
        w.menuBar().insertMenu(w.help_menu.menuAction(), git_menu)
        self.commit_action = _action(w, "&Commit…", self.commit, QKeySequence("Ctrl+Shift+C"))
        self.diff_action = _action(w, "&Changes of This Item…", self.show_diff, QKeySequence("Ctrl+Shift+D"))
        self.history_action = _action(
            w, "&History of This Item…", self.show_history, QKeySequence("Ctrl+Shift+H")
        )
        self.pull_action = _action(w, "&Pull", self.git.pull, QKeySequence("Ctrl+Shift+P"))
        self.push_action = _action(w, "P&ush", self.git.push, QKeySequence("Ctrl+Shift+U"))
        self.init_repo_action = _action(w, "&Initialize Repository", self.init_repository, None)
        for a in (self.commit_action, self.diff_action, self.history_action):
            git_menu.addAction(a)
        git_menu.addSeparator()
        git_menu.addAction(self.pull_action)
        git_menu.addAction(self.push_action)
        git_menu.addSeparator()
        git_menu.addAction(self.init_repo_action)
        self._git_actions = (
            self.commit_action,
            self.diff_action,
            self.history_action,
            self.pull_action,
            self.push_action,
        )
        self._set_repository(False)

        view = w.view_menu
        self.remote_images_action = QAction("Load &Remote Images in Previews", w, checkable=True)
        self.remote_images_action.setChecked(self.settings.bool_value("remote_images", False))
        self.remote_images_action.toggled.connect(self._set_remote_images)
        view.addAction(self.remote_images_action)
        self._set_remote_images(self.remote_images_action.isChecked())
        self._update_actions()

    def _update_actions(self) -> None:
        session = self.tabs.current_session()
        editable = session is not None and not session.read_only
        self.save_action.setEnabled(editable)
        self.revert_action.setEnabled(editable and session is not None and session.is_dirty())
        self.close_tab_action.setEnabled(self.tabs.count() > 0)
        self.save_all_action.setEnabled(bool(self.tabs.dirty_sessions()))

    def _set_remote_images(self, allow: bool) -> None:
        self.settings.set_value("remote_images", allow)
        if self.preview is not None:
            self.preview.set_allow_remote_images(allow)

    # --- library ------------------------------------------------------------------------

    def _wire_library(self) -> None:
        lib = self.library
        lib.sig_item_activated.connect(self.open_item)
        lib.sig_loaded.connect(self._on_library_loaded)
        lib.sig_failed.connect(lambda msg: self.window.statusBar().showMessage(msg, 10000))
        lib.sig_progress.connect(self._on_index_progress)

    def _on_index_progress(self, done: int, total: int) -> None:
        if total and done < total:
            self.window.statusBar().showMessage(f"Indexing {done:,} of {total:,} items…")
        else:
            self.window.statusBar().clearMessage()

    def _on_library_loaded(self, count: int) -> None:
        self.window.set_item_count(count)
        self._feed_completions()
        if self.tabs.count() == 0 and count:
            first = self.library.model.path_at(0)
            if first is not None:
                self.open_item(first)

    def _feed_completions(self) -> None:
        tags, cats = self.library.values_used("tags"), self.library.values_used("categories")
        for i in range(self.tabs.count()):
            editor = self.tabs.editor_at(i)
            if editor is not None:
                editor.set_completions(("tags",), tags)
                editor.set_completions(("categories",), cats)

    def new_item(self) -> None:
        dialog = self.library.new_item_dialog()
        if dialog is not None:
            alerts.run(dialog)

    def bulk_edit(self) -> None:
        if not self.library.selected_paths():
            alerts.tell(self.window, "bulk-edit-nothing-selected", "Bulk edit",
                        "Select the items to edit in the library first.")
            return
        alerts.run(self.library.bulk_edit_dialog())

    def undo_bulk(self) -> None:
        try:
            if not self.library.undo_last_bulk():
                self.window.statusBar().showMessage("No bulk edit to undo", 4000)
        except CuratorError as exc:
            alerts.tell(self.window, "bulk-undo-failed", "Cannot undo the bulk edit", str(exc),
                        level=alerts.Level.WARNING)

    # --- git ----------------------------------------------------------------------------

    def _wire_git(self) -> None:
        git = self.git
        git.sig_repository_changed.connect(self._set_repository)
        git.sig_branch_changed.connect(self.branch_label.setText)
        git.sig_status_changed.connect(self.library.model.set_vcs_status)
        git.sig_error.connect(
            lambda msg: alerts.tell(self.window, "git-error", "Git", msg, level=alerts.Level.WARNING)
        )
        git.sig_message.connect(lambda msg: self.window.statusBar().showMessage(msg, 6000))
        git.sig_progress.connect(self._on_git_progress)
        git.sig_busy.connect(self._on_git_busy)
        git.sig_pulled.connect(self._on_pulled)

    def _on_git_busy(self, busy: bool) -> None:
        self.pull_action.setEnabled(not busy)
        self.push_action.setEnabled(not busy)

    def _set_repository(self, present: bool) -> None:
        for action in getattr(self, "_git_actions", ()):
            action.setEnabled(present)
        if hasattr(self, "init_repo_action"):
            self.init_repo_action.setVisible(not present)
        if not present:
            self.branch_label.setText("not a git repository")

    def _on_git_progress(self, text: str, done: int, total: int) -> None:
        suffix = f" {done}/{total}" if total else ""
        self.window.statusBar().showMessage(f"{text}{suffix}")

    def init_repository(self) -> None:
        self.git.init_repository()

    def commit(self) -> None:
        if self.tabs.dirty_sessions():
            answer = alerts.ask(
                self.window,
                "save-before-commit",
                "Commit",
                "Save the open items with unsaved changes first?",
                ["Save", alerts.CANCEL],
            )
            if answer != "Save" or not self.save_all():
                return
        session = self.tabs.current_session()
        dialog = self.git.commit_dialog(self.window, checked=[session.path] if session else None)
        if dialog is not None:
            alerts.run(dialog)

    def show_diff(self) -> None:
        session = self.tabs.current_session()
        if session is None or self.git.repo is None:
            return
        alerts.run(DiffDialog(self.git.repo, session.path, document=session.document, parent=self.window))

    def show_history(self) -> None:
        session = self.tabs.current_session()
        if session is None or self.git.repo is None:
            return
        def apply(fn: Callable[[Document], object]) -> None:
            session.edit("Restore from history", fn)

        alerts.run(HistoryDialog(self.git.repo, session.document, apply=apply, parent=self.window))

    def _on_pulled(self, paths: list[Path]) -> None:
        """A pull changed files: clean items reload, items with unsaved edits merge field by field."""
        changed = {p.resolve() for p in paths}
        for session in self.tabs.sessions():
            if session.path.resolve() not in changed:
                continue
            if not session.is_dirty():
                session.reload_from_disk()
                continue
            base = self.git.pre_pull_bytes(session.path) or session.document.original_bytes
            self._merge_disk_into(session, base, "Merge with the pulled version")
        self.library.refresh()

    # --- opening ------------------------------------------------------------------------

    def _on_folder_opened(self, folder: Path) -> None:
        self.tabs.content_root = items_root(folder)
        self.library.open_folder(folder)
        self.git.set_folder(folder)

    def open_item(self, path: Path) -> DocumentSession | None:
        return self.tabs.open_path(path)

    def _on_session_opened(self, session: DocumentSession) -> None:
        self.undo_group.addStack(session.undo_stack)

        def source(s: DocumentSession = session) -> tuple[Path, bytes, str, bool]:
            return s.path, s.document.to_bytes(), s.document.disk_hash, s.is_dirty()

        self._autosave_sources[session] = source
        self.autosaver.track(source)
        session.sig_saved.connect(self.autosaver.notify_saved)
        session.sig_saved.connect(lambda _p: self.git.refresh_status())
        editor = self.tabs.editor_at(self.tabs.index_of(session.path))
        if editor is not None and self.library.root is not None:
            editor.set_completions(("tags",), self.library.values_used("tags"))
            editor.set_completions(("categories",), self.library.values_used("categories"))
        session.sig_external_change.connect(lambda s=session: self.ask_external_change(s))
        session.sig_changed.connect(lambda s=session: self._on_session_changed(s))
        session.sig_saved.connect(lambda _p: self.window.statusBar().showMessage(f"Saved {_p.name}", 4000))

    def _on_session_closing(self, session: DocumentSession) -> None:
        self.undo_group.removeStack(session.undo_stack)
        source = self._autosave_sources.pop(session, None)
        if source is not None:
            self.autosaver.untrack(source, path=session.path)
        if session is self.tabs.current_session() and self.preview is not None:
            self._preview_doc = None

    def _on_current_session(self, session: DocumentSession | None) -> None:
        if session is not None:
            self.undo_group.setActiveStack(session.undo_stack)
            self._feed_preview(session)
        self._update_title(session)
        self._update_actions()

    def _on_session_changed(self, session: DocumentSession) -> None:
        if session is self.tabs.current_session():
            self._feed_preview(session)
        self._update_actions()

    def _feed_preview(self, session: DocumentSession) -> None:
        if self.preview is None:
            return
        if session.document is not self._preview_doc:
            self._preview_doc = session.document
            self.preview.set_document(session.document, session.content_root)
        else:
            self.preview.document_changed()

    def _update_title(self, session: DocumentSession | None) -> None:
        if session is None:
            self.window.show_title(self.window.current_path, dirty=False)
        else:
            self.window.show_title(session.path, dirty=session.is_dirty())

    # --- saving -------------------------------------------------------------------------

    def save_current(self) -> bool:
        session = self.tabs.current_session()
        return self.save(session) if session is not None else False

    def save_all(self) -> bool:
        return all(self.save(s) for s in self.tabs.dirty_sessions())

    def save(self, session: DocumentSession, force: bool = False) -> bool:
        if session.read_only:
            return False
        if self.confirm_diff_action.isChecked() and not force:
            old = session.path.read_bytes() if session.path.exists() else b""
            dialog = SaveDiffDialog(session.path, old, session.document.to_bytes(), self.window)
            if alerts.run(dialog) != QDialog.DialogCode.Accepted:
                return False
        try:
            session.save(force=force)
        except WriteConflictError:
            self.ask_external_change(session, saving=True)
            return False
        except CuratorError as exc:
            # The edits stay in the editor; the file on disk is untouched (atomic writer).
            alerts.tell(self.window, "save-failed", "Could not save", str(exc), level=alerts.Level.WARNING)
            return False
        self._update_title(session)
        self._update_actions()
        return True

    def revert_current(self) -> None:
        session = self.tabs.current_session()
        if session is None or not session.is_dirty():
            return
        answer = alerts.ask(
            self.window,
            "revert",
            "Revert",
            f"Throw away the unsaved changes to {session.path.name}?",
            ["Discard", alerts.CANCEL],
        )
        if answer == "Discard":
            session.revert()

    # --- disk conflicts -----------------------------------------------------------------

    def ask_external_change(self, session: DocumentSession, saving: bool = False) -> None:
        """The file changed on disk while there are unsaved edits: reload, keep mine or merge.

        Asked a moment later, and only if still true: a pull of that file is merged by
        _on_pulled, which leaves nothing to ask.
        """
        if saving:
            self._show_external_box(session, saving)
        else:
            QTimer.singleShot(EXTERNAL_CHANGE_GRACE_MS, lambda: self._show_external_box(session, saving))

    def _show_external_box(self, session: DocumentSession, saving: bool) -> None:
        if session not in self.tabs.sessions() or session in self._asking:
            return
        if not saving and not session.document.changed_on_disk():
            return
        self._asking.add(session)
        try:
            answer = alerts.ask(
                self.window,
                "external-change",
                "File changed on disk",
                f"{session.path.name} was changed by another program.",
                [RELOAD, KEEP_MINE, MERGE, alerts.CANCEL],
                default=MERGE,
                detail="Your unsaved edits are still here. Reload the version on disk, keep your "
                "version (saving will overwrite the disk), or merge the two field by field.",
                level=alerts.Level.WARNING,
            )
            if answer == RELOAD:
                session.reload_from_disk()
            elif answer == KEEP_MINE:
                session.keep_mine()
                if saving:
                    self.save(session, force=True)
            elif answer == MERGE:
                self.merge_with_disk(session)
        finally:
            self._asking.discard(session)

    def merge_with_disk(self, session: DocumentSession) -> bool:
        """Three-way merge: base = bytes opened, theirs = disk, mine = unsaved edits."""
        return self._merge_disk_into(session, session.document.original_bytes, "Merge with the version on disk")

    def _merge_disk_into(self, session: DocumentSession, base: bytes, label: str) -> bool:
        """Merge the file on disk with the session's unsaved edits; conflicts go to the merge dialog.

        The result becomes one undoable, unsaved edit on top of the disk version; False when
        it could not be merged or the user cancelled (the session is then left as it was).
        """
        from curator_app.core.algebra.merge3 import merge_documents

        try:
            result = merge_documents(base, Document.load(session.path), session.document)
        except CuratorError as exc:
            alerts.tell(self.window, "merge-failed", "Cannot merge", str(exc), level=alerts.Level.WARNING)
            return False
        merged = result.document if result.clean else _resolve_conflicts(result, self.window)
        if merged is None:
            return False
        session.adopt(Document.load(session.path), label, merged.snapshot())
        return True

    # --- closing ------------------------------------------------------------------------

    def close_current(self) -> None:
        if self.tabs.count():
            self.close_tab(self.tabs.currentIndex())

    def close_tab(self, index: int) -> None:
        session = self.tabs.session_at(index)
        if session is not None and session.is_dirty() and not self._confirm_discard([session]):
            return
        self.tabs.close_index(index)
        self._update_actions()
        if not self.tabs.count():
            self._update_title(None)

    def confirm_close_all(self) -> bool:
        dirty = self.tabs.dirty_sessions()
        if dirty and not self._confirm_discard(dirty):
            return False
        self.tabs.close_all()
        self.autosaver.shutdown()
        self.recovery.close()
        self.library.shutdown()
        self.git.shutdown()
        return True

    # --- crash recovery -----------------------------------------------------------------

    def offer_recovery(self) -> int:
        """At startup: offer the unsaved edits of a Curator that was killed; returns how many were restored."""
        restored = RecoveryDialog.offer(self.recovery, self.window)
        for doc in restored:
            if doc.path is None or not doc.path.exists():
                continue
            session = self.tabs.open_path(doc.path)
            if session is not None:
                state = doc.snapshot()

                def apply(d: Document, st: tuple[str, str] = state) -> None:
                    d.restore(st)

                session.edit("Recovered unsaved edits", apply)
        return len(restored)

    def _confirm_discard(self, sessions: list[DocumentSession]) -> bool:
        """Ask Save / Discard / Cancel for unsaved edits; True when it is fine to close."""
        names = ", ".join(s.path.name for s in sessions)
        answer = alerts.ask(
            self.window,
            "unsaved-changes",
            "Unsaved changes",
            f"Save the changes to {names} before closing?",
            ["Save", "Discard", alerts.CANCEL],
            default="Save",
            level=alerts.Level.WARNING,
        )
        if answer == "Save":
            return all(self.save(s) for s in sessions)
        return answer == "Discard"


def _resolve_conflicts(result: MergeResult, parent: QWidget) -> Document | None:
    try:
        from curator_app.gui.git.merge_dialog import MergeDialog
    except ImportError:  # pragma: no cover - the git GUI is part of the app
        return None
    dialog = MergeDialog(result, parent)
    if alerts.run(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.merged_document()


def _make_preview() -> PreviewPane | None:
    try:
        from curator_app.gui.preview.pane import PreviewPane
    except ImportError:  # QtWebEngine missing: the editor still works
        return None
    return PreviewPane()


def _menu(parent: QWidget, title: str) -> QMenu:
    return QMenu(title, parent)


def _action(
    parent: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | None,
) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action
