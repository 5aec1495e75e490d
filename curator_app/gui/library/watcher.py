"""The window's one watcher of the disk: the folder for the library, the open items' files.

QFileSystemWatcher watches the folders, not the 10,000 files: a folder signal covers
adds, deletes and renames in it. An in-place write to an existing file changes no folder
entry, so a slow poll also asks for a refresh; a refresh is cheap (one stat per file, in
the worker thread). Bursts (a checkout touching thousands of files) are debounced into
one request. The files of open items are watched one by one (`watch_file`), and each
notice is passed on at once as `sig_file_changed`.

While a pull runs the watcher is held: notices are collected, not passed on, and
`release` hands them over once, after the pull's own result has been dealt with.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from curator_app.core.site import tree

MAX_WATCHED_FOLDERS = 2000


class FolderWatcher(QObject):
    sig_changed = Signal()  # something under the root may have changed: refresh
    sig_file_changed = Signal(Path)  # a watched file's bytes or inode changed

    def __init__(self, parent: QObject | None = None, debounce_ms: int = 300,
                 poll_ms: int = 15000) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_dir_changed)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._files: set[str] = set()
        self._held: set[str] | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._fire)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._fire)
        self.root: Path | None = None

    def watch(self, root: Path) -> None:
        self.stop()
        self.root = root
        folders = _folders(root, MAX_WATCHED_FOLDERS)
        if folders:
            self._watcher.addPaths(folders)
        if self._poll.interval() > 0:
            self._poll.start()

    def stop(self) -> None:
        watched = self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._poll.stop()
        self._debounce.stop()
        self.root = None

    def watched_folders(self) -> list[str]:
        return self._watcher.directories()

    def watch_file(self, path: Path) -> None:
        self._files.add(str(path))
        self._rewatch(str(path))

    def unwatch_file(self, path: Path) -> None:
        self._files.discard(str(path))
        if str(path) in self._watcher.files():
            self._watcher.removePath(str(path))

    def hold(self) -> None:
        """Collect notices instead of passing them on (a pull is rewriting files)."""
        if self._held is None:
            self._held = set()
        self._debounce.stop()

    def release(self) -> list[Path]:
        """Stop holding; the watched files that changed meanwhile (the caller refreshes)."""
        held, self._held = self._held or set(), None
        for path in self._files:
            self._rewatch(path)
        return [Path(p) for p in sorted(held)]

    def _rewatch(self, path: str) -> None:
        # An atomic rename replaces the inode, and the watcher drops the path with it.
        if path in self._files and path not in self._watcher.files() and os.path.exists(path):
            self._watcher.addPath(path)

    def _on_file_changed(self, path: str) -> None:
        self._rewatch(path)
        if self._held is not None:
            self._held.add(path)
        elif path in self._files:
            self.sig_file_changed.emit(Path(path))

    def _on_dir_changed(self, path: str) -> None:
        if self._held is None:
            self._debounce.start()
        # A new subfolder (git checkout of a new section) must be watched too.
        if self.root is not None and os.path.isdir(path):
            known = set(self._watcher.directories())
            fresh = [f for f in _folders(Path(path), 200) if f not in known]
            if fresh and len(known) + len(fresh) <= MAX_WATCHED_FOLDERS:
                self._watcher.addPaths(fresh)

    def _fire(self) -> None:
        if self._held is None:
            self.sig_changed.emit()


def _folders(root: Path, limit: int) -> list[str]:
    # The same folders the library scan walks (core.site.tree decides what is content).
    return tree.folders(root, limit)
