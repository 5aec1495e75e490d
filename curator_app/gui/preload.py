"""Load slow modules on worker threads, before the GUI thread imports them.

Linking QtWebEngine (Chromium: the largest library in the process) is most of the cost of
`import PySide6.QtWebEngineWidgets`, and Python's import holds the GIL while the dynamic
linker works, so done on the GUI thread it froze the freshly shown window (issue 20).
Called through ctypes, dlopen runs without the GIL; the import that follows finds the
libraries already in the process and only initialises the bindings.

Creating the first web profile also makes OpenGL contexts on the GUI thread (QtWebEngine
asks the driver for the GPU's vendor), and with Mesa that loads the driver: under X the
GLX vendor library and the DRI driver, which brings LLVM (about 150 MB of libraries). They
are linked on the same worker thread first, taking ~40 ms of CPU off the GUI thread.

A pure Python import (pygit2, mostly enum classes) on a worker thread hands the GIL back
every few milliseconds, so the window keeps painting and taking input meanwhile.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import os
import sys
import sysconfig
import threading
from pathlib import Path

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


def preload_web_engine(*, gl: bool = False) -> threading.Event:
    """Start linking the web engine's modules (and with `gl`, the OpenGL driver it will make
    contexts with); the event is set when that has finished (at once where this cannot
    help: not Linux, or nothing left to link)."""
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
        if gl and paths:  # once the web engine is in, its contexts exist already
            paths.extend(mesa_glx_libraries())
    if not paths:
        done.set()
        return done
    threading.Thread(target=_link, args=(paths, done), name="curator-web-engine-preload", daemon=True).start()
    return done


def mesa_glx_libraries() -> list[str]:
    """Mesa's GLX vendor library and its DRI driver, when Mesa is the one X will use.

    Every DRI driver file is one Mesa build under many names (hard links), so any of them
    links the code the real driver name will need; the software one exists wherever Mesa
    does. Another vendor's GLX (named by __GLX_VENDOR_LIBRARY_NAME) needs none of it."""
    if os.environ.get("__GLX_VENDOR_LIBRARY_NAME", "mesa") != "mesa":
        return []
    folders = [p for p in os.environ.get("LIBGL_DRIVERS_PATH", "").split(":") if p]
    arch = sysconfig.get_config_var("MULTIARCH")
    folders += [f"/usr/lib/{arch}/dri"] if arch else []
    folders += ["/usr/lib64/dri", "/usr/lib/dri"]
    drivers = [str(Path(f, "swrast_dri.so")) for f in folders if Path(f, "swrast_dri.so").is_file()]
    return ["libGLX_mesa.so.0", *drivers[:1]] if drivers else []


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
