"""The one writer of content files: temp file in the same folder, fsync, rename.

A crash at any moment leaves either the old bytes or the new bytes at the path, never a
mix or an empty file. The file's permission bits are kept.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from curator_app.core.errors import CuratorError


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    path = Path(path)
    if path.is_symlink():
        # Replace the file the link points at, not the link (content folders use links).
        path = Path(os.path.realpath(path))
    folder = path.parent
    try:
        st = path.stat()
        mode = stat.S_IMODE(st.st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise CuratorError(f"could not save: {exc.strerror or exc}", path) from None
    else:
        if not stat.S_ISREG(st.st_mode):
            raise CuratorError("could not save: not a regular file", path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".curator-tmp", dir=folder)
    except OSError as exc:
        raise CuratorError(
            f"could not save: {exc.strerror or exc}; the file on disk is unchanged", path
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise CuratorError(
            f"could not save: {exc.strerror or exc}; the file on disk is unchanged", path
        ) from None
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
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
