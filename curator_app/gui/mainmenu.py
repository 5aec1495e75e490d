"""Every QAction of the main window and the menus that hold them.

Actions only announce that the curator asked for something (`triggered`, `toggled`);
gui/wiring.py connects each to its handler in gui/actions/. They are reached by name: `menu["save"]`.
Shortcuts use the platform's standard keys where one exists, and never add a second
binding a platform already gives (Redo is Ctrl+Shift+Z on X11: adding it again makes Qt
report an ambiguous shortcut and do nothing).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu

Key = QKeySequence.StandardKey
Shortcut = QKeySequence.StandardKey | str | None

# menu title, then (name, text, shortcut, checkable) in menu order; None is a separator.
_MENUS: list[tuple[str, list[tuple[str, str, Shortcut, bool] | None]]] = [
    ("&File", [
        ("open_folder", "&Open Folder…", Key.Open, False),
        ("open_file", "Open &File…", "Ctrl+Shift+O", False),
        ("recent", "&Recent Folders", None, False),
        ("recent_files", "Recent F&iles", None, False),
        None,
        ("save", "&Save", Key.Save, False),
        ("save_all", "Save A&ll", "Ctrl+Alt+S", False),
        ("revert", "Re&vert", None, False),
        ("close_item", "&Close Item", Key.Close, False),
        ("confirm_diff", "Show C&hanges Before Saving", None, True),
        ("stamp_modified", "Update Last &Modified on Save", None, True),
        None,
        ("quit", "&Quit", "Ctrl+Q", False),
    ]),
    ("&Edit", [
        ("undo", "&Undo", Key.Undo, False),
        ("redo", "&Redo", Key.Redo, False),
        None,
        ("find", "&Find…", Key.Find, False),
        ("replace", "R&eplace…", "Ctrl+H", False),
        ("find_next", "Find &Next", Key.FindNext, False),
        ("find_previous", "Find Pre&vious", Key.FindPrevious, False),
        ("replace_in_folder", "Replace in F&older…", "Ctrl+Shift+F", False),
        None,
        ("spell_check", "Check &Spelling as You Type", None, True),
    ]),
    ("&Item", [
        ("new_item", "&New Item…", Key.New, False),
        ("bulk_edit", "&Bulk Edit Tags and Categories…", "Ctrl+Shift+B", False),
        ("undo_bulk", "&Undo Last Bulk Edit", None, False),
        None,
        ("duplicate_item", "Dup&licate", "Ctrl+Shift+N", False),
        ("rename_item", "&Rename File…", "F2", False),
        ("move_item", "&Move to Section…", None, False),
        ("undo_move", "Undo Rename or Mo&ve", None, False),
        ("delete_item", "&Delete…", None, False),
        None,
        ("add_field", "Add &Field…", None, False),
        ("remove_field", "Remove Fi&eld…", None, False),
        ("move_field_up", "Move Field U&p", "Alt+Shift+Up", False),
        ("move_field_down", "Move Field Do&wn", "Alt+Shift+Down", False),
        None,
        ("next_problem", "Ne&xt Problem", "F8", False),
        ("previous_problem", "Previ&ous Problem", "Shift+F8", False),
        ("apply_fix", "Apply F&ix of the Selected Problem", "Ctrl+.", False),
        ("fix_all", "Fix &All Problems", "Ctrl+Alt+F", False),
        None,
        ("add_category", "Add &Category…", "Ctrl+Alt+C", False),
        ("add_tag", "Add &Tag…", "Ctrl+Alt+G", False),
    ]),
    ("&Git", [
        ("commit", "&Commit…", "Ctrl+Shift+C", False),
        ("diff", "Chan&ges of This Item…", "Ctrl+Shift+D", False),
        ("history", "&History of This Item…", "Ctrl+Shift+H", False),
        ("review", "&Review Changes…", "Ctrl+Shift+R", False),
        None,
        ("pull", "&Pull", "Ctrl+Shift+P", False),
        ("push", "P&ush", "Ctrl+Shift+U", False),
        None,
        ("init_repo", "&Initialize Repository", None, False),
    ]),
    ("&View", [
        # Checked while the pane shows (curator_app.gui.panes); Ctrl+digit is the body's headings.
        ("show_library", "&Library", "Ctrl+Alt+1", True),
        ("show_form", "&Form", "Ctrl+Alt+2", True),
        ("show_body", "&Body Editor", "Ctrl+Alt+3", True),
        ("show_preview", "&Preview", "Ctrl+Alt+4", True),
        ("show_problems", "Proble&ms", "Ctrl+Alt+5", True),
        None,
        # Not Ctrl+E: on X11 a text box keeps that for "end of line".
        ("focus_search", "Focus Library &Search", "Ctrl+L", False),
        ("focus_editor", "Focus &Editor (Form ⇄ Body)", "Ctrl+Shift+E", False),
        None,
        ("next_card", "&Next Preview Card", "Ctrl+PgDown", False),
        ("previous_card", "Previous Preview &Card", "Ctrl+PgUp", False),
        None,
        ("remote_images", "Load &Remote Images in Previews", None, True),
    ]),
    ("&Help", [
        ("shortcuts_help", "&Keyboard Shortcuts", Key.HelpContents, False),
        ("about", "&About Curator", None, False),
    ]),
]

# Enabled only while the folder is a git repository.
GIT_ACTIONS = ("commit", "diff", "history", "review", "pull", "push")


class MainMenu(QObject):
    """The menu bar of one window; the actions are owned by the window."""

    sig_open_recent = Signal(Path)
    sig_clear_recent = Signal()
    sig_open_recent_file = Signal(Path)
    sig_clear_recent_files = Signal()

    def __init__(self, window: QMainWindow, undo_group: QUndoGroup) -> None:
        super().__init__(window)
        self._actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        for title, entries in _MENUS:
            menu = window.menuBar().addMenu(title)
            self.menus[title.replace("&", "")] = menu
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                    continue
                name, text, shortcut, checkable = entry
                if name == "recent":
                    self.recent_menu = menu.addMenu(text)
                    continue
                if name == "recent_files":
                    self.recent_files_menu = menu.addMenu(text)
                    continue
                action = self._make(window, undo_group, name, text)
                if shortcut is not None:
                    action.setShortcuts(QKeySequence.keyBindings(shortcut) if isinstance(shortcut, Key)
                                        else [QKeySequence(shortcut)])
                action.setCheckable(checkable)
                menu.addAction(action)
                self._actions[name] = action
        self["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self["about"].setMenuRole(QAction.MenuRole.AboutRole)
        self._git_present = self._git_busy = False
        self._update_git()

    @staticmethod
    def _make(window: QMainWindow, undo_group: QUndoGroup, name: str, text: str) -> QAction:
        # Undo and redo follow the active document's stack (and say what they undo).
        if name == "undo":
            return undo_group.createUndoAction(window, text)
        if name == "redo":
            return undo_group.createRedoAction(window, text)
        return QAction(text, window)

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __iter__(self) -> Iterator[tuple[str, QAction]]:
        return iter(self._actions.items())

    def fill_recent(self, folders: list[Path]) -> None:
        """The File ▸ Recent Folders entries (filled each time the submenu opens)."""
        _fill(self.recent_menu, folders, self.sig_open_recent, self.sig_clear_recent)

    def fill_recent_files(self, files: list[Path]) -> None:
        _fill(self.recent_files_menu, files, self.sig_open_recent_file, self.sig_clear_recent_files)

    def set_git_available(self, present: bool) -> None:
        self._git_present = present
        self._update_git()

    def set_git_busy(self, busy: bool) -> None:
        """A pull or push is running: no second one."""
        self._git_busy = busy
        self._update_git()

    def _update_git(self) -> None:
        for name in GIT_ACTIONS:
            self[name].setEnabled(self._git_present and not (self._git_busy and name in ("pull", "push")))
        self["init_repo"].setVisible(not self._git_present)


def _fill(menu: QMenu, paths: list[Path], chosen: SignalInstance, clear: SignalInstance) -> None:
    menu.clear()
    for path in paths:
        action = menu.addAction(str(path))
        action.triggered.connect(lambda _=False, p=path: chosen.emit(p))
    if not paths:
        menu.addAction("(none)").setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction("Clear List", clear.emit)
