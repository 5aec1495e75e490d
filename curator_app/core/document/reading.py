"""Read a content file without trusting what the name points at.

A name ending in `.md` may be a FIFO (opening it blocks until a writer comes), a link to
`/dev/zero` (reading never ends) or a sparse file of a gigabyte. So the type and size are
checked before anything is read, the open never blocks, and the read stops one byte past
the limit whatever the size claimed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from curator_app.core.errors import ParseError, UnsafeContentError

MAX_FILE_BYTES = 5 * 1024 * 1024

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def check_regular(path: str | Path, st: os.stat_result, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse, by its stat alone, what Curator must not read."""
    if stat.S_ISDIR(st.st_mode):
        raise ParseError("is a folder, not a file", path)
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeContentError(f"is {_kind(st.st_mode)}; Curator only reads regular files", path)
    if st.st_size > limit:
        raise UnsafeContentError(too_big_message(st.st_size, limit), path)


def too_big_message(size: int, limit: int = MAX_FILE_BYTES) -> str:
    return f"file is {size:,} bytes; Curator opens files up to {limit:,} bytes"


def read_regular(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a ParseError saying why not.

    The name is stat'ed first (following links, so a link to a device is refused), then
    opened non-blocking and stat'ed again through the descriptor, so a file swapped for a
    FIFO between the two steps is refused too.
    """
    try:
        check_regular(path, os.stat(path), limit)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ParseError("file not found", path) from None
    except IsADirectoryError:
        raise ParseError("is a folder, not a file", path) from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        check_regular(path, os.fstat(fd), limit)
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", path) from None
    finally:
        os.close(fd)
    if got > limit:  # the file grew after the stat
        raise UnsafeContentError(f"file is over {limit:,} bytes; Curator opens files up to {limit:,} bytes", path)
    return b"".join(chunks)


def is_regular_file(path: str | Path) -> bool:
    """A regular file (links followed), without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
