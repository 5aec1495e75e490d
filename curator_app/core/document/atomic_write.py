"""The one writer of content files: temp file in the same folder, fsync, rename.

A crash at any moment leaves either the old bytes or the new bytes at the path, never a
mix or an empty file. Everything happens under the folder's save lock (folder_lock.py):
with ``expect_hash`` the disk content is checked again just before the rename, so a save
never lands over another save or over a file another program is half-way through writing.

The replacement keeps the file's mode, owner, group and extended attributes. A file the
user cannot write (no write bit, or another user's file) is refused rather than replaced,
as careful editors do. A file with several hard links is refused too: a rename would split
the names (the others would keep the old text), and writing in place would give up the
guarantee that a crash never tears the file. Copy the file (or remove the other names)
to edit it with Curator.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import threading
from pathlib import Path

from curator_app.core.document.folder_lock import folder_locked, try_folder_lock
from curator_app.core.errors import CuratorError, WriteConflictError

TEMP_SUFFIX = ".curator-tmp"
CONFLICT = "the file changed on disk since it was opened; reload or choose to overwrite"

_cleaned: set[str] = set()


def write_bytes_atomic(
    path: str | Path, data: bytes, *, expect_hash: str | None = None, sync_folder: bool = True
) -> None:
    """Replace ``path`` with ``data``.

    ``expect_hash`` is the sha256 of the bytes the caller last read (None: overwrite
    whatever is there). A missing file never matches an expected hash. A caller writing
    many files in one folder passes ``sync_folder=False`` and calls ``fsync_folder`` once
    after the last rename: the renames are durable from then on either way.
    """
    path = Path(path)
    if path.is_symlink():
        # Replace the file the link points at, not the link (content folders use links).
        path = Path(os.path.realpath(path))
    folder = path.parent
    with folder_locked(folder):
        # Holding the lock, no other Curator is between creating and renaming a temp file:
        # any temp file here was left by a writer that died. Swept once per folder and
        # process: listing a 10,000-item folder on every save would dominate bulk edits.
        _sweep_once(folder)
        st = _existing(path)
        if expect_hash is not None:
            _check_unchanged(path, expect_hash)
        if st is not None:
            _check_writable(path, st)
        tmp = _stage(path, data, st, sync=True)
        try:
            if expect_hash is not None:
                _check_unchanged(path, expect_hash)
            os.replace(tmp, path)
        except BaseException as exc:
            _discard(tmp)
            if isinstance(exc, OSError):
                raise _not_saved(exc, path) from None
            raise
        if sync_folder:
            fsync_folder(folder)


def _sweep_once(folder: Path) -> None:
    key = os.path.realpath(folder)
    if key not in _cleaned:
        _cleaned.add(key)
        _remove_temps(folder)


def _not_saved(exc: OSError, path: Path) -> CuratorError:
    return CuratorError(f"could not save: {exc.strerror or exc}; the file on disk is unchanged", path)


def _stage(path: Path, data: bytes, st: os.stat_result | None, *, sync: bool) -> str:
    """A temp file next to ``path`` holding ``data`` and the original's metadata."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise _not_saved(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            _copy_metadata(path, st, fh.fileno(), tmp)
            if sync:
                os.fsync(fh.fileno())
    except BaseException as exc:
        _discard(tmp)
        if isinstance(exc, OSError):
            raise _not_saved(exc, path) from None
        raise
    return tmp


def _discard(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def clean_stale_temps(folder: str | Path) -> int:
    """Remove temp files left by killed saves; skipped while another process is saving.

    Returns how many were removed.
    """
    folder = Path(folder)
    with contextlib.suppress(CuratorError, OSError), try_folder_lock(folder) as taken:
        if taken:
            return _remove_temps(folder)
    return 0


def clean_stale_temps_once(folder: str | Path, *, background: bool = False) -> threading.Thread | None:
    """``clean_stale_temps`` the first time this process opens a file in ``folder``.

    background=True sweeps on a thread of its own (returned), for the window: listing a
    folder of 10,000 items took 12-14 ms of the turn that opened its first item, and
    nothing waits for stale temp files to go. A save meanwhile is safe: the sweep needs the
    folder's lock, which a save holds from its temp file's creation to its rename. Not for
    a process that may fork while the sweep holds that lock (the child could not take it)."""
    key = os.path.realpath(folder)
    if key in _cleaned:
        return None
    _cleaned.add(key)
    if not background:
        clean_stale_temps(key)
        return None
    sweep = threading.Thread(target=clean_stale_temps, args=(key,), name="curator-temp-sweep", daemon=True)
    sweep.start()
    return sweep


def _remove_temps(folder: Path) -> int:
    # Names first, filtered in one pass: a folder of 10,000 items took 10 ms with scandir's
    # entry per file, on the turn that opens the folder's first item.
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    removed = 0
    for name in [n for n in names if n[:1] == "." and n.endswith(TEMP_SUFFIX)]:
        path = os.path.join(folder, name)
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
                removed += 1
    return removed


def _existing(path: Path) -> os.stat_result | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CuratorError(f"could not save: {exc.strerror or exc}", path) from None
    if not stat.S_ISREG(st.st_mode):
        raise CuratorError("could not save: not a regular file", path)
    return st


def _check_unchanged(path: Path, expect_hash: str) -> None:
    try:
        current = hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        current = None
    except OSError as exc:
        raise CuratorError(f"could not save: {exc.strerror or exc}", path) from None
    if current != expect_hash:
        raise WriteConflictError(CONFLICT, path)


def _check_writable(path: Path, st: os.stat_result) -> None:
    mode = stat.S_IMODE(st.st_mode)
    if st.st_nlink > 1:
        raise CuratorError(
            f"not saved: the file has {st.st_nlink} hard links, and replacing it would leave the "
            "other names with the old text; copy it to a file of its own to edit it",
            path,
        )
    euid = os.geteuid() if hasattr(os, "geteuid") else None
    if euid not in (None, 0) and st.st_uid != euid:
        raise CuratorError(
            f"not saved: the file belongs to another user (uid {st.st_uid}, mode {mode:04o}); "
            "Curator will not replace it",
            path,
        )
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or (
        euid not in (None, 0) and not mode & stat.S_IWUSR
    ):
        raise CuratorError(
            f"not saved: the file is read-only (mode {mode:04o}); make it writable to save", path
        )


def _copy_metadata(path: Path, st: os.stat_result | None, fd: int, tmp: str) -> None:
    """Give the temp file the original's extended attributes, owner, group and mode
    (a new file gets what the umask allows, not mkstemp's 0600)."""
    if st is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    if hasattr(os, "listxattr"):
        try:
            names = os.listxattr(path)
        except OSError:
            names = []  # the file system has no extended attributes
        for name in names:
            try:
                os.setxattr(fd, name, os.getxattr(path, name))
            except OSError as exc:
                raise CuratorError(
                    f"not saved: cannot keep the extended attribute '{name}': {exc.strerror or exc}",
                    path,
                ) from None
    if hasattr(os, "fchown"):
        tmp_st = os.fstat(fd)
        if (tmp_st.st_uid, tmp_st.st_gid) != (st.st_uid, st.st_gid):
            uid = st.st_uid if os.geteuid() == 0 else -1
            # Another user's group can only be kept by root; the owner check refused the rest.
            with contextlib.suppress(PermissionError):
                os.fchown(fd, uid, st.st_gid)
    # Last: chown clears set-id bits, and a POSIX ACL attribute rewrites the group bits.
    os.chmod(tmp, stat.S_IMODE(st.st_mode))


def fsync_folder(folder: str | Path) -> None:
    # The rename is durable only once the directory entry is on disk (POSIX).
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
