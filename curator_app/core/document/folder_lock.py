"""A per-folder lock that every Curator process takes while it writes a content file.

The lock is ``flock`` on the folder itself, not on a lock file: a lock file would sit in
the user's git-tracked content folder, and deleting one safely is its own race. The lock
serialises "check the disk, write the temp file, rename" across processes, and it tells a
temp file whose writer died (nobody holds the lock) from one that is being written.

Within one process the lock is re-entrant per folder (``curator set`` holds it from load
to save while the save takes it again); a second open file description would otherwise
deadlock against the first.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from curator_app.core.errors import CuratorError

try:
    import fcntl

    HAVE_FLOCK = True
except ImportError:  # Windows: saves stay atomic, only cross-process serialisation is lost
    HAVE_FLOCK = False

WAIT_SECONDS = 10.0


@dataclass
class _Held:
    mutex: threading.RLock = field(default_factory=threading.RLock)
    fd: int | None = None
    depth: int = 0


_registry: dict[str, _Held] = {}
_registry_mutex = threading.Lock()


def _entry(folder: Path) -> tuple[str, _Held]:
    key = os.path.realpath(folder)
    with _registry_mutex:
        return key, _registry.setdefault(key, _Held())


@contextlib.contextmanager
def folder_locked(folder: str | Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the folder's save lock; waits up to ``wait`` seconds for another process."""
    if not _try_acquire(Path(folder), wait):
        raise CuratorError(
            f"another program has been saving in this folder for {wait:.0f} s; try again", folder
        )
    try:
        yield
    finally:
        _release(Path(folder))


def try_folder_lock(folder: str | Path) -> contextlib.AbstractContextManager[bool]:
    """Take the lock only if it is free right now; yields whether it was taken."""

    @contextlib.contextmanager
    def attempt() -> Iterator[bool]:
        taken = _try_acquire(Path(folder), 0.0)
        try:
            yield taken
        finally:
            if taken:
                _release(Path(folder))

    return attempt()


def _try_acquire(folder: Path, wait: float) -> bool:
    key, held = _entry(folder)
    acquired = held.mutex.acquire(timeout=wait) if wait > 0 else held.mutex.acquire(blocking=False)
    if not acquired:
        return False
    if held.depth:
        held.depth += 1
        return True
    if not HAVE_FLOCK:
        held.depth = 1
        return True
    try:
        fd = os.open(key, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        held.mutex.release()
        raise CuratorError(f"could not save: {exc.strerror or exc}", folder) from None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                held.mutex.release()
                return False
            time.sleep(0.005)  # flock has no timed wait; another save takes milliseconds
    held.fd, held.depth = fd, 1
    return True


def _release(folder: Path) -> None:
    _key, held = _entry(folder)
    held.depth -= 1
    if held.depth == 0 and held.fd is not None:
        os.close(held.fd)  # closing the only descriptor drops the flock
        held.fd = None
    held.mutex.release()
