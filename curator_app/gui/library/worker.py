"""Background work for the library: index refresh + lint pass in a QThread, thumbnails in
the global QThreadPool. Results come back to the GUI thread as queued signals."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader

from curator_app.core.library.index import Item, LibraryIndex
from curator_app.core.library.memory import release_free_memory
from curator_app.core.library.search import facets, haystack

# Processes for the library's lint pass, at the lowest priority (core/workers.py). Two on a
# 2-core machine: typing in the window during a 10,000-item pass kept the same keystroke ->
# preview latency with two as with one (and as with no pass), and the pass took 30 % less
# time (benchmarks/bench_typing_lint.py).
LINT_WORKERS = min(2, os.cpu_count() or 1)


class IndexWorker(QObject):
    """Lives in its own QThread; owns the writing LibraryIndex of the open folder."""

    sig_progress = Signal(int, int)  # files parsed, files to parse
    # root Path, list[Item], list[str]: a folder opened again lists what its cache holds,
    # with each row's search haystack (built here, off the GUI thread)
    sig_cached = Signal(object, object, object)
    sig_batch = Signal(object, object)  # root Path, list[Item]: rows parsed by the refresh
    # root Path, list[Item] | None, Facets: the first refresh of a folder, or one that
    # changed something, ended; the whole library when rows went away or were renamed
    # (None: the cached rows and batches sent carry every change)
    sig_items = Signal(object, object, object)
    sig_lint = Signal(object)  # {rel path: (lint count | None, error | None)}
    sig_lint_progress = Signal(int, int)
    sig_failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._index: LibraryIndex | None = None
        self._stop = threading.Event()  # stop() was called: the window is going away
        # Cleared while the window's own start-up work runs (hold): a folder's refresh does
        # not start, and one under way waits between batches instead of sharing the
        # interpreter lock with that work, which made it take about twice as long.
        self._go = threading.Event()
        self._go.set()
        # Cleared when a folder's first refresh ends: the window opens the folder's first
        # item then, and a lint pass started at the same moment (a worker process, its pool
        # and results on this thread) made that turn about half again as long on two cores.
        # The pane sets it again (allow_lint) once the item is up, or after a while.
        self._lint_go = threading.Event()
        self._lint_go.set()
        self.db_path: Path | None = None
        self._sent = False  # the GUI holds the current folder's rows (cached or batches)
        self._refreshed = False  # the current folder's first refresh ended

    def stop(self) -> None:
        """The window is going away: a running lint pass ends soon and nothing new starts
        (safe from any thread; never undone, so no refresh that follows waits for it)."""
        self._stop.set()
        self._go.set()
        self._lint_go.set()

    def hold(self) -> None:
        """From the next batch on, wait for resume() (safe from any thread)."""
        self._go.clear()

    def resume(self) -> None:
        self._go.set()

    def allow_lint(self) -> None:
        """Let a lint pass held after a folder's first refresh start (safe from any thread)."""
        self._lint_go.set()

    def _progress(self, done: int, total: int) -> None:
        if done:  # not before the first batch: the worker processes start parsing first
            self._go.wait()
        self.sig_progress.emit(done, total)

    @Slot(str)
    def open_folder(self, root: str) -> None:
        if self._index is not None:
            self._index.close()
        try:
            self._index = LibraryIndex(root)
        except Exception as exc:  # an unusable cache folder must not kill the thread
            self.sig_failed.emit(f"{root}: cannot open the library cache: {exc}")
            self._index = None
            return
        self.db_path = self._index.db_path
        self._sent = self._refreshed = False
        try:
            cached = self._index.items()
        except Exception:  # an unreadable cache is rebuilt by the refresh
            cached = []
        if cached:
            # A warm open lists what the cache holds at once; the refresh then stats the
            # files and corrects what changed.
            self.sig_cached.emit(self._index.root, cached, [haystack(i) for i in cached])
            self._sent = True
        # Held while the window starts (the list, if cached, is up): reading the files waits,
        # as a new folder's worker processes parsing on both cores stretched the start-up's
        # steps and the first item's open past 100 ms each.
        self._go.wait()
        if not self._stop.is_set():  # the window may have closed while this waited
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        index = self._index
        if index is None:
            return

        def batch(rows: list[Item]) -> None:
            self._go.wait()
            self.sig_batch.emit(index.root, rows)
            self._sent = True

        try:
            result = index.refresh(progress=self._progress, on_batch=batch)
            release_free_memory()
            if result.touched or not self._refreshed:
                whole = index.items() if result.removed or result.renamed or not self._sent else None
                if not self._refreshed:
                    self._lint_go.clear()  # before the pane can hear of it (see __init__)
                self._sent = self._refreshed = True
                # Facets and the completions' values over the whole folder: SQLite work
                # that took 0.5-0.9 s on the GUI thread with 10,000 items.
                self.sig_items.emit(index.root, whole, facets(index))
            while not self._lint_go.wait(0.05):
                if self._stop.is_set():  # closed before the pane could let the lint go
                    return
            self._lint_pass(index)
        except Exception as exc:  # report, keep the thread alive for the next request
            self.sig_failed.emit(f"{index.root}: indexing failed: {exc}")

    def _lint_pass(self, index: LibraryIndex) -> None:
        # Worker processes: the CPU work leaves this process, so the GUI thread keeps the GIL.
        index.compute_lint(
            workers=LINT_WORKERS,
            should_stop=self._stop.is_set,
            progress=self.sig_lint_progress.emit,
            on_batch=self._linted,
        )

    def _linted(self, results: dict) -> None:
        self._go.wait()
        self.sig_lint.emit({rel: (count, error) for rel, (_s, _m, count, error) in results.items()})

    @Slot()
    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None


class _ThumbSignals(QObject):
    loaded = Signal(str, QImage)


class _ThumbJob(QRunnable):
    def __init__(self, key: str, path: str, size: int, signals: _ThumbSignals) -> None:
        super().__init__()
        self.key, self.path, self.size, self.signals = key, path, size, signals

    def run(self) -> None:
        if not os.path.isfile(self.path):
            return
        reader = QImageReader(self.path)
        src = reader.size()
        if src.isValid() and src.width() > 0 and src.height() > 0:
            reader.setScaledSize(
                src.scaled(QSize(self.size, self.size), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            self.signals.loaded.emit(self.key, image)


class ThumbnailLoader(QObject):
    """Decodes thumbnails at their small size in the thread pool."""

    sig_loaded = Signal(str, QImage)

    def __init__(self, size: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self._signals = _ThumbSignals(self)
        self._signals.loaded.connect(self.sig_loaded)

    @Slot(str, str)
    def request(self, key: str, path: str) -> None:
        QThreadPool.globalInstance().start(_ThumbJob(key, path, self._size, self._signals))
