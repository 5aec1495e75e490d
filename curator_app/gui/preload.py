"""Load slow modules on worker threads, before the GUI thread imports them.

Linking QtWebEngine (Chromium: the largest library in the process) is most of the cost of
`import PySide6.QtWebEngineWidgets`, and Python's import holds the GIL while the dynamic
linker works, so done on the GUI thread it froze the freshly shown window (issue 20).
Called through ctypes, dlopen runs without the GIL; the import that follows finds the
libraries already in the process and only initialises the bindings.

A pure Python import (pygit2, mostly enum classes) on a worker thread hands the GIL back
every few milliseconds, so the window keeps painting and taking input meanwhile.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import sys
import threading

MODULES = ("PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets")


def _link(paths: list[str], done: threading.Event) -> None:
    try:
        dlopen = ctypes.CDLL(None).dlopen
        dlopen.restype = ctypes.c_void_p
        dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
        for path in paths:
            # A failure is left for the import to report, with Python's own message.
            dlopen(path.encode(), sys.getdlopenflags())
    finally:
        done.set()


def preload_web_engine() -> threading.Event:
    """Start linking the web engine's modules; the event is set when that has finished
    (at once where this cannot help: not Linux, or the modules are not installed)."""
    done = threading.Event()
    paths: list[str] = []
    if sys.platform.startswith("linux"):
        for name in MODULES:
            if name in sys.modules:
                continue
            try:
                spec = importlib.util.find_spec(name)
            except (ImportError, ValueError):
                spec = None
            if spec is not None and spec.origin and spec.origin.endswith(".so"):
                paths.append(spec.origin)
    if not paths:
        done.set()
        return done
    threading.Thread(target=_link, args=(paths, done), name="curator-web-engine-preload", daemon=True).start()
    return done


def preload_module(name: str) -> threading.Event:
    """Import `name` on a worker thread; the event is set when it has been imported (or
    failed to: the GUI thread's own import then reports the error)."""
    done = threading.Event()

    def work() -> None:
        try:
            # A failure is left for the GUI thread's own import to report.
            with contextlib.suppress(Exception):
                importlib.import_module(name)
        finally:
            done.set()

    threading.Thread(target=work, name=f"curator-preload-{name}", daemon=True).start()
    return done
