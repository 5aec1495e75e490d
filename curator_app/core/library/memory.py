"""Give freed heap memory back to the operating system after a large index load.

glibc keeps freed pages of a big burst of small objects (10,000 parsed items) in the
process; the library's resident size then stays at its loading peak for the whole session.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys


def release_free_memory() -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)
