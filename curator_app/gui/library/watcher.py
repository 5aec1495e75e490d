"""Notice files added, changed, deleted or renamed outside the app (git pull, a file manager).

QFileSystemWatcher watches the folders, not the 10,000 files: a folder signal covers
adds, deletes and renames in it. An in-place write to an existing file changes no folder
entry, so a slow poll also asks for a refresh; a refresh is cheap (one stat per file, in
the worker thread). Bursts (a checkout touching thousands of files) are debounced into
one request.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from curator_app.core.site import tree

MAX_WATCHED_FOLDERS = 2000


class FolderWatcher(QObject):
    sig_changed = Signal()  # something under the root may have changed: refresh

    def __init__(self, parent: QObject | None = None, debounce_ms: int = 300,
                 poll_ms: int = 15000) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_dir_changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._fire)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.sig_changed)
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

    def _on_dir_changed(self, path: str) -> None:
        self._debounce.start()
        # A new subfolder (git checkout of a new section) must be watched too.
        if self.root is not None and os.path.isdir(path):
            known = set(self._watcher.directories())
            fresh = [f for f in _folders(Path(path), 200) if f not in known]
            if fresh and len(known) + len(fresh) <= MAX_WATCHED_FOLDERS:
                self._watcher.addPaths(fresh)

    def _fire(self) -> None:
        self.sig_changed.emit()


def _folders(root: Path, limit: int) -> list[str]:
    # The same folders the library scan walks (core.site.tree decides what is content).
    return tree.folders(root, limit)
