"""Many content files replaced as one step: all of them or none, each never torn.

``write_bytes_atomic`` syncs every temp file before renaming it. For thousands of files
that is thousands of journal commits, and each rename then waits behind the next commit.
Here the same guarantees cost one flush:

1. under every folder's save lock, each file is checked (still the bytes the caller
   read) and its temp file written next to it, not yet synced;
2. the file system is flushed once (Linux ``syncfs``): every temp file's bytes are then
   on disk;
3. each file is checked again (a long flush leaves room for another program's save),
   then every temp file is renamed over its file;
4. each folder is synced once, which makes the renames durable.

Why this is as safe as one fsync per file: a rename only ever puts in place a temp file
whose bytes reached the disk before any rename started (step 2 returned without error),
which is exactly what a per-file fsync guarantees before its rename. A crash before
step 3 leaves the originals untouched and only stray temp files, which the next save in
that folder sweeps away; a crash during step 3 leaves each file whole, old or new. An
error before step 3 removes the temp files and changes nothing; a rename that fails
puts the files already renamed back. ``syncfs`` reports write-back errors only since
Linux 5.8 (for errors after the descriptor was opened, so it is opened before the first
temp file is written); elsewhere every temp file is fsynced instead.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from curator_app.core.document.atomic_write import (
    CONFLICT,
    _check_writable,
    _discard,
    _existing,
    _not_saved,
    _stage,
    _sweep_once,
    fsync_folder,
)
from curator_app.core.document.folder_lock import folder_locked
from curator_app.core.errors import CuratorError, WriteConflictError

# (path, new bytes, bytes the caller expects on disk now; None: whatever is there)
Job = tuple[Path, bytes, "bytes | None"]


def _load_syncfs() -> Callable[[int], int] | None:
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return None
    try:
        major, minor = (int(part) for part in os.uname().release.split(".")[:2])
        fn = ctypes.CDLL(None, use_errno=True).syncfs
    except (ValueError, OSError, AttributeError):
        return None
    return fn if (major, minor) >= (5, 8) else None


_SYNCFS = _load_syncfs()


def write_files_atomic(jobs: Sequence[Job], conflict: str = CONFLICT) -> None:
    """Replace every path with its bytes, or none of them.

    A path whose bytes are not the expected ones is a WriteConflictError (message
    ``conflict``) and nothing is written.
    """
    todo = [(Path(os.path.realpath(p)) if Path(p).is_symlink() else Path(p), new, old) for p, new, old in jobs]
    folders = sorted({str(path.parent) for path, _new, _old in todo})
    # A folder that is gone holds none of the files: the check below says which.
    folders = [f for f in folders if os.path.isdir(f)]
    with contextlib.ExitStack() as locks:
        for folder in folders:  # always in the same order: two batches cannot deadlock
            locks.enter_context(folder_locked(folder))
            _sweep_once(Path(folder))
        _check_all(todo, conflict)
        with _flusher(folders) as flush:
            temps: list[str] = []
            try:
                for path, new, _old in todo:
                    st = _existing(path)
                    if st is not None:
                        _check_writable(path, st)
                    temps.append(_stage(path, new, st, sync=flush is None))
                if flush is not None:
                    flush()
                _check_all(todo, conflict)
            except BaseException:
                for tmp in temps:
                    _discard(tmp)
                raise
        _rename_all(todo, temps)
        for folder in folders:
            fsync_folder(folder)


def _check_all(todo: Sequence[Job], conflict: str) -> None:
    for path, _new, expected in todo:
        if expected is None:
            continue
        try:
            current: bytes | None = path.read_bytes()
        except OSError:
            current = None
        if current != expected:
            raise WriteConflictError(conflict, path)


def _rename_all(todo: Sequence[Job], temps: list[str]) -> None:
    done = 0
    try:
        for (path, _new, _old), tmp in zip(todo, temps, strict=True):
            os.replace(tmp, path)
            done += 1
    except OSError as exc:
        for tmp in temps[done:]:
            _discard(tmp)
        # Put back what was already replaced; a file that was new goes away again.
        back = [(path, old, new) for path, new, old in todo[:done] if old is not None]
        if back:
            write_files_atomic(back)
        for path, _new, old in todo[:done]:
            if old is None:
                with contextlib.suppress(OSError):
                    path.unlink()
        raise _not_saved(exc, todo[done][0]) from None


@contextlib.contextmanager
def _flusher(folders: list[str]) -> Iterator[Callable[[], None] | None]:
    """A function flushing every file system holding ``folders`` (None: none available).

    The descriptors are opened before the caller writes anything: syncfs reports the
    write-back errors that happened since its descriptor was opened."""
    if _SYNCFS is None:
        yield None
        return
    fds: dict[int, int] = {}
    try:
        for folder in folders:
            fd = os.open(folder, os.O_RDONLY)
            dev = os.fstat(fd).st_dev
            if dev in fds:
                os.close(fd)
            else:
                fds[dev] = fd
    except OSError as exc:
        for fd in fds.values():
            os.close(fd)
        raise CuratorError(f"could not save: {exc.strerror or exc}; nothing was written") from None

    def flush() -> None:
        assert _SYNCFS is not None
        for fd in fds.values():
            if _SYNCFS(fd) != 0:
                err = ctypes.get_errno()
                raise CuratorError(f"could not save: {os.strerror(err)}; nothing was written")

    try:
        yield flush
    finally:
        for fd in fds.values():
            os.close(fd)
