"""Worker processes that never outlive the process that started them."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Pool initializer: the kernel kills this worker when its parent dies (Linux).

    A parent killed while a worker is busy (or blocked) would otherwise leave the worker
    running with nobody to collect its result. Elsewhere this is a no-op; the pool's own
    shutdown still applies.
    """
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


# How much lower than the window's own thread a background worker runs (nice(2) steps):
# the lowest, so that where a worker and the window share a core (two cores, a folder
# being indexed) the window's thread gets nearly all of it.
BACKGROUND_NICENESS = 19


def background_worker() -> None:
    """Pool initializer for work a window waits on only in part (indexing a folder): as
    die_with_parent, and at a lower priority, so on a machine with few cores the window's
    own thread is not kept waiting for a core while the workers read and lint."""
    die_with_parent()
    with contextlib.suppress(OSError):  # not permitted: run at the normal priority
        os.nice(BACKGROUND_NICENESS)
