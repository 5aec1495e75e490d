"""Index workers started by a process with threads (the window) run at a lower priority
than it; the single-threaded command line's workers do not."""

from __future__ import annotations

import os
import threading

from curator_app.core.library.index import _pool
from curator_app.core.workers import BACKGROUND_NICENESS


def _niceness() -> int:
    return os.nice(0)


def test_workers_of_a_threaded_process_give_way_to_it() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # as the window's Qt threads make it
    other.start()
    try:
        with _pool(1) as pool:
            worker = pool.submit(_niceness).result(timeout=60)
    finally:
        stop.set()
        other.join()
    assert worker == min(19, _niceness() + BACKGROUND_NICENESS)


def test_workers_of_the_command_line_keep_its_priority() -> None:
    if len(os.listdir("/proc/self/task")) != 1:  # pytest plugins may have started threads
        import pytest

        pytest.skip("this test process has threads: the command line's case cannot be made here")
    with _pool(1) as pool:
        assert pool.submit(_niceness).result(timeout=60) == _niceness()
